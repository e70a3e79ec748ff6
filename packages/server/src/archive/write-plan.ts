import type { EntryRecord } from "../store/store";

/** What an import tells the search index (the app's SearchService). */
export interface ImportSearch {
  upsert(userId: string, entry: EntryRecord): void;
  remove(userId: string, entryId: string): void;
}

/** Steps that take back what an import wrote, run newest first when a later write fails, so a
 * failed import leaves the account as it was. */
export class Undo {
  readonly #steps: (() => Promise<unknown>)[] = [];

  push(step: () => Promise<unknown>): void {
    this.#steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.#steps.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error("import: undoing a write failed:", error);
      }
    }
    this.#steps.length = 0;
  }
}

/** How many entry writes an import keeps in flight: PostgreSQL commits them on separate pool
 * connections (each create is its own small transaction); SQLite runs them one by one anyway. */
export const WRITE_CONCURRENCY = 4;

/** Runs `work` for every item with at most `limit` running at once. After the first failure no
 * new item starts; the ones running finish (their undo steps are recorded), then the first
 * error is thrown. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
