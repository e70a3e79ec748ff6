import { addCalendarDays, INSTRUMENTS, type Session } from "@meridian/core";
import { useEffect, useState } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { type DueCheckup, ritualApi } from "../api/ritual";
import { useUser } from "../app/auth";
import { ErrorNote, Skeletons } from "../components/Status";
import { TodayExperiment } from "../experiments/TodayExperiment";
import { WeeklyCard } from "../insights/WeeklyCard";
import { UNREADABLE_NOUNS } from "../journal/unreadable";
import { dayHeading, timeOfDay, todayIn } from "../lib/dates";
import { UnreadableBanner } from "../pages/UnreadableBanner";
import { Link } from "../router/router";

type Load<T> = { state: "loading" } | { state: "ok"; value: T } | { state: "error"; error: string };

function useLoad<T>(fn: () => Promise<T>): Load<T> {
  const [s, setS] = useState<Load<T>>({ state: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per mount
  useEffect(() => {
    let live = true;
    fn()
      .then((value) => live && setS({ state: "ok", value }))
      .catch((err: unknown) => live && setS({ state: "error", error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, []);
  return s;
}

/** 404 means "none" for the single-item lookups. */
const orNull = <T,>(p: Promise<T>): Promise<T | null> =>
  p.catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });

function sessionLine(s: Session): string {
  // An experiment's evening: the server hides what played until the end; only its neutral name.
  if (s.condition.kind === "masked") return `Soundscape ${s.condition.armLabel}`;
  const listened = s.media.map((m) =>
    m.kind === "preset" ? m.name : m.kind === "video" ? "a video" : "a mix",
  );
  return listened.length > 0 ? listened.join(" + ") : "Silence";
}

export function TodayPage() {
  const user = useUser();
  const today = todayIn(user.timeZone);
  const lastNight = addCalendarDays(today, -1);
  const current = useLoad(() => orNull(ritualApi.currentSession()));
  const diary = useLoad(() => orNull(ritualApi.sleepDiary(lastNight)));
  const due = useLoad(() => ritualApi.dueCheckups().then((r) => r.due));
  const recent = useLoad(() => ritualApi.sessions({ limit: 5 }));

  const active = current.state === "ok" ? current.value : null;

  return (
    <div className="today">
      <h1>Today</h1>
      <p className="muted today-date">{dayHeading(today)}</p>

      <TodayExperiment />

      <section className="card today-begin" aria-label="Session">
        {current.state === "loading" ? (
          <Skeletons count={1} />
        ) : current.state === "error" ? (
          <ErrorNote>Could not check for an open session: {current.error}</ErrorNote>
        ) : active ? (
          <>
            <h2 className="flush-top">You have a session open</h2>
            <p>
              Started {timeOfDay(active.startedAt, user.timeZone)}
              {active.localDate !== today ? ` on ${dayHeading(active.localDate)}` : ""}, listening to{" "}
              {sessionLine(active).toLowerCase()}. Pick up where you left off, or end it from there.
            </p>
            <Link to={`/sessions/${encodeURIComponent(active.id)}`} className="btn btn-primary">
              Resume your session
            </Link>
          </>
        ) : (
          <>
            <h2 className="flush-top">A session</h2>
            <p>Check in, listen, write for as long as you like, then check out.</p>
            <Link to="/session" className="btn btn-primary">
              Begin a session
            </Link>
          </>
        )}
      </section>

      <div className="today-grid">
        <section aria-labelledby="today-sleep">
          <h2 id="today-sleep">Sleep</h2>
          {diary.state === "loading" ? (
            <Skeletons count={1} />
          ) : diary.state === "error" ? (
            <ErrorNote>Could not check last night's diary: {diary.error}</ErrorNote>
          ) : diary.value ? (
            <p>
              Last night's diary is filled in. <Link to={`/sleep?night=${lastNight}`}>See or change it</Link>.
            </p>
          ) : (
            <p>
              <Link to={`/sleep?night=${lastNight}`} className="btn">
                Fill in this morning's sleep diary
              </Link>
              <span className="muted small block">A minute or two, best guesses are fine.</span>
            </p>
          )}
        </section>

        <section aria-labelledby="today-checkups">
          <h2 id="today-checkups">Check-ups</h2>
          {due.state === "loading" ? (
            <Skeletons count={1} />
          ) : due.state === "error" ? (
            <ErrorNote>Could not load check-ups: {due.error}</ErrorNote>
          ) : (
            <DueList due={due.value} />
          )}
        </section>
      </div>

      <WeeklyCard />

      <section aria-labelledby="today-recent">
        <h2 id="today-recent">Recent sessions</h2>
        {recent.state === "loading" ? (
          <Skeletons count={2} />
        ) : recent.state === "error" ? (
          <ErrorNote>Could not load your sessions: {recent.error}</ErrorNote>
        ) : recent.value.sessions.length === 0 && !recent.value.unreadable?.length ? (
          <div className="empty">
            <p>No sessions yet. Your first one will appear here.</p>
          </div>
        ) : (
          <>
            <UnreadableBanner items={recent.value.unreadable} noun={UNREADABLE_NOUNS.session} compact />
            <ul className="session-list" data-testid="recent-sessions">
              {recent.value.sessions.map((s) => (
                <li key={s.id}>
                  <Link to={`/sessions/${encodeURIComponent(s.id)}`} className="entry-card session-card">
                    <span className="session-card-head">
                      <strong>{dayHeading(s.localDate, today)}</strong>{" "}
                      <span className="muted">{timeOfDay(s.startedAt, user.timeZone)}</span>
                      <span className="muted"> · {sessionLine(s)}</span>
                    </span>
                    <span className="small block">
                      {s.status === "checked-out" && s.checkOut
                        ? `Anxiety ${s.checkIn.anxiety} → ${s.checkOut.anxiety} · pleasantness ${s.checkIn.pleasantness} → ${s.checkOut.pleasantness} · tingles ${s.checkOut.tingles} of 10`
                        : s.status === "abandoned"
                          ? "You didn't check out — that's fine."
                          : "In progress"}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function DueList({ due }: { due: DueCheckup[] }) {
  const now = Date.now();
  const list = due.filter((d) => d.overdue || !d.lastAt || (d.dueAt !== null && Date.parse(d.dueAt) <= now));
  if (list.length === 0) {
    return (
      <p className="muted">
        Nothing due. <Link to="/checkups">All check-ups</Link>
      </p>
    );
  }
  return (
    <ul className="due-list" data-testid="due-checkups">
      {list.map((d) => (
        <li key={d.instrumentId}>
          <Link to={`/checkups/${d.instrumentId}`}>
            {INSTRUMENTS[d.instrumentId]?.title ?? d.instrumentId}
          </Link>
          <span className="muted small"> · {d.lastAt ? "due again" : "not taken yet"}</span>
        </li>
      ))}
    </ul>
  );
}
