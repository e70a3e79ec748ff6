import type { DraftRecord } from "./restore";

/** Persistence for local drafts (IndexedDB in the browser, a Map in tests). */
export interface DraftStore {
  /** Writes must take effect in call order (the write is started synchronously by the call). */
  put(record: DraftRecord): Promise<void>;
  delete(key: string): Promise<void>;
  byDoc(docKey: string): Promise<DraftRecord[]>;
  /** Drafts of entries the server has not created yet (docKey `new:…`). */
  unsent(): Promise<DraftRecord[]>;
}

/**
 * Write-through mirror of drafts into a DraftStore. Every write is issued to the store at once, in
 * call order, never held back in a JS queue: a page that is closed right after a keystroke has
 * already handed that keystroke to IndexedDB (whose readwrite transactions on one store commit in
 * the order they were created), so nothing waits on an earlier write that the dying page would never
 * get to start. Stores must apply writes in call order (IndexedDB, localStorage and memory all do),
 * which also means a delete can never be overtaken by an older put.
 */
export class DraftMirror {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: DraftStore,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  put(record: DraftRecord): void {
    this.track(() => this.store.put(record));
  }

  delete(key: string): void {
    this.track(() => this.store.delete(key));
  }

  /** Resolves once every write issued so far has reached the store. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private track(write: () => Promise<void>): void {
    let p: Promise<void>;
    try {
      p = write();
    } catch (err) {
      p = Promise.reject(err);
    }
    const done = p.catch((err: unknown) => this.onError(err)).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }
}

/** In-memory DraftStore (tests, and the last resort when IndexedDB and localStorage both fail). */
export class MemoryDraftStore implements DraftStore {
  readonly records = new Map<string, DraftRecord>();

  async put(record: DraftRecord): Promise<void> {
    this.records.set(record.key, structuredClone(record));
  }
  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }
  async byDoc(docKey: string): Promise<DraftRecord[]> {
    return [...this.records.values()].filter((r) => r.docKey === docKey);
  }
  async unsent(): Promise<DraftRecord[]> {
    return [...this.records.values()].filter((r) => r.docKey.startsWith("new:"));
  }
}
