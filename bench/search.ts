/** Search benchmark: one user with 10,000 generated entries, queried in-process through the API. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, openStore } from "@meridian/server";
import { SyntheticJournal } from "./corpus";
import { type BenchRow, median, percentile } from "./table";

const ENTRIES = Number(process.env.BENCH_SEARCH_ENTRIES ?? 10_000);
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
  const dir = mkdtempSync(join(tmpdir(), "meridian-bench-search-"));
  const store = await openStore({ dataDir: dir });
  const app = createApp({ store, version: "bench", webDistDir: null });
  try {
    const setup = await app.request("/api/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "benchmark-password", timeZone: "UTC" }),
    });
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const user = (await setup.json()) as { id: string };
    const corpus = new SyntheticJournal(11);
    const bodies: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const e = corpus.entry(150);
      bodies.push(`${e.title} ${e.body}`.toLowerCase());
      const at = new Date(Date.UTC(2016, 0, 1) + i * 36e5 * 9).toISOString();
      await store.createEntry(user.id, {
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
    const search = async (q: string) => {
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=20`, {
        headers: { cookie },
      });
      if (res.status !== 200) throw new Error(`search failed: ${res.status}`);
      await res.json();
    };
    const t0 = performance.now();
    await search("rain");
    const build = performance.now() - t0;

    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
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
    app.dispose();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
