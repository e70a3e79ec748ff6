/**
 * Search benchmark: one user with 10,000 generated entries (written through the encrypting store,
 * as the app writes them), queried in-process through the API.
 *   BENCH_SEARCH_ENTRIES=2000 changes the corpus size.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, openStore } from "@meridian/server";
import { BENCH_PASSWORD_HASHING, benchAccount } from "./account";
import { SyntheticJournal } from "./corpus";
import { size } from "./sizes";
import { type BenchRow, median, percentile } from "./table";

const QUERIES = [
  "rain",
  "windo",
  "grateful",
  "blanket pillow",
  "whispr",
  "ocean waves",
  "tea",
  "notebo",
  "calm sleep",
];

export async function benchSearch(): Promise<BenchRow[]> {
  const ENTRIES = size("BENCH_SEARCH_ENTRIES", 10_000, 200);
  const RUNS = size("BENCH_SEARCH_RUNS", 300, 20);
  const dir = mkdtempSync(join(tmpdir(), "meridian-bench-search-"));
  const store = await openStore({ dataDir: dir });
  const app = createApp({
    store,
    version: "bench",
    webDistDir: null,
    passwordHashing: BENCH_PASSWORD_HASHING,
  });
  let release = () => {};
  try {
    const account = await benchAccount(app, store, "UTC");
    release = account.release;
    const { cookie, userId } = account;
    const corpus = new SyntheticJournal(11);
    const bodies: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const e = corpus.entry(150);
      bodies.push(`${e.title} ${e.body}`.toLowerCase());
      const at = new Date(Date.UTC(2016, 0, 1) + i * 36e5 * 9).toISOString();
      await account.store.createEntry(userId, {
        id: `bench-${i}`,
        clientId: null,
        title: e.title,
        body: e.body,
        promptId: null,
        promptText: null,
        tags: e.tags,
        createdAt: at,
        localDate: at.slice(0, 10),
        timeZone: "UTC",
      });
    }
    const search = async (q: string): Promise<number> => {
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=20`, {
        headers: { cookie },
      });
      if (res.status !== 200) throw new Error(`search failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { hits: unknown[] }).hits.length;
    };
    const t0 = performance.now();
    const found = await search("rain");
    const build = performance.now() - t0;
    // Entries the app cannot read are left out of the index: finding nothing means the corpus
    // was not written as the app writes it.
    if (found === 0) throw new Error('search found no entry for "rain": the corpus is not readable');

    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const q = QUERIES[i % QUERIES.length] as string;
      const s = performance.now();
      await search(q);
      times.push(performance.now() - s);
    }
    // Baseline: a naive substring scan over the same texts, same process.
    const scans: number[] = [];
    for (let i = 0; i < 60; i++) {
      const q = (QUERIES[i % QUERIES.length] as string).split(" ")[0] as string;
      const s = performance.now();
      let hits = 0;
      for (const b of bodies) if (b.includes(q)) hits++;
      scans.push(performance.now() - s + hits * 0);
    }
    return [
      { section: "search", name: `index build, ${ENTRIES} entries (first query)`, value: build, unit: "ms" },
      { section: "search", name: "query p50 (via API, in-process)", value: median(times), unit: "ms" },
      {
        section: "search",
        name: "query p95 (via API, in-process)",
        value: percentile(times, 95),
        unit: "ms",
        baseline: percentile(scans, 95),
        baselineName: "naive substring scan p95",
        target: "≤ 5",
      },
    ];
  } finally {
    release();
    app.dispose();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
