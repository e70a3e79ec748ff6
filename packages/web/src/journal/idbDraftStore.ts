import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { type DraftStore, MemoryDraftStore } from "./draftMirror";
import type { DraftRecord } from "./restore";

interface MeridianDrafts extends DBSchema {
  drafts: { key: string; value: DraftRecord; indexes: { docKey: string } };
}

function commitNow(tx: { commit?: () => void }): void {
  try {
    tx.commit?.();
  } catch {
    // older browsers: the transaction auto-commits
  }
}

class IdbDraftStore implements DraftStore {
  constructor(private readonly db: IDBPDatabase<MeridianDrafts>) {}

  // Each write is its own transaction, created synchronously by the call (so writes commit in call
  // order) and committed explicitly at once, not when the event loop gets round to it: the page may
  // be closing.
  put(record: DraftRecord): Promise<void> {
    const tx = this.db.transaction("drafts", "readwrite");
    void tx.store.put(record).catch(() => {}); // tx.done reports the failure
    commitNow(tx);
    return tx.done;
  }
  delete(key: string): Promise<void> {
    const tx = this.db.transaction("drafts", "readwrite");
    void tx.store.delete(key).catch(() => {});
    commitNow(tx);
    return tx.done;
  }
  byDoc(docKey: string): Promise<DraftRecord[]> {
    return this.db.getAllFromIndex("drafts", "docKey", docKey);
  }
  unsent(): Promise<DraftRecord[]> {
    return this.db.getAllFromIndex("drafts", "docKey", IDBKeyRange.bound("new:", "new:\uffff"));
  }
}

/** Fallback when IndexedDB is unavailable (some private modes): localStorage, same contract. */
class LocalStorageDraftStore implements DraftStore {
  private readonly prefix = "meridian.draft.";

  private all(): DraftRecord[] {
    const out: DraftRecord[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(this.prefix)) continue;
      try {
        out.push(JSON.parse(localStorage.getItem(k) ?? "") as DraftRecord);
      } catch {
        // ignore a damaged record
      }
    }
    return out;
  }
  async put(record: DraftRecord): Promise<void> {
    localStorage.setItem(this.prefix + record.key, JSON.stringify(record));
  }
  async delete(key: string): Promise<void> {
    localStorage.removeItem(this.prefix + key);
  }
  async byDoc(docKey: string): Promise<DraftRecord[]> {
    return this.all().filter((r) => r.docKey === docKey);
  }
  async unsent(): Promise<DraftRecord[]> {
    return this.all().filter((r) => r.docKey.startsWith("new:"));
  }
}

let storePromise: Promise<{ store: DraftStore; kind: "indexeddb" | "localstorage" | "memory" }> | null = null;

/** The draft store for this browser, opened once. */
export function draftStore(): Promise<{ store: DraftStore; kind: "indexeddb" | "localstorage" | "memory" }> {
  storePromise ??= (async () => {
    try {
      const db = await openDB<MeridianDrafts>("meridian", 1, {
        upgrade(d) {
          const s = d.createObjectStore("drafts", { keyPath: "key" });
          s.createIndex("docKey", "docKey");
        },
      });
      return { store: new IdbDraftStore(db), kind: "indexeddb" as const };
    } catch {
      try {
        localStorage.setItem("meridian.probe", "1");
        localStorage.removeItem("meridian.probe");
        return { store: new LocalStorageDraftStore(), kind: "localstorage" as const };
      } catch {
        return { store: new MemoryDraftStore(), kind: "memory" as const };
      }
    }
  })();
  return storePromise;
}
