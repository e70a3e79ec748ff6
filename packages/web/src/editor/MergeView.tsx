import type { Entry } from "@meridian/core";
import { useEffect, useId, useRef, useState } from "react";
import type { EntryContent } from "../journal/content";
import { type ConflictChoice, resolveConflict } from "../journal/merge";

interface Props {
  mine: EntryContent;
  theirs: Entry;
  onResolve(choice: ConflictChoice | "edited", edited?: EntryContent): void;
}

function Version({ heading, content, testId }: { heading: string; content: EntryContent; testId: string }) {
  return (
    <section aria-label={heading} data-testid={testId}>
      <h3>{heading}</h3>
      {content.title.trim() && <p className="merge-title">{content.title}</p>}
      <pre className="merge-text">{content.body || "(empty)"}</pre>
      {content.tags.length > 0 && <p className="muted small">{content.tags.map((t) => `#${t}`).join(" ")}</p>}
    </section>
  );
}

/** Both texts side by side after a 409. Nothing is saved until the writer chooses. */
export function MergeView({ mine, theirs, onResolve }: Props) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState<EntryContent | null>(null);
  const their = resolveConflict(mine, theirs, "theirs");

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="merge" aria-labelledby={`${id}-h`} data-testid="merge-view">
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        This entry was changed somewhere else
      </h2>
      <p>
        While you were writing, another tab or device saved a different version. Both are kept — nothing has
        been overwritten. Choose what to keep.
      </p>
      <div className="merge-columns">
        <Version heading="Your version" content={mine} testId="merge-mine" />
        <Version heading="Version saved elsewhere" content={their} testId="merge-theirs" />
      </div>
      {editing ? (
        <div>
          <label htmlFor={`${id}-edit`} className="label">
            Edit the combined text, then save it
          </label>
          <textarea
            id={`${id}-edit`}
            value={editing.body}
            onChange={(e) => setEditing({ ...editing, body: e.target.value })}
          />
          <div className="row after-card">
            <button type="button" className="btn btn-primary" onClick={() => onResolve("edited", editing)}>
              Save this version
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setEditing(null)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => onResolve("both")}>
            Keep both
          </button>
          <button type="button" className="btn" onClick={() => onResolve("mine")}>
            Keep my version
          </button>
          <button type="button" className="btn" onClick={() => onResolve("theirs")}>
            Keep the version saved elsewhere
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => setEditing(resolveConflict(mine, theirs, "both"))}
          >
            Edit before saving
          </button>
        </div>
      )}
    </section>
  );
}
