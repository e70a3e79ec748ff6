import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serveOptionsFromEnv } from "../serve";
import { mediaLimitFromEnv, sweepUnfinishedUploads } from "./paths";
import { matchingGainDb } from "./wav";

describe("media settings", () => {
  it("reads MERIDIAN_MEDIA_LIMIT_MB (default 200 MB)", () => {
    expect(mediaLimitFromEnv(undefined)).toBe(200 * 1024 * 1024);
    expect(mediaLimitFromEnv("50")).toBe(50 * 1024 * 1024);
    expect(() => mediaLimitFromEnv("lots")).toThrow(/MERIDIAN_MEDIA_LIMIT_MB/);
    expect(() => mediaLimitFromEnv("-1")).toThrow(/MERIDIAN_MEDIA_LIMIT_MB/);
    expect(serveOptionsFromEnv({ MERIDIAN_MEDIA_LIMIT_MB: "1" }).mediaLimitBytes).toBe(1024 * 1024);
    expect(serveOptionsFromEnv({}).mediaLimitBytes).toBeUndefined();
  });

  it("matches the gain to −27 LUFS within the layer gain range", () => {
    expect(matchingGainDb(-20)).toBe(-7);
    expect(matchingGainDb(-33.04)).toBe(6);
    expect(matchingGainDb(-70)).toBe(12);
    expect(matchingGainDb(null)).toBe(0);
  });
});

describe("sweepUnfinishedUploads", () => {
  it("removes only the temp files of cut-off uploads", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "meridian-sweep-"));
    const dir = join(dataDir, "media", "u1");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "kept"), "RIFF");
    writeFileSync(join(dir, "gone.upload"), "RIFF");
    expect(await sweepUnfinishedUploads({ dataDir, mediaLimitBytes: 0 })).toBe(1);
    expect(readdirSync(dir)).toEqual(["kept"]);
    expect(await sweepUnfinishedUploads({ dataDir: join(dataDir, "nothing"), mediaLimitBytes: 0 })).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
