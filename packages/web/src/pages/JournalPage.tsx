import type { Entry, UnreadableEntry } from "@meridian/core";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { api, type TagCount } from "../api/client";
import { errorMessage } from "../api/errors";
import { useUser } from "../app/auth";
import { Calendar } from "../components/Calendar";
import { EntryCard } from "../components/EntryCard";
import { Empty, ErrorNote, Skeletons } from "../components/Status";
import { deletions } from "../journal/deletions";
import { closingSavesSettled } from "../journal/entrySession";
import { addUnreadable } from "../journal/unreadable";
import { dayHeading, monthRange, parseYmd, todayIn, yearOf } from "../lib/dates";
import { Link, navigate, useLocation } from "../router/router";
import { DeletedBanner } from "./DeletedBanner";
import { UnreadableBanner } from "./UnreadableBanner";

const subscribeDeletions = (fn: () => void) => deletions.subscribe(fn);
const deletionState = () => deletions.state;

function groupByDay(entries: readonly Entry[]): Array<[string, Entry[]]> {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = groups.get(e.localDate);
    if (list) list.push(e);
    else groups.set(e.localDate, [e]);
  }
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
}

function journalUrl(tag: string | null, date: string | null): string {
  const p = new URLSearchParams();
  if (tag) p.set("tag", tag);
  if (date) p.set("date", date);
  const qs = p.toString();
  return qs ? `/journal?${qs}` : "/journal";
}

export function JournalPage() {
  const user = useUser();
  const { search } = useLocation();
  const tag = search.get("tag");
  const date = search.get("date");
  const today = todayIn(user.timeZone);
  const initialMonth = parseYmd(date ?? today);
  const [month, setMonth] = useState({ year: initialMonth.year, month: initialMonth.month });

  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState<UnreadableEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState<Map<string, number>>(new Map());
  const [tags, setTags] = useState<TagCount[]>([]);
  const [onThisDay, setOnThisDay] = useState<Entry[] | null>(null);

  useEffect(() => {
    let live = true;
    setEntries(null);
    setUnreadable([]);
    setError(null);
    // Coming back from the editor: let its last save land so the list shows every word.
    closingSavesSettled()
      .then(() =>
        api.entries({ tag: tag ?? undefined, from: date ?? undefined, to: date ?? undefined, limit: 30 }),
      )
      .then((list) => {
        if (!live) return;
        setEntries(list.entries);
        setUnreadable(addUnreadable([], list.unreadable));
        setCursor(list.nextCursor);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [tag, date]);

  useEffect(() => {
    let live = true;
    const { from, to } = monthRange(month.year, month.month);
    api
      .days(from, to)
      .then((r) => live && setDays(new Map(r.days.map((d) => [d.date, d.count]))))
      .catch(() => live && setDays(new Map()));
    return () => {
      live = false;
    };
  }, [month]);

  useEffect(() => {
    api
      .tags()
      .then((r) => setTags(r.tags))
      .catch(() => setTags([]));
    api
      .onThisDay(today)
      .then((r) => setOnThisDay(r.entries))
      .catch(() => setOnThisDay([]));
  }, [today]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const list = await api.entries({
        tag: tag ?? undefined,
        from: date ?? undefined,
        to: date ?? undefined,
        limit: 30,
        cursor,
      });
      setEntries((prev) => [...(prev ?? []), ...list.entries]);
      setUnreadable((prev) => addUnreadable(prev, list.unreadable));
      setCursor(list.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  const deleteBanner = useSyncExternalStore(subscribeDeletions, deletionState);
  // Entries waiting for Undo or deleted are hidden; the banner changes whenever that set does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deleteBanner marks a change in deletions
  const visible = useMemo(
    () => (entries ?? []).filter((e) => !deletions.hidden(e.id)),
    [entries, deleteBanner],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const visibleOnThisDay = useMemo(
    () => onThisDay?.filter((e) => !deletions.hidden(e.id)) ?? null,
    [onThisDay, deleteBanner],
  );
  const groups = useMemo(() => groupByDay(visible), [visible]);
  const filtered = tag !== null || date !== null;

  return (
    <div className="journal-layout">
      <div>
        <div className="page-head">
          <h1>Journal</h1>
          <Link to="/entries/new" className="btn btn-primary">
            New entry
          </Link>
        </div>
        <DeletedBanner
          state={deleteBanner}
          onUndo={() => void deletions.undo()}
          onDismiss={() => deletions.dismiss()}
        />
        <UnreadableBanner items={unreadable} />
        {filtered && (
          <div className="row" aria-live="polite">
            <span className="muted">Showing</span>
            {date && <span className="chip">{dayHeading(date)}</span>}
            {tag && <span className="chip">#{tag}</span>}
            <button type="button" className="btn btn-quiet btn-small" onClick={() => navigate("/journal")}>
              Show all entries
            </button>
          </div>
        )}
        <div className="stack">
          {error && <ErrorNote>{error}</ErrorNote>}
          {!entries && !error && (
            <div aria-busy="true">
              <span className="visually-hidden" role="status">
                Loading entries…
              </span>
              <Skeletons count={3} />
            </div>
          )}
          {entries && visible.length === 0 && unreadable.length === 0 && (
            <Empty>
              {filtered ? (
                <p>No entries match this filter.</p>
              ) : (
                <>
                  <p>Your journal is empty. Tonight is a good night to begin.</p>
                  <Link to="/entries/new" className="btn btn-primary">
                    Write your first entry
                  </Link>
                </>
              )}
            </Empty>
          )}
          {groups.map(([day, list]) => (
            <section className="day-group" key={day} aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>{dayHeading(day, today)}</h2>
              <ul className="entry-list">
                {list.map((e) => (
                  <li key={e.id}>
                    <EntryCard entry={e} timeZone={user.timeZone} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {cursor && (
            <button type="button" className="btn" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Show older entries"}
            </button>
          )}
        </div>
      </div>

      <aside className="journal-side" aria-label="Browse">
        <Calendar
          year={month.year}
          month={month.month}
          counts={days}
          today={today}
          selected={date}
          onMonth={(year, m) => setMonth({ year, month: m })}
          onSelect={(d) => navigate(journalUrl(tag, d))}
        />

        <section className="card" aria-labelledby="tags-heading">
          <h2 id="tags-heading" className="flush-top side-heading">
            Tags
          </h2>
          {tags.length === 0 ? (
            <p className="muted small">Tags you add to entries appear here.</p>
          ) : (
            <div className="chips">
              {tags.map((t) => (
                <button
                  type="button"
                  key={t.tag}
                  className="chip"
                  aria-pressed={tag === t.tag}
                  onClick={() => navigate(journalUrl(tag === t.tag ? null : t.tag, date))}
                >
                  #{t.tag} <span className="muted">{t.count}</span>
                </button>
              ))}
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="otd-heading">
          <h2 id="otd-heading" className="flush-top side-heading">
            On this day
          </h2>
          {visibleOnThisDay === null ? (
            <p className="muted small">Looking back…</p>
          ) : visibleOnThisDay.length === 0 ? (
            <p className="muted small">Nothing from this date in earlier years yet.</p>
          ) : (
            <ul className="entry-list">
              {visibleOnThisDay.map((e) => (
                <li key={e.id}>
                  <p className="muted small otd-year">{yearOf(e.localDate)}</p>
                  <EntryCard entry={e} timeZone={user.timeZone} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}
