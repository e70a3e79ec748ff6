import type { Entry } from "@meridian/core";
import { EMPTY_CONTENT, type EntryContent } from "./content";
import type { Timers } from "./saveQueue";

/** A manual clock for DOM-free tests of timer-driven logic. */
export class FakeTimers implements Timers {
  now = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  set(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Advance the clock, firing due timers in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.pending) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.pending.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
}

export function content(body: string, extra: Partial<EntryContent> = {}): EntryContent {
  return { ...EMPTY_CONTENT, body, ...extra };
}

export function entry(body: string, revision: number, extra: Partial<Entry> = {}): Entry {
  return {
    id: "e1",
    title: null,
    body,
    tags: [],
    promptId: null,
    promptText: null,
    revision,
    createdAt: "2025-01-01T21:00:00.000Z",
    updatedAt: "2025-01-01T21:00:00.000Z",
    localDate: "2025-01-01",
    timeZone: "UTC",
    wordCount: body.split(/\s+/).filter(Boolean).length,
    ...extra,
  };
}

/** Let pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
