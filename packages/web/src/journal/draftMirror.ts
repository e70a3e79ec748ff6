import type { DraftRecord } from "./restore";

/** Persistence for local drafts (IndexedDB in the browser, a Map in tests). */
export interface DraftStore {
  put(record: DraftRecord): Promise<void>;
  delete(key: string): Promise<void>;
  byDoc(docKey: string): Promise<DraftRecord[]>;
  /** Drafts of entries the server has not created yet (docKey `new:…`). */
  unsent(): Promise<DraftRecord[]>;
}

type Op = { kind: "put"; record: DraftRecord } | { kind: "delete"; key: string };

/**
 * Serialises writes to a DraftStore: each write starts as soon as the previous one finished, and
 * a newer write for the same key replaces one that has not started yet. So the store follows every
 * keystroke within one IndexedDB round-trip, and a delete can never be overtaken by an older put.
 */
export class DraftMirror {
  private readonly queue = new Map<string, Op>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DraftStore,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  put(record: DraftRecord): void {
    this.enqueue(record.key, { kind: "put", record });
  }

  delete(key: string): void {
    this.enqueue(key, { kind: "delete", key });
  }

  /** Resolves once every queued write has reached the store. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue(key: string, op: Op): void {
    this.queue.delete(key);
    this.queue.set(key, op);
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const first = this.queue.entries().next();
      if (first.done) return;
      const [key, op] = first.value;
      this.queue.delete(key);
      try {
        if (op.kind === "put") await this.store.put(op.record);
        else await this.store.delete(op.key);
      } catch (err) {
        this.onError(err);
      }
    }
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
