/**
 * Timings of import and export at scale, through the real app (in-process, encrypting store):
 *   npx tsx packages/server/src/archive/bench-archive.ts [entries=5000] [sqlite|postgres]
 * Imports a generated jrnl file of N entries (preview, then import), exports the archive,
 * restores it into a second account and imports the same jrnl file again (all duplicates).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageKind } from "../store/store";
import { body, createHarness, memberClient, ownerClient } from "../test/harness";
import { download, sendFile } from "./seed.test-helpers";

const n = Number(process.argv[2] ?? 5000);
const kind = (process.argv[3] ?? "sqlite") as StorageKind;
const words = "rain window quiet tea lamp river walk breath slow soft warm night morning pages".split(" ");

function jrnl(count: number): string {
  const entries = Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const body = Array.from({ length: 120 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(" ");
    return {
      title: `Day ${i + 1}`,
      body,
      date: day,
      time: "21:30",
      tags: ["@evening", `@w${i % 9}`],
      starred: i % 10 === 0,
    };
  });
  return JSON.stringify({ tags: {}, entries });
}

async function time<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(44)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

const dataDir = mkdtempSync(join(tmpdir(), "meridian-bench-archive-"));
const h = await createHarness(kind, { dataDir });
try {
  const owner = await ownerClient(h, "bench");
  const file = jrnl(n);
  console.log(`${n} jrnl entries, ${(file.length / 1024 / 1024).toFixed(1)} MB, ${kind}`);
  const preview = await time("preview (POST /api/import/preview)", async () =>
    body(await sendFile(h, owner, "/api/import/preview", file)),
  );
  if (preview.newCount !== n) throw new Error(`preview: ${JSON.stringify(preview).slice(0, 200)}`);
  const result = await time("import (POST /api/import)", async () =>
    body(await sendFile(h, owner, "/api/import", file)),
  );
  if (result.imported !== n) throw new Error(`import: ${JSON.stringify(result).slice(0, 200)}`);
  const again = await time("re-import, all duplicates", async () =>
    body(await sendFile(h, owner, "/api/import", file)),
  );
  if (again.imported !== 0) throw new Error("re-import wrote something");
  const zip = await time("export archive (GET /api/export)", () => download(owner, "/api/export"));
  console.log(`${"  archive zip size".padEnd(44)} ${(zip.length / 1024 / 1024).toFixed(2).padStart(7)} MB`);
  await time("export Markdown (GET /api/export?format=markdown)", () =>
    download(owner, "/api/export?format=markdown"),
  );
  const fresh = await memberClient(h, owner, "restored");
  const restored = await time("restore archive into a new account", async () =>
    body(await sendFile(h, fresh, "/api/import", zip)),
  );
  if (restored.imported !== n) throw new Error("restore incomplete");
} finally {
  await h.dispose();
  rmSync(dataDir, { recursive: true, force: true });
}
