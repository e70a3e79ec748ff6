import type { Entry } from "@meridian/core";
import { api } from "../api/client";
import { ApiError, NetworkError } from "../api/errors";
import { contentFromEntry, EMPTY_CONTENT, type EntryContent, isBlank } from "./content";
import { DraftMirror, type DraftStore } from "./draftMirror";
import { draftStore } from "./idbDraftStore";
import { type ConflictChoice, resolveConflict } from "./merge";
import { type DraftRecord, decideRestore, draftKey, newDocKey } from "./restore";
import { SaveQueue, type SaveQueueState, type Timers } from "./saveQueue";
import { makeSaver } from "./saver";
import { ensureTab, liveTabIds, newClientId } from "./tabs";

export interface SessionSnapshot {
  phase: "loading" | "ready" | "missing" | "error";
  loadError: string | null;
  /** Seed for the editor; `contentVersion` changes whenever the editor must take it again. */
  content: EntryContent;
  contentVersion: number;
  entry: Entry | null;
  save: SaveQueueState | null;
  notice: string | null;
  storage: "indexeddb" | "localstorage" | "memory" | null;
}

export interface SessionTarget {
  entryId: string | null;
  clientId: string | null;
}

export interface SessionHooks {
  onChange(s: SessionSnapshot): void;
  /** The new entry now has a client id (put it in the URL so a reload finds the draft). */
  onClientId(clientId: string): void;
  /** The server created the entry. */
  onCreated(entryId: string): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => window.setTimeout(fn, ms),
  clear: (h) => window.clearTimeout(h as number),
};

export const RESTORED_NOTICE = "Restored unsaved text from this device";

/** Documents this page is editing or still flushing; the new-entry page must not adopt their drafts. */
const busyDocs = new Set<string>();

/** Final saves of editors that were just closed (leaving the page flushes). */
const closing = new Set<() => void>();

/** Resolves when editors closed in this page have finished their last save (or after maxMs). */
export function closingSavesSettled(maxMs = 3000): Promise<void> {
  if (closing.size === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, maxMs);
    const check = () => {
      if (closing.size === 0) done();
    };
    const id = setInterval(check, 50);
    function done() {
      clearTimeout(timer);
      clearInterval(id);
      resolve();
    }
  });
}

/**
 * One open entry in the editor: loads the server copy and any local drafts, decides what to show,
 * mirrors every edit to the draft store, autosaves through the SaveQueue, and flushes on
 * tab-hide/page-hide with keepalive. Lives outside React; useEntrySession wraps it.
 */
export class EntrySession {
  private snap: SessionSnapshot = {
    phase: "loading",
    loadError: null,
    content: EMPTY_CONTENT,
    contentVersion: 0,
    entry: null,
    save: null,
    notice: null,
    storage: null,
  };
  private queue: SaveQueue | null = null;
  private mirror: DraftMirror | null = null;
  private tabId = "";
  private docKey = "";
  private clientId = "";
  private closed = false;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly target: SessionTarget,
    private readonly hooks: SessionHooks,
  ) {
    void this.open().catch((err: unknown) => {
      this.set({ phase: "error", loadError: err instanceof Error ? err.message : String(err) });
    });
  }

  get snapshot(): SessionSnapshot {
    return this.snap;
  }

  edit(content: EntryContent): void {
    const q = this.queue;
    if (!q) return;
    q.edit(content);
    this.mirrorDraft(content, q.state.baseRevision);
  }

  /** Settle a 409 as the writer chose; `edited` is their hand-merged text for "edit". */
  resolve(choice: ConflictChoice | "edited", edited?: EntryContent): void {
    const q = this.queue;
    const c = q?.state.conflict;
    if (!q || !c) return;
    const next =
      choice === "edited" && edited ? edited : resolveConflict(q.content, c.theirs, choice as ConflictChoice);
    this.mirrorDraft(next, c.theirs.revision);
    this.set({ content: next, contentVersion: this.snap.contentVersion + 1, entry: c.theirs });
    q.resolveConflict(next);
  }

  retry(): void {
    this.queue?.retryNow();
    this.queue?.flush();
  }

  flush(keepalive = true): void {
    this.queue?.flush({ keepalive });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.listeners) off();
    this.queue?.flush({ keepalive: true });
    this.queue?.dispose();
    if (!this.queue?.busy) busyDocs.delete(this.docKey);
    else closing.add(this.closingMarker);
  }

  private readonly closingMarker = () => {};

  private set(patch: Partial<SessionSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    if (this.closed && !this.queue?.busy) {
      busyDocs.delete(this.docKey);
      closing.delete(this.closingMarker);
    }
    if (!this.closed) this.hooks.onChange(this.snap);
  }

  private mirrorDraft(content: EntryContent, baseRevision: number | null): void {
    if (!this.mirror) return;
    const entryId = this.docKey.startsWith("new:") ? null : this.docKey;
    const rec: DraftRecord = {
      key: draftKey(this.docKey, this.tabId),
      docKey: this.docKey,
      tabId: this.tabId,
      entryId,
      clientId: this.clientId,
      baseRevision,
      content,
      updatedAt: Date.now(),
    };
    const sent = this.queue?.unanswered ?? [];
    if (sent.length > 0) rec.sent = sent.map((s) => ({ content: s.content, baseRevision: s.baseRevision }));
    this.mirror.put(rec);
  }

  private async open(): Promise<void> {
    const [tabId, { store, kind }] = await Promise.all([ensureTab(), draftStore()]);
    this.tabId = tabId;
    this.mirror = new DraftMirror(store, (err) => console.error("Could not keep a local draft", err));
    this.set({ storage: kind });

    let server: Entry | null = null;
    let offlineLoad = false;
    let drafts: DraftRecord[];
    let notice: string | null = null;

    if (this.target.entryId) {
      this.docKey = this.target.entryId;
      drafts = await store.byDoc(this.docKey);
      try {
        server = await api.entry(this.target.entryId);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && !drafts.some((d) => !isBlank(d.content))) {
          this.set({ phase: "missing" });
          return;
        }
        if (err instanceof ApiError && err.status === 404) {
          // Deleted elsewhere, but this device still holds words for it: keep them as a new entry.
          const newest = [...drafts].sort((a, b) => b.updatedAt - a.updatedAt)[0];
          this.clientId = newClientId();
          this.docKey = newDocKey(this.clientId);
          this.hooks.onClientId(this.clientId);
          this.start(
            null,
            newest?.content ?? EMPTY_CONTENT,
            null,
            null,
            "This entry was deleted elsewhere; your local text is kept as a new entry.",
          );
          for (const d of drafts) this.mirror.delete(d.key);
          return;
        }
        if (!(err instanceof NetworkError) || drafts.length === 0) throw err;
        offlineLoad = true;
      }
      this.clientId = drafts[0]?.clientId ?? newClientId();
    } else {
      this.clientId = this.target.clientId ?? (await this.adoptUnsent(store, tabId)) ?? newClientId();
      if (this.clientId !== this.target.clientId) this.hooks.onClientId(this.clientId);
      this.docKey = newDocKey(this.clientId);
      drafts = await store.byDoc(this.docKey);
    }
    if (this.closed) return;

    if (offlineLoad) {
      const newest = [...drafts].sort((a, b) => b.updatedAt - a.updatedAt)[0];
      if (!newest) throw new NetworkError("offline");
      this.start(
        newest.entryId,
        newest.content,
        newest.baseRevision,
        null,
        "Offline – showing the copy kept on this device",
      );
      return;
    }

    const decision = decideRestore(server, drafts, {
      ownTabId: tabId,
      liveTabs: await liveTabIds(),
      now: Date.now(),
    });
    const ownKey = draftKey(this.docKey, tabId);
    for (const d of decision.discard) if (d.key !== ownKey) this.mirror.delete(d.key);
    const serverContent = server ? contentFromEntry(server) : null;

    if (decision.kind === "none") {
      if (decision.discard.some((d) => d.key === ownKey)) this.mirror.delete(ownKey);
      this.start(
        server?.id ?? null,
        serverContent ?? EMPTY_CONTENT,
        server?.revision ?? null,
        serverContent,
        null,
      );
      if (server) this.set({ entry: server });
      return;
    }
    notice = RESTORED_NOTICE;
    const d = decision.draft;
    // restore: edited from the current revision → save on top of it.
    // conflict: edited from an older revision → saving from that base gets the 409 and the merge view.
    const base = decision.kind === "restore" ? (server?.revision ?? null) : d.baseRevision;
    this.start(server?.id ?? null, d.content, base, serverContent, notice);
    if (server) this.set({ entry: server });
    this.mirrorDraft(d.content, base);
    if (d.key !== ownKey) this.mirror.delete(d.key);
    this.queue?.flush();
  }

  /** The new-entry page without a client id takes over an unsent draft left by a closed tab. */
  private async adoptUnsent(store: DraftStore, tabId: string): Promise<string | null> {
    const unsent = await store.unsent();
    const decision = decideRestore(null, unsent, {
      ownTabId: tabId,
      liveTabs: await liveTabIds(),
      now: Date.now(),
    });
    return decision.kind === "restore" ? decision.draft.clientId : null;
  }

  private start(
    entryId: string | null,
    content: EntryContent,
    baseRevision: number | null,
    saved: EntryContent | null,
    notice: string | null,
  ): void {
    const queue = new SaveQueue(
      { content, entryId, clientId: this.clientId, baseRevision, saved },
      {
        timers: browserTimers,
        save: makeSaver(api),
        onState: (state) => this.set({ save: state }),
        onSaved: (entry, _saved, dirty) => this.saved(entry, dirty),
        // Record the request in the local draft before it goes out (see DraftRecord.sent).
        onSend: () => this.mirrorDraft(queue.content, queue.state.baseRevision),
      },
    );
    this.queue = queue;
    busyDocs.add(this.docKey);
    this.set({
      phase: "ready",
      content,
      contentVersion: this.snap.contentVersion + 1,
      save: queue.state,
      notice,
      loadError: null,
    });
    const onHidden = () => {
      if (document.visibilityState === "hidden") queue.flush({ keepalive: true });
    };
    const onPageHide = () => queue.flush({ keepalive: true });
    const onOnline = () => queue.retryNow();
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("online", onOnline);
    this.listeners.push(
      () => document.removeEventListener("visibilitychange", onHidden),
      () => window.removeEventListener("pagehide", onPageHide),
      () => window.removeEventListener("online", onOnline),
    );
  }

  private saved(entry: Entry, dirty: boolean): void {
    const mirror = this.mirror;
    if (!mirror) return;
    const oldKey = draftKey(this.docKey, this.tabId);
    if (this.docKey !== entry.id) {
      busyDocs.delete(this.docKey);
      this.docKey = entry.id;
      busyDocs.add(this.docKey);
      mirror.delete(oldKey);
      this.hooks.onCreated(entry.id);
    }
    const q = this.queue;
    if (dirty && q) this.mirrorDraft(q.content, entry.revision);
    else mirror.delete(draftKey(this.docKey, this.tabId));
    this.set({ entry });
  }
}
