import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";
import { bigJrnl, lyingAboutSize, zipBomb } from "./hostile-files.test-helpers";
import { sendFile } from "./seed.test-helpers";

const MB = 1024 * 1024;

/** Peak RSS growth (MB) while `work` runs, sampled every few milliseconds. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - base) / MB };
  } finally {
    clearInterval(timer);
  }
}

describe("imports can't stall or swamp the server", () => {
  let h: Harness;
  let ana: Client;
  let ben: Client;
  // ~300 MB of spaces in ~0.3 MB: past the 256 MB default cap on what a zip may unpack to.
  const bomb = zipBomb(300);

  beforeAll(async () => {
    h = await createHarness("sqlite");
    ana = await ownerClient(h, "ana");
    ben = await memberClient(h, ana, "ben");
  });
  afterAll(async () => h.dispose());

  it("refuses a zip bomb with 413 without inflating it (honest or lying about its size)", async () => {
    for (const zip of [bomb, lyingAboutSize(bomb, 1000)]) {
      const { result, growthMb } = await peakRssGrowth(async () => {
        const res = await sendFile(h, ana, "/api/import/preview", zip);
        return { status: res.status, answer: await body(res) };
      });
      expect(result.status).toBe(413);
      expect(result.answer.error.code).toBe("payload_too_large");
      expect(result.answer.error.message).toMatch(/unpacks to more than/);
      expect(growthMb).toBeLessThan(200);
    }
  });

  it("keeps answering /api/health while a large file is parsed, and allows one import per account at a time", async () => {
    // ~2 MB of jrnl whose last entry is broken: read to the end (a second or more of parsing),
    // then refused. Parsed on the event loop, no health check would answer until it is done.
    const file = bigJrnl(2, { badLast: true });
    const started = performance.now();
    let finished = 0;
    const importing = sendFile(h, ben, "/api/import", file).then(async (res) => {
      finished = performance.now();
      return { status: res.status, answer: await body(res) };
    });
    // Meanwhile the same account can't start a second import…
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await sendFile(h, ben, "/api/import/preview", file);
    expect(second.status).toBe(429);
    expect((await body(second)).error).toEqual({
      code: "import_busy",
      message: "Another import of yours is still running; wait until it has finished, then try again",
    });
    // …and everyone's requests are answered.
    const latencies: number[] = [];
    while (finished === 0) {
      const t = performance.now();
      const res = await h.app.request("/api/health");
      if (finished !== 0) break;
      expect(res.status).toBe(200);
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { status, answer } = await importing;
    expect(status).toBe(400);
    expect(answer.error.message).toMatch(/^Entry \d+: "date" should be a date/);
    expect(finished - started).toBeGreaterThan(300);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(500);
    // Done: the account may import again.
    expect((await sendFile(h, ben, "/api/import/preview", bigJrnl(0.01))).status).toBe(200);
  });
});
