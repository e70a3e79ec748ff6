import { useRef } from "react";
import type { DeleteBanner } from "../journal/pendingDelete";

/** Polite live region under the journal heading: "Entry deleted — Undo", or why a delete failed. */
export function DeletedBanner(props: { state: DeleteBanner; onUndo: () => void; onDismiss: () => void }) {
  const region = useRef<HTMLDivElement>(null);
  const s = props.state;
  return (
    <div
      role="status"
      ref={region}
      tabIndex={-1}
      className="delete-banner-region"
      data-testid="delete-banner"
    >
      {s?.kind === "pending" && (
        <div className="alert alert-info delete-banner">
          <span>Entry deleted</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              // The button goes away with the banner: keep focus in the region.
              region.current?.focus();
              props.onUndo();
            }}
          >
            Undo
          </button>
        </div>
      )}
      {s?.kind === "failed" && (
        <div className="alert alert-error delete-banner">
          <span>
            Could not delete “{s.title}”. {s.message}; it is back in your journal.
          </span>
          <button type="button" className="btn btn-small" onClick={props.onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
