import type { Scene } from "@meridian/sound";
import { useEffect, useRef, useState } from "react";
import { type RenderJob, studioApi } from "./studioApi";

const LENGTHS: ReadonlyArray<[number, string]> = [
  [60, "1 minute"],
  [600, "10 minutes"],
  [1800, "30 minutes"],
  [3600, "1 hour"],
  [8 * 3600, "8 hours"],
];

/** Download the current mix as WAV or MP3, rendered on the server (same code as `meridian render`). */
export function RenderPanel({ scene }: { scene: Scene }) {
  const [length, setLength] = useState(600);
  const [format, setFormat] = useState<"wav" | "mp3">("mp3");
  const [job, setJob] = useState<RenderJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await studioApi.getRender(id);
        setJob(j);
        if (j.status === "queued" || j.status === "running") poll(id);
      } catch (err) {
        setError(err instanceof Error ? err.message : "Lost track of the render.");
      }
    }, 1000);
  };

  const start = async () => {
    setError(null);
    try {
      const j = await studioApi.startRender(scene, length, format);
      setJob(j);
      poll(j.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not start the render.");
    }
  };

  const cancel = async () => {
    if (!job) return;
    if (timer.current) clearTimeout(timer.current);
    await studioApi.cancelRender(job.id).catch(() => undefined);
    setJob({ ...job, status: "cancelled" });
  };

  const active = job && (job.status === "queued" || job.status === "running");
  return (
    <section className="card" aria-labelledby="render-heading">
      <h2 id="render-heading">Render to a file</h2>
      <div className="row">
        <label className="inline-field">
          Length
          <select value={length} onChange={(e) => setLength(Number(e.target.value))}>
            {LENGTHS.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as "wav" | "mp3")}>
            <option value="mp3">MP3</option>
            <option value="wav">WAV</option>
          </select>
        </label>
        <button
          type="button"
          className="btn btn-small"
          disabled={!!active || scene.layers.length === 0}
          onClick={() => void start()}
        >
          Render
        </button>
      </div>
      {job && (
        <div className="row" data-testid="render-status">
          {active && (
            <>
              <progress max={1} value={job.progress} aria-label="Render progress" />
              <span className="small muted">
                {job.status === "queued" ? "Waiting…" : `${Math.round(job.progress * 100)} %`}
                {job.etaSeconds !== null ? ` · about ${Math.ceil(job.etaSeconds)} s left` : ""}
              </span>
              <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancel()}>
                Cancel render
              </button>
            </>
          )}
          {job.status === "done" && (
            <a
              className="btn btn-small btn-primary"
              href={studioApi.renderFileUrl(job.id)}
              download={job.fileName}
            >
              Download {job.fileName}
            </a>
          )}
          {job.status === "failed" && <span className="error-text">The render failed: {job.error}</span>}
          {job.status === "cancelled" && <span className="small muted">Render cancelled.</span>}
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
