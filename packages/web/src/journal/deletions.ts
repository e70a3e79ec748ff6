import { api } from "../api/client";
import { closingSavesSettled } from "./entrySession";
import { draftStore } from "./idbDraftStore";
import { PendingDeletes } from "./pendingDelete";

function entryUrl(id: string): string {
  return `/api/entries/${encodeURIComponent(id)}`;
}

/** The page's one PendingDeletes; a closing page sends what is waiting with keepalive. */
export const deletions = new PendingDeletes({
  timers: {
    set: (fn, ms) => window.setTimeout(fn, ms),
    clear: (h) => window.clearTimeout(h as number),
  },
  send: async (id) => {
    await api.deleteEntry(id);
  },
  sendOnExit: (id) => {
    void fetch(entryUrl(id), {
      method: "DELETE",
      keepalive: true,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Meridian-Client": "web" },
    }).catch(() => {});
  },
  drafts: async () => (await draftStore()).store,
  settled: () => new Promise<void>((r) => setTimeout(r, 0)).then(() => closingSavesSettled()),
});

if (typeof window !== "undefined") window.addEventListener("pagehide", () => deletions.exit());
