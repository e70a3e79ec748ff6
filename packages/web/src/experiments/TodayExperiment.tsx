import type { ExperimentToday } from "@meridian/core";
import { useEffect, useState } from "react";
import { experimentsApi } from "../api/experiments";
import { Link } from "../router/router";
import { missedText, tonightView } from "./view";

/** Today's line for a running experiment: "Experiment: evening 5 of 12" and the way into
 * tonight's masked session, or why there is none tonight. Nothing when no experiment runs (or
 * the server can't say: Today stays usable). */
export function TodayExperiment() {
  const [today, setToday] = useState<ExperimentToday | null>(null);
  useEffect(() => {
    let live = true;
    experimentsApi
      .today()
      .then((t) => live && setToday(t))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!today) return null;
  const v = tonightView(today);
  if (v.kind === "none" || !today.experiment) return null;
  const missed = missedText(today.experiment.progress);
  return (
    <section
      className="card today-experiment"
      aria-labelledby="today-experiment"
      data-testid="today-experiment"
    >
      <h2 id="today-experiment" className="flush-top">
        {v.label}
      </h2>
      {v.kind === "tonight" ? (
        <>
          <p>Tonight plays {v.soundscape}. You'll rate the evening as usual, plus two short questions.</p>
          <Link to="/experiments/tonight" className="btn btn-primary">
            Start tonight's session
          </Link>
        </>
      ) : (
        <p>{v.text}</p>
      )}
      {missed && <p className="muted small">{missed}</p>}
      <p className="small">
        <Link to={`/experiments/${encodeURIComponent(v.experimentId)}`}>Experiment progress</Link>
      </p>
    </section>
  );
}
