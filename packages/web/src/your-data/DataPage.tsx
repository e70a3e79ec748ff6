import "./data.css";
import { DeleteAccountSection } from "./DeleteAccountSection";
import { exportUrl } from "./data-api";
import { ImportSection } from "./ImportSection";

/** "Your data": take everything out, bring a journal in, or leave. */
export function DataPage() {
  return (
    <div className="prose-width stack">
      <h1>Your data</h1>
      <section className="card stack" aria-labelledby="export-heading">
        <h2 id="export-heading" className="flush-top">
          Export
        </h2>
        <p className="muted">
          The archive holds everything — entries with their tags and prompts, sessions with your check-ins and
          scenes, sleep diaries, check-ups, presets, your audio files and your time zone — and can be imported
          back into Meridian. The Markdown zip has one file per entry with its date, tags, prompt, moods and
          scene at the top, ready to open as an Obsidian vault.
        </p>
        <div className="row">
          <a className="btn btn-primary" href={exportUrl("archive")} download>
            Download everything (.zip)
          </a>
          <a className="btn" href={exportUrl("markdown")} download>
            Download entries as Markdown (.zip)
          </a>
        </div>
        <p className="small muted">A single entry has its own “Export as Markdown” link on its page.</p>
      </section>
      <ImportSection />
      <DeleteAccountSection />
    </div>
  );
}
