import { useRef } from "react";
import { UNDO_MS } from "../journal/pendingDelete";

/** "Delete entry" with a modal confirmation (native <dialog>: focus moves in, Escape cancels). */
export function DeleteEntryButton(props: { onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const seconds = Math.round(UNDO_MS / 1000);
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-danger-quiet"
        onClick={() => dialog.current?.showModal()}
      >
        Delete entry
      </button>
      <dialog
        ref={dialog}
        className="card confirm-dialog"
        aria-labelledby="delete-entry-heading"
        aria-describedby="delete-entry-desc"
      >
        <h2 id="delete-entry-heading" className="flush-top">
          Delete this entry?
        </h2>
        <p id="delete-entry-desc">
          It leaves your journal. For {seconds} seconds afterwards you can still bring it back with Undo.
        </p>
        <div className="row">
          {/* First, so showModal focuses it: Enter on an accidental open keeps the entry. */}
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            Keep entry
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              dialog.current?.close();
              props.onConfirm();
            }}
          >
            Delete entry
          </button>
        </div>
      </dialog>
    </>
  );
}
