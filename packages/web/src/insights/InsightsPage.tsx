import { buildSummary, type SummarySentence } from "@meridian/core";
import { useEffect, useMemo, useState } from "react";
import { errorMessage } from "../api/errors";
import { type InsightsResult, insightsApi, ownNames } from "../api/insights";
import { useUser } from "../app/auth";
import { ErrorNote, Skeletons } from "../components/Status";
import { todayIn } from "../lib/dates";
import { Link } from "../router/router";
import { ConsistencySection } from "./ConsistencySection";
import { EffectsSection } from "./EffectsSection";
import { longDay, type OwnNames, sessionsText, triggerLabels } from "./labels";
import { describeRange, type InsightsRange, RangeControl } from "./RangeControl";
import { SleepSection } from "./SleepSection";
import { TrendsSection } from "./TrendsSection";
import "./insights.css";

type Load = { state: "loading" } | { state: "ok"; value: InsightsResult } | { state: "error"; error: string };

/**
 * The API's summary, re-worded with the sounds' display names (same numbers, same rounding) and kept
 * to one readable paragraph: the overall change, the two best-supported sounds, one sleep sentence
 * and the caveat. Everything else is in the sections below.
 */
function summaryOf(r: InsightsResult): SummarySentence[] {
  let all: SummarySentence[];
  try {
    const keys = [...r.triggers.groups.map((g) => g.key), ...r.sleep.triggers.map((t) => t.trigger)];
    all = buildSummary(
      { overall: r.overall, triggers: r.triggers, sleep: r.sleep },
      { labels: triggerLabels(keys), maxTriggers: 2 },
    ).sentences;
  } catch {
    all = r.summary.sentences;
  }
  const notEnough = all.filter((s) => s.kind === "trigger-not-enough");
  const out: SummarySentence[] = [];
  let sleepSaid = false;
  for (const s of all) {
    if (s.kind === "sleep-trigger") continue;
    if (s.kind === "trigger-not-enough") {
      if (notEnough.length === 1) out.push(s);
      else if (s === notEnough[0]) {
        out.push({
          kind: "trigger-not-enough",
          text: `For ${notEnough.length} other sounds there is not enough data yet; the list below says roughly how many more sessions would help.`,
        });
      }
      continue;
    }
    if (s.kind === "sleep") {
      if (sleepSaid) continue;
      sleepSaid = true;
    }
    out.push(s);
  }
  return out;
}

export function InsightsPage() {
  const user = useUser();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [range, setRange] = useState<InsightsRange>({ kind: "all" });
  const today = todayIn(user.timeZone);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when the user asks to try again
  useEffect(() => {
    const ctl = new AbortController();
    setLoad({ state: "loading" });
    insightsApi
      .insights({ from: range.from, to: range.to }, ctl.signal)
      .then((value) => setLoad({ state: "ok", value }))
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setLoad({ state: "error", error: errorMessage(err) });
      });
    return () => ctl.abort();
  }, [attempt, range.from, range.to]);

  return (
    <div className="insights">
      <h1>Insights</h1>
      <RangeControl range={range} today={today} onChange={setRange} />
      {load.state === "loading" ? (
        <div role="status" aria-label="Working out your insights…">
          <p className="muted">Working out your insights…</p>
          <Skeletons count={4} />
        </div>
      ) : load.state === "error" ? (
        <ErrorNote>
          Could not load your insights: {load.error}{" "}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        </ErrorNote>
      ) : (
        <InsightsBody
          r={load.value}
          today={load.value.timeZone ? todayIn(load.value.timeZone) : today}
          range={range}
          onAllTime={() => setRange({ kind: "all" })}
        />
      )}
    </div>
  );
}

function InsightsBody({
  r,
  today,
  range,
  onAllTime,
}: {
  r: InsightsResult;
  today: string;
  range: InsightsRange;
  onAllTime: () => void;
}) {
  const sentences = useMemo(() => summaryOf(r), [r]);
  const [names, setNames] = useState<OwnNames | undefined>(undefined);
  const wantsNames = r.presets.groups.length > 0 || r.media.groups.length > 0;
  useEffect(() => {
    if (!wantsNames) return;
    let live = true;
    ownNames()
      .then((n) => live && setNames(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [wantsNames]);
  if (r.counts.sessions === 0 && range.kind !== "all") {
    return (
      <div className="empty insights-empty" data-testid="insights-empty-range">
        <p>
          <strong>No sessions in this period</strong> ({describeRange(range)}).
        </p>
        <p className="muted">Choose a longer period, or look at everything you have logged.</p>
        <button type="button" className="btn" onClick={onAllTime}>
          Show all time
        </button>
      </div>
    );
  }
  if (r.counts.sessions === 0) {
    return (
      <div className="empty insights-empty" data-testid="insights-empty">
        <p>
          <strong>Insights appear after a few sessions.</strong>
        </p>
        <p className="muted">
          Each session’s check-in and check-out adds a little to the picture: which sounds went with calmer
          check-outs, how you slept afterwards, how your weeks look. Nothing is guessed before there is enough
          to go on.
        </p>
        <Link to="/session" className="btn btn-primary">
          Begin a session
        </Link>
      </div>
    );
  }
  const experiment = sentences.find((s) => s.kind === "experiment");
  const paragraph = sentences.filter((s) => s.kind !== "experiment");
  return (
    <>
      <section className="card insights-summary" aria-labelledby="ins-summary">
        <h2 id="ins-summary" className="flush-top">
          In short
        </h2>
        <p data-testid="insights-summary">{paragraph.map((s) => s.text).join(" ")}</p>
        <p className="muted small" data-testid="insights-basis">
          {range.kind === "all" ? "All time" : capitalised(describeRange(range))}: based on{" "}
          {sessionsText(r.counts.sessions)} ({r.counts.completeSessions} with a check-out),{" "}
          {sessionsText(r.counts.nights, "night")} in your sleep diary and{" "}
          {sessionsText(r.counts.checkups, "check-up")}. Ranges are 95% intervals.
        </p>
      </section>

      <EffectsSection triggers={r.triggers} presets={r.presets} media={r.media} ownNames={names} />

      <aside className="card experiment-note" aria-labelledby="ins-experiment" data-testid="experiment-note">
        <h2 id="ins-experiment" className="flush-top">
          Is it more than expectation?
        </h2>
        <p>
          {experiment?.text ??
            "If you want to know whether a sound does more than expectation, a blinded experiment can tell you."}{" "}
          Blinded personal experiments are coming in a later version of Meridian: you would rate what you
          expect, then listen to sounds labelled only “Sound A” and “Sound B” in a random order, and compare
          afterwards.
        </p>
      </aside>

      <SleepSection sleep={r.sleep} />
      <TrendsSection weekly={r.trends.weekly} checkups={r.trends.checkups} />
      <ConsistencySection consistency={r.consistency} today={today} />
      <OnThisDay items={r.onThisDay} allTime={range.kind === "all"} />
    </>
  );
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function OnThisDay({ items, allTime }: { items: { id: string; localDate: string }[]; allTime: boolean }) {
  return (
    <section className="insight-section" aria-labelledby="ins-otd" data-testid="on-this-day">
      <h2 id="ins-otd">On this day</h2>
      {items.length === 0 && !allTime ? (
        <p className="muted">Earlier years are outside the period you chose; “All time” shows them here.</p>
      ) : items.length === 0 ? (
        <p className="muted">
          No sessions on this date in earlier years yet. Next year, this is where they’ll show up.
        </p>
      ) : (
        <ul className="otd-list">
          {items.map((s) => (
            <li key={s.id}>
              <Link to={`/sessions/${encodeURIComponent(s.id)}`}>{longDay(s.localDate)}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
