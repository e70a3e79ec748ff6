import type { SaveQueueState } from "../journal/saveQueue";

export function statusLabel(s: SaveQueueState | null, hasServerCopy: boolean): string {
  if (!s) return "Opening…";
  switch (s.status) {
    case "saved":
      return hasServerCopy ? "Saved" : "Nothing to save yet";
    case "pending":
    case "saving":
      return "Saving…";
    case "offline":
      return "Offline – kept on this device";
    case "conflict":
      return "Not saved – conflict";
    case "error":
      return "Not saved – kept on this device";
  }
}

/** The save status, announced politely to screen readers. */
export function SaveStatus({
  state,
  hasServerCopy,
  onRetry,
}: {
  state: SaveQueueState | null;
  hasServerCopy: boolean;
  onRetry(): void;
}) {
  const status = state?.status ?? "pending";
  return (
    <span className="row">
      <span
        className="status"
        data-status={status}
        role="status"
        aria-live="polite"
        data-testid="save-status"
      >
        {statusLabel(state, hasServerCopy)}
      </span>
      {(status === "offline" || status === "error") && (
        <button type="button" className="btn btn-quiet btn-small" onClick={onRetry}>
          Retry now
        </button>
      )}
      {status === "error" && state?.error && <span className="error-text small">{state.error}</span>}
    </span>
  );
}
