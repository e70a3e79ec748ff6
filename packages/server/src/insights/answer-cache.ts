/**
 * The last insights answer per user, as the bytes sent, reused while the user's insight stamp
 * (store/insight-rows.ts: replaced with every write to their sessions, diaries or check-ups) and
 * the request's key (zone, today, range) are unchanged. Least recently used answers go first once
 * the bytes held pass the budget.
 */
export class AnswerCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, { key: string; stamp: string; body: Buffer<ArrayBuffer> }>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(userId: string, key: string, stamp: string): Buffer<ArrayBuffer> | null {
    const hit = this.#entries.get(userId);
    if (!hit || hit.key !== key || hit.stamp !== stamp) return null;
    // Most recently used last.
    this.#entries.delete(userId);
    this.#entries.set(userId, hit);
    return hit.body;
  }

  set(userId: string, key: string, stamp: string, body: Buffer<ArrayBuffer>): void {
    this.delete(userId);
    if (body.length > this.#maxBytes) return;
    this.#entries.set(userId, { key, stamp, body });
    this.#bytes += body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.length;
    }
  }

  delete(userId: string): void {
    const entry = this.#entries.get(userId);
    if (!entry) return;
    this.#entries.delete(userId);
    this.#bytes -= entry.body.length;
  }

  /** Bytes held (for tests). */
  get bytes(): number {
    return this.#bytes;
  }
}
