import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { esbuildBundle } from "../thread-bundle";
import { importLimits } from "./import-limits";
import { parseImport, replaceThreadBundler } from "./parse-runner";
import { sendFile } from "./seed.test-helpers";

const JRNL = JSON.stringify({
  tags: {},
  entries: [
    { title: "Rain", body: "It rained.", date: "2024-03-05", time: "21:05", tags: [], starred: false },
  ],
});

/** The real bundler pointed at an entry that is not there: esbuild fails as it would with a
 * broken install. */
const broken = () => esbuildBundle("/nonexistent/meridian/parse-thread.ts");

describe("an import whose parse thread cannot be built fails closed", () => {
  let h: Harness;
  let ana: Client;
  let restore: (() => void) | undefined;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    ana = await ownerClient(h, "ana");
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
    vi.restoreAllMocks();
  });
  afterAll(async () => h.dispose());

  it("answers 503 import_unavailable (never parsing on the event loop) and logs the cause once", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    restore = replaceThreadBundler(broken);
    for (const path of ["/api/import/preview", "/api/import", "/api/import/preview"]) {
      const res = await sendFile(h, ana, path, JRNL);
      expect(res.status).toBe(503);
      const answer = await body(res);
      expect(answer.error.code).toBe("import_unavailable");
      expect(answer.error.message).toMatch(/Imports are unavailable on this server/);
    }
    expect((await body(await ana.get("/api/entries?limit=10"))).entries).toEqual([]);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/IMPORTS ARE OFF/);
    expect(String(logged.mock.calls[0]?.[1])).toMatch(/nonexistent/);
  });

  it("tries again on the next import: once the thread can be built, imports work", async () => {
    restore = replaceThreadBundler(broken);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await sendFile(h, ana, "/api/import/preview", JRNL)).status).toBe(503);
    restore();
    restore = undefined;
    const res = await sendFile(h, ana, "/api/import", JRNL);
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ imported: 1 });
  });

  it("parses on the event loop instead only when asked to (inLoopFallback, the CLI)", async () => {
    restore = replaceThreadBundler(broken);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const bytes = new TextEncoder().encode(JRNL);
    await expect(parseImport(bytes, "UTC", importLimits())).rejects.toMatchObject({
      status: 503,
      code: "import_unavailable",
    });
    const parsed = await parseImport(bytes, "UTC", importLimits(), { inLoopFallback: true });
    expect(parsed.read.format).toBe("jrnl");
  });
});
