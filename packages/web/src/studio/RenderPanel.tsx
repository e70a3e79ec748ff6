import type { StudioScene } from "@meridian/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatBytes } from "./MediaPanel";
import { describeLength, renderLength } from "./renderLength";
import { type RenderJob, studioApi } from "./studioApi";

const QUICK: ReadonlyArray<[number, string]> = [
  [60, "1 min"],
  [1800, "30 min"],
  [3600, "1 h"],
  [8 * 3600, "8 h"],
];

const active = (j: RenderJob) => j.status === "queued" || j.status === "running";

/** Download the current mix as WAV or MP3 of any length (10 s – 12 h), rendered on the server
 * (same code as `meridian render`); renders are kept until you delete them. */
export function RenderPanel({ scene, onStored }: { scene: StudioScene; onStored?: () => void }) {
  const [hours, setHours] = useState("0");
  const [minutes, setMinutes] = useState("10");
  const [secs, setSecs] = useState("0");
  const [format, setFormat] = useState<"wav" | "mp3">("mp3");
  const [jobs, setJobs] = useState<RenderJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lengthError, setLengthError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await studioApi.listRenders();
      setJobs(list);
      if (timer.current) clearTimeout(timer.current);
      if (list.some(active)) timer.current = setTimeout(() => void refresh(), 1000);
      else onStored?.();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Lost track of the renders.");
    }
  }, [onStored]);

  useEffect(() => {
    void refresh();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [refresh]);

  const setQuick = (seconds: number) => {
    setHours(String(Math.floor(seconds / 3600)));
    setMinutes(String(Math.floor((seconds % 3600) / 60)));
    setSecs(String(seconds % 60));
    setLengthError(null);
  };

  const start = async () => {
    setError(null);
    const len = renderLength(hours, minutes, secs);
    if ("error" in len) {
      setLengthError(len.error);
      document.getElementById("render-hours")?.focus();
      return;
    }
    setLengthError(null);
    try {
      await studioApi.startRender(scene, len.seconds, format);
      await refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not start the render.");
    }
  };

  const remove = async (job: RenderJob) => {
    if (!active(job) && !window.confirm(`Delete ${job.fileName}? The file is removed from the server.`))
      return;
    try {
      await studioApi.cancelRender(job.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not delete the render.");
    }
    await refresh();
  };

  const busy = jobs?.some(active) ?? false;
  const empty = scene.layers.length + scene.mediaLayers.length === 0;
  return (
    <section className="card" aria-labelledby="render-heading">
      <h2 id="render-heading">Render to a file</h2>
      <fieldset className="row" aria-describedby={lengthError ? "render-length-err" : undefined}>
        <legend className="small">Length (10 seconds to 12 hours)</legend>
        <label className="inline-field">
          Hours
          <input
            id="render-hours"
            className="num"
            type="number"
            min={0}
            max={12}
            value={hours}
            aria-invalid={lengthError ? true : undefined}
            onChange={(e) => setHours(e.target.value)}
          />
        </label>
        <label className="inline-field">
          Minutes
          <input
            className="num"
            type="number"
            min={0}
            max={59}
            value={minutes}
            aria-invalid={lengthError ? true : undefined}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </label>
        <label className="inline-field">
          Seconds
          <input
            className="num"
            type="number"
            min={0}
            max={59}
            value={secs}
            aria-invalid={lengthError ? true : undefined}
            onChange={(e) => setSecs(e.target.value)}
          />
        </label>
        {QUICK.map(([s, label]) => (
          <button key={s} type="button" className="btn btn-quiet btn-small" onClick={() => setQuick(s)}>
            {label}
          </button>
        ))}
      </fieldset>
      {lengthError && (
        <p id="render-length-err" className="error-text" role="alert">
          {lengthError}
        </p>
      )}
      <div className="row">
        <label className="inline-field">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as "wav" | "mp3")}>
            <option value="mp3">MP3</option>
            <option value="wav">WAV</option>
          </select>
        </label>
        <button type="button" className="btn btn-small" disabled={busy || empty} onClick={() => void start()}>
          Render
        </button>
        {empty && <span className="small muted">Add a layer first.</span>}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {jobs === null && !error && <p className="small muted">Loading your renders…</p>}
      {jobs && jobs.length === 0 && (
        <p className="small muted">No renders yet. They stay here until you delete them.</p>
      )}
      {jobs && jobs.length > 0 && (
        <ul className="preset-list" aria-label="Your renders">
          {jobs.map((job) => (
            <li key={job.id} className="stack small-gap" data-testid="render-status">
              <div className="row">
                <span>{job.fileName}</span>
                <span className="small muted">{describeLength(job.durationSeconds)}</span>
                {active(job) && (
                  <>
                    <progress max={1} value={job.progress} aria-label="Render progress" />
                    <span className="small muted">
                      {job.status === "queued" ? "Waiting…" : `${Math.round(job.progress * 100)} %`}
                      {job.etaSeconds !== null ? ` · about ${Math.ceil(job.etaSeconds)} s left` : ""}
                    </span>
                  </>
                )}
                {job.status === "done" && (
                  <>
                    {job.sizeBytes !== null && (
                      <span className="small muted">{formatBytes(job.sizeBytes)}</span>
                    )}
                    <a
                      className="btn btn-small btn-primary"
                      href={studioApi.renderFileUrl(job.id)}
                      download={job.fileName}
                    >
                      Download {job.fileName}
                    </a>
                  </>
                )}
                {job.status === "failed" && (
                  <span className="error-text">The render failed: {job.error}</span>
                )}
                {job.status === "cancelled" && <span className="small muted">Render cancelled.</span>}
                <span className="spacer" />
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  onClick={() => void remove(job)}
                  aria-label={active(job) ? "Cancel render" : `Delete ${job.fileName}`}
                >
                  {active(job) ? "Cancel render" : "Delete"}
                </button>
              </div>
              {job.warnings.length > 0 && (
                <ul
                  className="small"
                  aria-label={`Left out of ${job.fileName}`}
                  data-testid="render-warnings"
                >
                  {job.warnings.map((w) => (
                    <li key={w} className="error-text">
                      {w}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
