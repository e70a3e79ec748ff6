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
