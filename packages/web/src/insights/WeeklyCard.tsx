import { formatMeasure } from "@meridian/core";
import { useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { insightsApi, type WeeklyInsights } from "../api/insights";
import { ErrorNote, Skeletons } from "../components/Status";
import { Link } from "../router/router";

type Load = { state: "loading" } | { state: "ok"; value: WeeklyInsights } | { state: "error"; error: string };

const count = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;

/** The anxiety sentence of the week: always with its interval, or "not enough data yet". */
export function weeklyAnxietyText(w: WeeklyInsights): string | null {
  const a = w.anxiety;
  if (!a) return null;
  const ci = a.interval;
  if (a.status === "estimate" && ci) {
    const f = (x: number) => formatMeasure(x, "anxiety");
    if (ci.upper < 0) {
      return `Anxiety went down by ${f(-ci.mean)} points on average from check-in to check-out (95% CI ${f(-ci.upper)} to ${f(-ci.lower)}).`;
    }
    if (ci.lower > 0) {
      return `Anxiety went up by ${f(ci.mean)} points on average from check-in to check-out (95% CI ${f(ci.lower)} to ${f(ci.upper)}).`;
    }
    return `Anxiety changed by ${formatMeasure(ci.mean, "anxiety")} points on average (95% CI ${f(ci.lower)} to ${f(ci.upper)}), so it may have gone either way.`;
  }
  const n = a.n ?? w.completeSessions ?? 0;
  if (n === 0) return null;
  const more =
    a.moreSessionsNeeded && a.moreSessionsNeeded > 0
      ? ` — about ${count(a.moreSessionsNeeded, "more session")} would help`
      : "";
  return `Change in anxiety: not enough data yet this week${more}.`;
}

/** Today's card: the last seven days, gently, with a link to the full Insights page. */
export function WeeklyCard() {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    let live = true;
    insightsApi
      .weekly()
      .then((value) => live && setLoad({ state: "ok", value }))
      .catch((err: unknown) => live && setLoad({ state: "error", error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section
      className="card after-card today-insights"
      aria-labelledby="today-week"
      data-testid="weekly-card"
    >
      <h2 id="today-week" className="flush-top">
        Your week
      </h2>
      {load.state === "loading" ? (
        <Skeletons count={1} />
      ) : load.state === "error" ? (
        <ErrorNote>Could not load this week’s summary: {load.error}</ErrorNote>
      ) : load.value.sessions === 0 ? (
        <p className="muted">
          No sessions in the last seven days — that’s fine. Whenever you’re ready, a session is here.
        </p>
      ) : (
        <>
          <p>
            In the last seven days: {count(load.value.sessions, "session")}
            {typeof load.value.nightsLogged === "number"
              ? ` and ${count(load.value.nightsLogged, "night")} in your sleep diary`
              : ""}
            .
          </p>
          {weeklyAnxietyText(load.value) && (
            <p data-testid="weekly-anxiety">{weeklyAnxietyText(load.value)}</p>
          )}
        </>
      )}
      <p className="small-note">
        <Link to="/insights">See all insights</Link>
      </p>
    </section>
  );
}
