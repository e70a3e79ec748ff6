import type { Experiment } from "@meridian/core";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../api/errors";
import { experimentsApi } from "../api/experiments";
import { ErrorNote, Loading } from "../components/Status";
import { Link } from "../router/router";
import { OUTCOME_LABELS } from "./design";
import { ReportView } from "./ReportView";
import { completionFacts, progressText, STATUS_LABELS } from "./view";
import "./experiments.css";

type Ending = "stop" | "unblind";

const ENDING_TEXT: Record<Ending, { title: string; body: string; confirm: string }> = {
  stop: {
    title: "Stop this experiment now?",
    body: "No more evenings will be scheduled. The report opens straight away with the evenings you have, and it will say that you stopped early and on which day. Fewer evenings mean a less certain answer.",
    confirm: "Stop the experiment",
  },
  unblind: {
    title: "Unblind this experiment now?",
    body: "You will see which soundscape was which, and the experiment ends here. The report will say that you unblinded early and on which day; it can't be undone.",
    confirm: "Unblind now",
  },
};

/** One experiment: while it runs, completion only (never effects) with stop / unblind early;
 * once ended, the report. */
export function ExperimentPage({ id }: { id: string }) {
  const [exp, setExp] = useState<Experiment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<Ending | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    let live = true;
    experimentsApi
      .get(id)
      .then((e) => live && setExp(e))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [id]);

  function ask(how: Ending) {
    setEnding(how);
    setActionError(null);
    dialog.current?.showModal();
  }

  async function confirm() {
    if (!ending) return;
    setBusy(true);
    try {
      const next = ending === "stop" ? await experimentsApi.stop(id) : await experimentsApi.unblind(id);
      dialog.current?.close();
      setExp(next);
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (error) return <ErrorNote>Could not open the experiment: {error}</ErrorNote>;
  if (!exp) return <Loading label="Opening the experiment…" />;
  if (exp.reportAvailable) return <ReportView experiment={exp} />;

  const text = ending ? ENDING_TEXT[ending] : null;
  return (
    <div className="prose-width experiment-page">
      <p className="small">
        <Link to="/experiments">All experiments</Link>
      </p>
      <h1>{exp.name}</h1>
      <p className="muted">
        {STATUS_LABELS[exp.status]} · {progressText(exp.progress, exp.status)} · main outcome:{" "}
        {OUTCOME_LABELS[exp.plan.primaryOutcome].toLowerCase()}
      </p>
      <section className="card" aria-labelledby="exp-progress" data-testid="experiment-interim">
        <h2 id="exp-progress" className="flush-top">
          Progress
        </h2>
        <dl className="experiment-facts">
          {completionFacts(exp.progress).map(([k, v]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">
          Results stay hidden until the last evening, so a lucky run can't tempt anyone to stop. Evenings are
          started from Today.
        </p>
      </section>
      <section aria-labelledby="exp-plan">
        <h2 id="exp-plan">Plan</h2>
        <p>
          {exp.plan.pairs} pairs ({exp.progress.totalEvenings} evenings) from {exp.plan.startDate}
          {exp.plan.washoutDays > 0 ? `, ${exp.plan.washoutDays} rest day(s) between evenings` : ""}. Smallest
          difference that matters: {exp.plan.minimalImportantDifference}. {exp.power.message}
        </p>
        <p className="muted small">The plan is frozen: changing anything means starting a new experiment.</p>
      </section>
      {exp.status === "running" && (
        <div className="row">
          <button type="button" className="btn" onClick={() => ask("stop")}>
            Stop early
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => ask("unblind")}>
            Unblind early
          </button>
        </div>
      )}
      <dialog
        ref={dialog}
        className="card confirm-dialog"
        aria-labelledby="exp-end-title"
        onClose={() => setEnding(null)}
      >
        {text && (
          <>
            <h2 id="exp-end-title" className="flush-top">
              {text.title}
            </h2>
            <p>{text.body}</p>
            {actionError && (
              <p className="alert alert-error" role="alert">
                {actionError}
              </p>
            )}
            <div className="row">
              <button type="button" className="btn" onClick={() => dialog.current?.close()}>
                Keep going
              </button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void confirm()}>
                {text.confirm}
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}
