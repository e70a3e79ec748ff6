import type { Entry } from "@meridian/core";
import { contentFromEntry, type EntryContent, isBlank, sameContent } from "./content";

/** A local copy of what a writer typed, mirrored to IndexedDB on every edit. One per tab. */
export interface DraftRecord {
  /** `${docKey}|${tabId}` */
  key: string;
  /** The entry id, or `new:<clientId>` before the server has created the entry. */
  docKey: string;
  tabId: string;
  entryId: string | null;
  clientId: string;
  /** The server revision this text was edited from (null: never saved). */
  baseRevision: number | null;
  content: EntryContent;
  /**
   * Saves this tab had sent (from `baseRevision`) whose answers had not come back when the record
   * was written. If the tab died before they did, the server may hold one of them as a newer
   * revision: that revision is this tab's own words, not someone else's. Absent in older records.
   */
  sent?: SentDraft[];
  /** Client clock, ms. */
  updatedAt: number;
}

export interface SentDraft {
  content: EntryContent;
  baseRevision: number | null;
}

export function newDocKey(clientId: string): string {
  return `new:${clientId}`;
}

export function draftKey(docKey: string, tabId: string): string {
  return `${docKey}|${tabId}`;
}

export type RestoreDecision =
  /** Nothing newer on this device: show the server's text. */
  | { kind: "none"; discard: DraftRecord[] }
  /** A draft edited from the current revision (or never saved): restore it and save it. */
  | { kind: "restore"; draft: DraftRecord; discard: DraftRecord[] }
  /** A draft edited from an older revision while the server moved on: both texts must be shown. */
  | { kind: "conflict"; draft: DraftRecord; discard: DraftRecord[] };

export interface RestoreContext {
  ownTabId: string;
  /** Tabs known to be open now (Web Locks); null when the browser cannot tell. */
  liveTabs: ReadonlySet<string> | null;
  now: number;
  /** Without Web Locks, another tab's draft touched this recently is assumed to be live. */
  liveWindowMs?: number;
}

function ownedByOtherLiveTab(d: DraftRecord, ctx: RestoreContext): boolean {
  if (d.tabId === ctx.ownTabId) return false;
  if (ctx.liveTabs) return ctx.liveTabs.has(d.tabId);
  return ctx.now - d.updatedAt < (ctx.liveWindowMs ?? 20_000);
}

/** Decide what to show when an entry (or the new-entry page) opens. Drafts equal to the server's
 * text are safe to delete; every other draft is kept until a save succeeds. */
export function decideRestore(
  server: Entry | null,
  drafts: readonly DraftRecord[],
  ctx: RestoreContext,
): RestoreDecision {
  const serverContent = server ? contentFromEntry(server) : null;
  const discard: DraftRecord[] = [];
  const candidates: DraftRecord[] = [];
  for (const d of drafts) {
    if (ownedByOtherLiveTab(d, ctx)) continue;
    const redundant = serverContent ? sameContent(d.content, serverContent) : isBlank(d.content);
    if (redundant) discard.push(d);
    else candidates.push(d);
  }
  if (candidates.length === 0) return { kind: "none", discard };
  const own = candidates.find((d) => d.tabId === ctx.ownTabId);
  const draft = own ?? [...candidates].sort((a, b) => b.updatedAt - a.updatedAt)[0];
  if (!draft) return { kind: "none", discard };
  if (!server) return { kind: "restore", draft, discard };
  if (draft.baseRevision !== null && draft.baseRevision >= server.revision) {
    return { kind: "restore", draft, discard };
  }
  // The server moved on, but to exactly the text of a save this tab had in flight when it closed:
  // the newer revision is the tab's own, so the draft continues from it (nothing of anyone else's
  // would be overwritten).
  if (serverContent && savedByThisDraft(draft, serverContent)) {
    return { kind: "restore", draft, discard };
  }
  return { kind: "conflict", draft, discard };
}

function savedByThisDraft(d: DraftRecord, server: EntryContent): boolean {
  return (d.sent ?? []).some((s) => sameContent(s.content, server));
}

export function sameDraftContent(a: DraftRecord, b: EntryContent): boolean {
  return sameContent(a.content, b);
}
