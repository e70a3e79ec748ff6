import type { ExperimentList } from "@meridian/core";
import { useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { experimentsApi } from "../api/experiments";
import { ErrorNote, Skeletons } from "../components/Status";
import { Link } from "../router/router";
import { progressText, STATUS_LABELS, sortExperiments } from "./view";
import "./experiments.css";

/** The list of the person's experiments, and the way to design a new one. */
export function ExperimentsPage() {
  const [list, setList] = useState<ExperimentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    experimentsApi
      .list()
      .then((l) => live && setList(l))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);
  const running = list?.experiments.some((e) => e.status === "running") ?? false;

  return (
    <div className="experiments-page">
      <div className="row">
        <h1>Experiments</h1>
        <span className="spacer" />
        {!running && (
          <Link to="/experiments/new" className="btn btn-primary">
            New experiment
          </Link>
        )}
      </div>
      <p className="muted prose-width">
        Test whether a sound helps you, with the sound's identity hidden until the end. One experiment runs at
        a time. This is a personal experiment, not a medical test.
      </p>
      {error ? (
        <ErrorNote>Could not load your experiments: {error}</ErrorNote>
      ) : list === null ? (
        <Skeletons count={2} />
      ) : list.experiments.length === 0 ? (
        <div className="empty">
          <p>No experiments yet. Design one to find out whether a trigger really helps you.</p>
        </div>
      ) : (
        <ul className="experiment-list" data-testid="experiment-list">
          {sortExperiments(list.experiments).map((e) => (
            <li key={e.id}>
              <Link to={`/experiments/${encodeURIComponent(e.id)}`} className="entry-card">
                <strong>{e.name}</strong>
                <span className="muted"> · {STATUS_LABELS[e.status]}</span>
                <span className="small block">
                  {progressText(e.progress, e.status)}
                  {e.reportAvailable ? " · report ready" : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {running && <p className="muted small">Finish or stop the running experiment to start another.</p>}
    </div>
  );
}
