import { IMPORT_KINDS, type ImportPreview, KIND_LABELS } from "@meridian/core";
import { type ChangeEvent, useId, useRef, useState } from "react";
import { errorMessage } from "../api/errors";
import { ErrorNote, Loading } from "../components/Status";
import { dataApi } from "./data-api";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function previewSummary(p: Pick<ImportPreview, "newCount" | "duplicateCount">): string {
  return `${p.newCount} new, ${plural(p.duplicateCount, "duplicate")}`;
}

type State =
  | { step: "idle" }
  | { step: "reading"; file: File }
  | { step: "preview"; file: File; preview: ImportPreview }
  | { step: "importing"; file: File; preview: ImportPreview }
  | { step: "done"; imported: number; duplicates: number };

function PreviewCard({ preview }: { preview: ImportPreview }) {
  return (
    <div className="stack" data-testid="import-preview">
      <p>
        <strong>{preview.formatLabel}</strong>: {plural(preview.total, "record")} —{" "}
        <span data-testid="import-summary">{previewSummary(preview)}</span>.
      </p>
      <ul>
        {IMPORT_KINDS.filter((k) => preview.counts[k] && (preview.counts[k]?.total ?? 0) > 0).map((k) => (
          <li key={k}>
            {KIND_LABELS[k]}: {preview.counts[k]?.new} new of {preview.counts[k]?.total}
          </li>
        ))}
      </ul>
      {preview.dateRange && (
        <p className="small muted">
          From {preview.dateRange.from} to {preview.dateRange.to}
        </p>
      )}
      {preview.firstTitles.length > 0 && (
        <>
          <h3 className="small">First entries</h3>
          <ol className="small">
            {preview.firstTitles.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: titles may repeat; the list is static
              <li key={i}>{t}</li>
            ))}
          </ol>
        </>
      )}
      {preview.warnings.length > 0 && (
        <div className="alert alert-info">
          <ul className="flush">
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function ImportSection() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: "idle" });
  const [error, setError] = useState<string | null>(null);

  function reset() {
    setState({ step: "idle" });
    if (input.current) input.current.value = "";
  }

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setError(null);
    if (!file) return reset();
    // The server's limit decides (a file past it is answered 413 before it is read).
    setState({ step: "reading", file });
    try {
      setState({ step: "preview", file, preview: await dataApi.previewImport(file) });
    } catch (err) {
      setError(`${file.name} can't be imported: ${errorMessage(err)} Nothing was imported.`);
      reset();
    }
  }

  async function confirm() {
    if (state.step !== "preview") return;
    setState({ ...state, step: "importing" });
    try {
      const result = await dataApi.runImport(state.file);
      setState({ step: "done", imported: result.imported, duplicates: result.duplicateCount });
      if (input.current) input.current.value = "";
    } catch (err) {
      setError(`The import stopped: ${errorMessage(err)} Nothing was imported.`);
      setState({ step: "preview", file: state.file, preview: state.preview });
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="flush-top">
        Import
      </h2>
      <p className="muted">
        A Meridian archive (.zip), a jrnl JSON export, a Day One JSON export (Journal.json or its zip — photos
        are not imported) or a Daylio CSV export, up to the server's import limit (50 MB unless the
        administrator set another). You see what the file holds before anything is written; entries you
        imported before are recognised and skipped.
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>File to import</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".zip,.json,.csv,application/zip,application/json,text/csv"
          onChange={(e) => void choose(e)}
          disabled={state.step === "reading" || state.step === "importing"}
        />
      </div>
      <div aria-live="polite">
        {error && <ErrorNote>{error}</ErrorNote>}
        {state.step === "reading" && <Loading label={`Reading ${state.file.name}…`} />}
        {state.step === "done" && (
          <p className="alert alert-info">
            Imported {plural(state.imported, "new record")}
            {state.duplicates > 0 ? `; ${plural(state.duplicates, "duplicate")} skipped` : ""}.
          </p>
        )}
      </div>
      {(state.step === "preview" || state.step === "importing") && (
        <>
          <PreviewCard preview={state.preview} />
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={state.step === "importing" || state.preview.newCount === 0}
              onClick={() => void confirm()}
            >
              {state.step === "importing"
                ? "Importing…"
                : state.preview.newCount === 0
                  ? "Nothing new to import"
                  : `Import ${plural(state.preview.newCount, "new record")}`}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={reset}
              disabled={state.step === "importing"}
            >
              Cancel
            </button>
          </div>
        </>
      )}
    </section>
  );
}
