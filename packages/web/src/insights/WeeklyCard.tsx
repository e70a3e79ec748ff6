import { useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { insightsApi, type WeeklyInsights } from "../api/insights";
import { ErrorNote, Skeletons } from "../components/Status";
import { Link } from "../router/router";
import { count, weeklyAnxietyText } from "./weeklyText";

type Load = { state: "loading" } | { state: "ok"; value: WeeklyInsights } | { state: "error"; error: string };

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
