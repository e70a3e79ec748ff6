/**
 * A small in-memory inverted index for one user's entries: BM25 ranking over weighted fields,
 * AND semantics over query terms, prefix and typo-tolerant matching. Pure (no I/O).
 *
 * Layout
 * - Every version of a document lives in a "slot" (0, 1, 2, …). Upserting gives the new
 *   version a fresh slot and tombstones the old one, so an autosave costs one tokenisation
 *   and a few appends; tombstoned slots are skipped at query time and dropped by compaction
 *   once they exceed a quarter of all slots.
 * - Terms get dense ids, found through an open-addressing hash table keyed by the code units of
 *   the token, so indexing a known word allocates nothing. Each term's postings are one growable Uint32Array of
 *   (slot, weighted tf × 2) pairs, sorted by slot because slots only ever grow.
 * - The vocabulary is also kept sorted (for prefix ranges) and bucketed by length (for the
 *   typo scan).
 *
 * A query costs O(postings of the expanded terms) with no allocation per matching document:
 * scores go into a reused Float64Array, and a per-slot counter records how many query terms
 * (processed rarest first) a slot has matched so far, so only slots that matched all of them
 * survive to a bounded top-k heap.
 */
import { forEachToken, tokenizeInto } from "./tokenize";

export interface IndexDoc {
  id: string;
  title: string;
  /** Plain text (markdown already stripped). */
  body: string;
  tags: readonly string[];
}

export interface IndexHit {
  id: string;
  score: number;
  /** Index terms (folded) that matched in this document, for highlighting. */
  terms: string[];
}

export interface TextIndexOptions {
  /** Compact when tombstones exceed this share of all slots (default 0.25). */
  compactRatio?: number;
  /** …and there are at least this many of them (default 64), so tiny indexes don't churn. */
  minTombstones?: number;
}

export interface TextIndexStats {
  docs: number;
  slots: number;
  tombstones: number;
  terms: number;
  postings: number;
}

/** Field weights ×2, so weighted term frequencies stay integers (title 2, tags 1.5, body 1). */
const TITLE_TF2 = 4;
const TAG_TF2 = 3;
const BODY_TF2 = 2;

const K1 = 1.2;
const B = 0.75;

/** A prefix expands to at most this many terms (the ones in the most documents). */
export const MAX_PREFIX_TERMS = 50;
/** A typo expands to at most this many terms (closest first, then most documents). */
export const MAX_FUZZY_TERMS = 20;
/** Weight of a prefix expansion, scaled further by how much of the term the query covers. */
const PREFIX_WEIGHT = 0.6;
/** Weight of a typo expansion by edit distance. */
const FUZZY_WEIGHT = [1, 0.45, 0.3] as const;

/** Edits allowed for a query term of this length: none below 4, 1 up to 7, 2 from 8. */
export function maxTypos(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, which are the
 * commonest typo), or max + 1 as soon as it is known to exceed max.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rowA.length) {
    rowA = new Int32Array(2 * (m + 1));
    rowB = new Int32Array(2 * (m + 1));
    rowC = new Int32Array(2 * (m + 1));
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = (prev[j - 1] as number) + (ca === cb ? 0 : 1);
      const del = (prev[j] as number) + 1;
      if (del < v) v = del;
      const ins = (cur[j - 1] as number) + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const tr = (prev2[j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m] as number;
  return d > max ? max + 1 : d;
}

/** The index terms one query term stands for, with their weights (≤ 1). */
interface Expansion {
  ids: number[];
  weights: number[];
  /**
   * Live postings to walk: the query runs the cheapest group first. (Live counts, not array
   * lengths, so the order, and with it every floating-point sum, is the same after compaction.)
   */
  cost: number;
}

export class TextIndex {
  readonly #compactRatio: number;
  readonly #minTombstones: number;

  // ---- vocabulary (indexed by term id)
  #terms: string[] = [];
  #termHash: number[] = [];
  /** Which characters (mod 32) each term contains: a cheap lower bound for the typo scan. */
  #termChars: number[] = [];
  /** Term ids by hash (open addressing, linear probing, −1 = empty; at most half full). */
  #table = new Int32Array(1024).fill(-1);
  /** Interleaved (slot, tf×2) pairs. */
  #postings: Uint32Array[] = [];
  /** Number of pairs used in each postings array. */
  #postingLen: number[] = [];
  /** Live documents containing the term. */
  #df: number[] = [];
  /** Term ids in ascending string order (excluding #unsorted). */
  #sorted: number[] = [];
  /** Term ids created since #sorted was last brought up to date. */
  #unsorted: number[] = [];
  /** Term ids by term length, for the typo scan. */
  #byLength: number[][] = [];

  // ---- documents (indexed by slot)
  #slotCount = 0;
  #ids: (string | undefined)[] = [];
  #alive = new Uint8Array(16);
  #docLen = new Float64Array(16);
  /**
   * Distinct term ids of each slot, ascending, at #termsAt[slot] … + #termCount[slot] in one
   * shared arena (one typed array per document would cost an off-heap allocation each).
   */
  #termsAt = new Uint32Array(16);
  #termCount = new Uint32Array(16);
  #arena = new Uint32Array(1024);
  #arenaLen = 0;
  readonly #slotOf = new Map<string, number>();
  #liveDocs = 0;
  #tombstones = 0;
  #totalLen = 0;

  // ---- scratch, reused across calls
  #tfScratch = new Uint32Array(256);
  readonly #docTermList: number[] = [];
  #fieldTf2 = 0;
  #score = new Float64Array(0);
  #matched = new Uint16Array(0);
  #touched = new Int32Array(0);

  constructor(options: TextIndexOptions = {}) {
    this.#compactRatio = options.compactRatio ?? 0.25;
    this.#minTombstones = options.minTombstones ?? 64;
  }

  /** Live documents. */
  get size(): number {
    return this.#liveDocs;
  }

  get stats(): TextIndexStats {
    let postings = 0;
    for (const n of this.#postingLen) postings += n;
    return {
      docs: this.#liveDocs,
      slots: this.#slotCount,
      tombstones: this.#tombstones,
      terms: this.#terms.length,
      postings,
    };
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Adds many documents (replacing any with the same id). */
  addAll(docs: Iterable<IndexDoc>): void {
    for (const doc of docs) {
      const old = this.#slotOf.get(doc.id);
      if (old !== undefined) this.#kill(old);
      this.#insert(doc);
    }
    this.#maybeCompact();
  }

  /** Adds a document, or replaces the one with the same id. */
  upsert(doc: IndexDoc): void {
    const old = this.#slotOf.get(doc.id);
    if (old !== undefined) this.#kill(old);
    this.#insert(doc);
    this.#maybeCompact();
  }

  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#kill(slot);
    this.#slotOf.delete(id);
    this.#maybeCompact();
    return true;
  }

  /**
   * Documents containing every query term (exactly, as a prefix, or within a typo or two),
   * best first: BM25 over title (2×), tags (1.5×) and body, with idf from live documents.
   */
  search(query: string, limit: number): IndexHit[] {
    const queryTerms = [...new Set(tokenizeInto(query, []))];
    if (queryTerms.length === 0 || this.#liveDocs === 0 || limit < 1) return [];
    this.#flushSorted();
    const groups: Expansion[] = [];
    for (const q of queryTerms) {
      const e = this.#expand(q);
      if (e.ids.length === 0) return [];
      groups.push(e);
    }
    groups.sort((x, y) => x.cost - y.cost);
    this.#ensureQueryScratch();

    const score = this.#score;
    const matched = this.#matched;
    const touched = this.#touched;
    const alive = this.#alive;
    const docLen = this.#docLen;
    const n = this.#liveDocs;
    const invAvgLen = n / this.#totalLen;
    let touchedCount = 0;
    let complete = true;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as Expansion;
      const next = g + 1;
      let advanced = 0;
      for (let e = 0; e < group.ids.length; e++) {
        const t = group.ids[e] as number;
        const df = this.#df[t] as number;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const w = (group.weights[e] as number) * idf * (K1 + 1);
        const p = this.#postings[t] as Uint32Array;
        const end = 2 * (this.#postingLen[t] as number);
        for (let j = 0; j < end; j += 2) {
          const s = p[j] as number;
          if (alive[s] === 0) continue;
          const m = matched[s] as number;
          if (m === g) {
            matched[s] = next;
            advanced++;
            if (g === 0) touched[touchedCount++] = s;
          } else if (m !== next) continue;
          const tf = (p[j + 1] as number) * 0.5;
          score[s] =
            (score[s] as number) + (w * tf) / (tf + K1 * (1 - B + B * (docLen[s] as number) * invAvgLen));
        }
      }
      if (advanced === 0) {
        complete = false;
        break;
      }
    }

    // Top k by a bounded min-heap over the slots that matched every group (ties: older slot first).
    const k = Math.min(limit, touchedCount);
    const heapSlot = new Int32Array(k);
    const heapScore = new Float64Array(k);
    let size = 0;
    const all = groups.length;
    for (let i = 0; i < touchedCount; i++) {
      const s = touched[i] as number;
      const sc = score[s] as number;
      const ok = complete && matched[s] === all;
      score[s] = 0;
      matched[s] = 0;
      if (!ok) continue;
      if (size < k) {
        heapPush(heapSlot, heapScore, size++, s, sc);
      } else if (better(sc, s, heapScore[0] as number, heapSlot[0] as number)) {
        heapReplaceTop(heapSlot, heapScore, size, s, sc);
      }
    }
    const order: number[] = [];
    for (let i = 0; i < size; i++) order.push(i);
    order.sort((x, y) =>
      better(heapScore[x] as number, heapSlot[x] as number, heapScore[y] as number, heapSlot[y] as number)
        ? -1
        : 1,
    );
    return order.map((i) => {
      const slot = heapSlot[i] as number;
      return {
        id: this.#ids[slot] as string,
        score: heapScore[i] as number,
        terms: this.#matchedTerms(slot, groups),
      };
    });
  }

  /** Drops tombstoned slots and terms no live document uses; results are unchanged. */
  compact(): void {
    if (this.#tombstones === 0) return;
    this.#flushSorted();
    const newSlot = new Int32Array(this.#slotCount).fill(-1);
    let live = 0;
    for (let s = 0; s < this.#slotCount; s++) if (this.#alive[s] === 1) newSlot[s] = live++;

    // Terms: keep the ones still in a live document, renumbered in id order.
    const newTerm = new Int32Array(this.#terms.length).fill(-1);
    const terms: string[] = [];
    const termHash: number[] = [];
    const termChars: number[] = [];
    const postings: Uint32Array[] = [];
    const postingLen: number[] = [];
    const df: number[] = [];
    for (let t = 0; t < this.#terms.length; t++) {
      if ((this.#df[t] as number) === 0) continue;
      const p = this.#postings[t] as Uint32Array;
      const end = 2 * (this.#postingLen[t] as number);
      let w = 0;
      for (let j = 0; j < end; j += 2) {
        const ns = newSlot[p[j] as number] as number;
        if (ns < 0) continue;
        p[w] = ns;
        p[w + 1] = p[j + 1] as number;
        w += 2;
      }
      const id = terms.length;
      newTerm[t] = id;
      terms.push(this.#terms[t] as string);
      termHash.push(this.#termHash[t] as number);
      termChars.push(this.#termChars[t] as number);
      postings.push(p.length > 4 * w && p.length > 8 ? p.slice(0, Math.max(8, w * 2)) : p);
      postingLen.push(w / 2);
      df.push(this.#df[t] as number);
    }
    const remap = (ids: number[]) => {
      const out: number[] = [];
      for (const t of ids) {
        const nt = newTerm[t] as number;
        if (nt >= 0) out.push(nt);
      }
      return out;
    };
    this.#terms = terms;
    this.#termHash = termHash;
    this.#termChars = termChars;
    this.#table.fill(-1);
    for (let t = 0; t < terms.length; t++) this.#tableInsert(t);
    this.#postings = postings;
    this.#postingLen = postingLen;
    this.#df = df;
    this.#sorted = remap(this.#sorted);
    this.#byLength = this.#byLength.map(remap);

    // Slots.
    const ids: (string | undefined)[] = new Array(live);
    const capacity = Math.max(16, live * 2);
    const alive = new Uint8Array(capacity);
    const docLen = new Float64Array(capacity);
    const termsAt = new Uint32Array(capacity);
    const termCount = new Uint32Array(capacity);
    let arenaLen = 0;
    for (let s = 0; s < this.#slotCount; s++)
      if ((newSlot[s] as number) >= 0) arenaLen += this.#termCount[s] as number;
    const arena = new Uint32Array(Math.max(1024, arenaLen * 2));
    arenaLen = 0;
    for (let s = 0; s < this.#slotCount; s++) {
      const ns = newSlot[s] as number;
      if (ns < 0) continue;
      const id = this.#ids[s] as string;
      ids[ns] = id;
      alive[ns] = 1;
      docLen[ns] = this.#docLen[s] as number;
      const from = this.#termsAt[s] as number;
      const count = this.#termCount[s] as number;
      termsAt[ns] = arenaLen;
      termCount[ns] = count;
      // Renumbering preserves term order, so each list stays ascending.
      for (let i = 0; i < count; i++) arena[arenaLen++] = newTerm[this.#arena[from + i] as number] as number;
      this.#slotOf.set(id, ns);
    }
    this.#ids = ids;
    this.#alive = alive;
    this.#docLen = docLen;
    this.#termsAt = termsAt;
    this.#termCount = termCount;
    this.#arena = arena;
    this.#arenaLen = arenaLen;
    this.#slotCount = live;
    this.#tombstones = 0;
    if (this.#tfScratch.length < terms.length) this.#tfScratch = new Uint32Array(terms.length * 2);
  }

  // ---------------------------------------------------------------------------------------

  #insert(doc: IndexDoc): void {
    const slot = this.#slotCount++;
    if (slot >= this.#alive.length) {
      const capacity = this.#alive.length * 2;
      this.#alive = grow(this.#alive, new Uint8Array(capacity));
      this.#docLen = grow(this.#docLen, new Float64Array(capacity));
      this.#termsAt = grow(this.#termsAt, new Uint32Array(capacity));
      this.#termCount = grow(this.#termCount, new Uint32Array(capacity));
    }
    const list = this.#docTermList;
    list.length = 0;
    this.#addField(doc.title, TITLE_TF2);
    for (const tag of doc.tags) this.#addField(tag, TAG_TF2);
    this.#addField(doc.body, BODY_TF2);

    const count = list.length;
    if (this.#arenaLen + count > this.#arena.length)
      this.#arena = grow(this.#arena, new Uint32Array(2 * (this.#arenaLen + count)));
    const from = this.#arenaLen;
    const termsOfDoc = this.#arena.subarray(from, from + count);
    for (let i = 0; i < count; i++) termsOfDoc[i] = list[i] as number;
    termsOfDoc.sort(); // numeric, native
    this.#arenaLen += count;
    const scratch = this.#tfScratch;
    let len2 = 0;
    for (let i = 0; i < count; i++) {
      const t = termsOfDoc[i] as number;
      const tf2 = scratch[t] as number;
      scratch[t] = 0;
      len2 += tf2;
      this.#df[t] = (this.#df[t] as number) + 1;
      let p = this.#postings[t] as Uint32Array;
      const at = 2 * (this.#postingLen[t] as number);
      if (at + 2 > p.length) {
        const grown = new Uint32Array(p.length * 2);
        grown.set(p);
        this.#postings[t] = grown;
        p = grown;
      }
      p[at] = slot;
      p[at + 1] = tf2;
      this.#postingLen[t] = at / 2 + 1;
    }
    this.#ids[slot] = doc.id;
    this.#alive[slot] = 1;
    this.#docLen[slot] = len2 / 2;
    this.#termsAt[slot] = from;
    this.#termCount[slot] = count;
    this.#slotOf.set(doc.id, slot);
    this.#liveDocs += 1;
    this.#totalLen += len2 / 2;
  }

  #addField(text: string, tf2: number): void {
    this.#fieldTf2 = tf2;
    forEachToken(text, this.#addToken);
  }

  readonly #addToken = (folded: string, start: number, end: number): void => {
    const h = hashRange(folded, start, end);
    let t = this.#find(folded, start, end, h);
    if (t < 0) t = this.#newTerm(folded.slice(start, end), h);
    const scratch = this.#tfScratch;
    if (scratch[t] === 0) this.#docTermList.push(t);
    scratch[t] = (scratch[t] as number) + this.#fieldTf2;
  };

  /** The id of the term equal to s.slice(start, end) (whose hash is h), or −1. */
  #find(s: string, start: number, end: number, h: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = table[i] as number;
      if (t < 0) return -1;
      if (this.#termHash[t] === h) {
        const term = this.#terms[t] as string;
        if (term.length === end - start && sameChars(term, s, start)) return t;
      }
    }
  }

  #termId(term: string): number {
    return this.#find(term, 0, term.length, hashRange(term, 0, term.length));
  }

  #tableInsert(t: number): void {
    const table = this.#table;
    const mask = table.length - 1;
    let i = (this.#termHash[t] as number) & mask;
    while ((table[i] as number) >= 0) i = (i + 1) & mask;
    table[i] = t;
  }

  #newTerm(term: string, h: number): number {
    const t = this.#terms.length;
    this.#terms.push(term);
    this.#termHash.push(h);
    this.#termChars.push(charMask(term));
    if (2 * (t + 1) > this.#table.length) {
      this.#table = new Int32Array(this.#table.length * 2).fill(-1);
      for (let u = 0; u < t; u++) this.#tableInsert(u);
    }
    this.#tableInsert(t);
    this.#postings.push(new Uint32Array(8));
    this.#postingLen.push(0);
    this.#df.push(0);
    this.#unsorted.push(t);
    const bucket = this.#byLength[term.length];
    if (bucket) bucket.push(t);
    else {
      while (this.#byLength.length < term.length) this.#byLength.push([]);
      this.#byLength[term.length] = [t];
    }
    if (t >= this.#tfScratch.length) {
      const grown = new Uint32Array(this.#tfScratch.length * 2);
      grown.set(this.#tfScratch);
      this.#tfScratch = grown;
    }
    return t;
  }

  #kill(slot: number): void {
    this.#alive[slot] = 0;
    this.#liveDocs -= 1;
    this.#tombstones += 1;
    this.#totalLen -= this.#docLen[slot] as number;
    const df = this.#df;
    const from = this.#termsAt[slot] as number;
    const end = from + (this.#termCount[slot] as number);
    for (let i = from; i < end; i++) {
      const t = this.#arena[i] as number;
      df[t] = (df[t] as number) - 1;
    }
    // Exact totals again when the index empties (no float drift).
    if (this.#liveDocs === 0) this.#totalLen = 0;
  }

  #maybeCompact(): void {
    if (this.#tombstones >= this.#minTombstones && this.#tombstones > this.#compactRatio * this.#slotCount)
      this.compact();
  }

  #compareTerms = (x: number, y: number): number => {
    const a = this.#terms[x] as string;
    const b = this.#terms[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };

  /** Brings the sorted vocabulary up to date: a few new terms by insertion, many by a sort. */
  #flushSorted(): void {
    const pending = this.#unsorted;
    if (pending.length === 0) return;
    if (pending.length > 64 && pending.length * 8 > this.#sorted.length) {
      this.#sorted.push(...pending);
      this.#sorted.sort(this.#compareTerms);
    } else {
      for (const t of pending) {
        const term = this.#terms[t] as string;
        this.#sorted.splice(this.#lowerBound(term), 0, t);
      }
    }
    pending.length = 0;
  }

  /** First position in #sorted whose term is ≥ term. */
  #lowerBound(term: string): number {
    const sorted = this.#sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#terms[sorted[mid] as number] as string) < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #expand(q: string): Expansion {
    const ids: number[] = [];
    const weights: number[] = [];
    const weightOf = new Map<number, number>();
    const add = (t: number, w: number) => {
      const had = weightOf.get(t);
      if (had === undefined) {
        weightOf.set(t, ids.length);
        ids.push(t);
        weights.push(w);
      } else if (w > (weights[had] as number)) weights[had] = w;
    };

    const exact = this.#termId(q);
    if (exact >= 0 && (this.#df[exact] as number) > 0) add(exact, 1);

    // Prefix: the sorted range of terms starting with q.
    const prefixed: number[] = [];
    for (let i = this.#lowerBound(q); i < this.#sorted.length; i++) {
      const t = this.#sorted[i] as number;
      const term = this.#terms[t] as string;
      if (!term.startsWith(q)) break;
      if (t !== exact && (this.#df[t] as number) > 0) prefixed.push(t);
    }
    if (prefixed.length > MAX_PREFIX_TERMS) {
      prefixed.sort((x, y) => (this.#df[y] as number) - (this.#df[x] as number) || x - y);
      prefixed.length = MAX_PREFIX_TERMS;
    }
    for (const t of prefixed) add(t, (PREFIX_WEIGHT * q.length) / (this.#terms[t] as string).length);

    // Typos: a bounded edit-distance scan over terms of nearby length.
    const max = maxTypos(q.length);
    if (max > 0) {
      const near: { t: number; d: number }[] = [];
      const qChars = charMask(q);
      const from = Math.max(1, q.length - max);
      const to = Math.min(this.#byLength.length - 1, q.length + max);
      for (let len = from; len <= to; len++) {
        for (const t of this.#byLength[len] ?? []) {
          if (t === exact || (this.#df[t] as number) === 0) continue;
          // Each edit removes at most one character of q and adds at most one to the term,
          // so neither can have more than max characters the other lacks.
          const tChars = this.#termChars[t] as number;
          if (popcount(qChars & ~tChars) > max || popcount(tChars & ~qChars) > max) continue;
          const d = boundedEditDistance(q, this.#terms[t] as string, max);
          if (d <= max) near.push({ t, d });
        }
      }
      if (near.length > MAX_FUZZY_TERMS) {
        near.sort((x, y) => x.d - y.d || (this.#df[y.t] as number) - (this.#df[x.t] as number) || x.t - y.t);
        near.length = MAX_FUZZY_TERMS;
      }
      for (const { t, d } of near) add(t, FUZZY_WEIGHT[d] ?? 0);
    }

    let cost = 0;
    for (const t of ids) cost += this.#df[t] as number;
    return { ids, weights, cost };
  }

  #ensureQueryScratch(): void {
    if (this.#score.length >= this.#slotCount) return;
    const size = Math.max(16, this.#alive.length);
    this.#score = new Float64Array(size);
    this.#matched = new Uint16Array(size);
    this.#touched = new Int32Array(size);
  }

  /** The expanded terms this slot actually contains. */
  #matchedTerms(slot: number, groups: readonly Expansion[]): string[] {
    const arena = this.#arena;
    const from = this.#termsAt[slot] as number;
    const end = from + (this.#termCount[slot] as number);
    const out = new Set<string>();
    for (const group of groups) {
      for (const t of group.ids) {
        let lo = from;
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((arena[mid] as number) < t) lo = mid + 1;
          else hi = mid;
        }
        if (lo < end && arena[lo] === t) out.add(this.#terms[t] as string);
      }
    }
    return [...out].sort();
  }
}

/** Bit (c mod 32) set for each code unit c of s (a–z get distinct bits). */
function charMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) & 31);
  return m;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Copies `from` into the start of the larger `to`. */
function grow<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** FNV-1a over the UTF-16 code units of s.slice(start, end), as an int32. */
function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function sameChars(term: string, s: string, start: number): boolean {
  for (let i = 0; i < term.length; i++) if (term.charCodeAt(i) !== s.charCodeAt(start + i)) return false;
  return true;
}

/** Is (score a, slot a) ranked before (score b, slot b)? */
function better(scoreA: number, slotA: number, scoreB: number, slotB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && slotA < slotB);
}

/** Min-heap on rank: the root is the worst of the kept hits. */
function heapPush(slots: Int32Array, scores: Float64Array, size: number, slot: number, score: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!better(scores[parent] as number, slots[parent] as number, score, slot)) break;
    slots[i] = slots[parent] as number;
    scores[i] = scores[parent] as number;
    i = parent;
  }
  slots[i] = slot;
  scores[i] = score;
}

function heapReplaceTop(
  slots: Int32Array,
  scores: Float64Array,
  size: number,
  slot: number,
  score: number,
): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    let worst = l;
    if (r < size && better(scores[l] as number, slots[l] as number, scores[r] as number, slots[r] as number))
      worst = r;
    if (!better(score, slot, scores[worst] as number, slots[worst] as number)) break;
    slots[i] = slots[worst] as number;
    scores[i] = scores[worst] as number;
    i = worst;
  }
  slots[i] = slot;
  scores[i] = score;
}
