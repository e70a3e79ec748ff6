import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeMp3, toneWav, uploadFile } from "../media/testing";
import { removeUserRenders } from "../render/render-service";
import { readWav } from "../render/wav-writer";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

async function untilDone(client: Client, id: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await body(await client.get(`/api/renders/${id}`));
    if (r.status === "done" || r.status === "failed") return r;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** RMS of 16-bit samples as a fraction of full scale. */
const rms = (xs: Int16Array, from = 0, to = xs.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += ((xs[i] as number) / 32768) ** 2;
  return Math.sqrt(s / Math.max(1, to - from));
};

describe("renders with own audio, kept on disk, within the storage quota", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-render-media-"));
  let h: Harness;
  let owner: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, renderThreads: false });
    owner = await ownerClient(h);
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("mixes an own WAV layer in, placed on its side; leaves an MP3 and a missing file out with warnings", async () => {
    const wav = await body(
      await uploadFile(h, owner, toneWav({ seconds: 1, amplitude: 0.2, sampleRate: 44100 }), "hum.wav"),
    );
    const mp3 = await body(await uploadFile(h, owner, fakeMp3(), "night.mp3"));
    const scene = {
      version: 2,
      name: "Own hum",
      fadeIn: 0.1,
      fadeOut: 0.2,
      layers: [],
      mediaLayers: [
        { id: "hum", mediaId: wav.id, name: "hum.wav", position: { azimuth: 90, distance: 1 } },
        { id: "night", mediaId: mp3.id, name: "night.mp3" },
        { id: "gone", mediaId: "NoSuchMediaId", name: "lost.wav" },
      ],
    };
    const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 3, format: "wav" }));
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/“night.mp3” is MP3: the server can only mix WAV/);
    expect(r.warnings[1]).toMatch(/“lost.wav” is not in your library/);
    const done = await untilDone(owner, r.id);
    expect(done.status).toBe("done");
    // The description kept on disk holds neither the scene's name nor the files' names (they
    // are the user's text, sealed in the database).
    const onDisk = readFileSync(join(dataDir, "renders", `${r.id}.json`), "utf8");
    expect(onDisk).not.toMatch(/Own hum|own-hum|night\.mp3|lost\.wav/i);
    expect(JSON.parse(onDisk)).toMatchObject({
      fileName: "meridian-render-3s.wav",
      warnings: [expect.any(String)],
    });
    const file = readWav(Buffer.from(await (await owner.get(`/api/renders/${r.id}/file`)).arrayBuffer()));
    const [left, right] = file.samples as [Int16Array, Int16Array];
    // 3 s from a 1 s file: it loops (no gap after the first second), louder on the right.
    const second = 48000;
    expect(rms(right, 0.3 * second, 0.9 * second)).toBeGreaterThan(0.01);
    expect(rms(right, 1.2 * second, 2.5 * second)).toBeGreaterThan(0.01);
    // Placed by the engine's head model (own audio plays through an engine PCM layer): at 1 kHz
    // the far ear hears the tone about 2 dB down, so right clearly but not hugely over left.
    expect(rms(right, 0.3 * second, 2.5 * second)).toBeGreaterThan(
      1.2 * rms(left, 0.3 * second, 2.5 * second),
    );
    // The final fade ends in silence.
    expect(rms(right, 3 * second - 200, 3 * second)).toBeLessThan(0.002);
    // Muted: nothing of it in the render.
    const muted = await body(
      await owner.post("/api/renders", {
        scene: { ...scene, mediaLayers: [{ ...scene.mediaLayers[0], mute: true }] },
        durationSeconds: 1,
        format: "wav",
      }),
    );
    expect(muted.warnings).toEqual([]);
    await untilDone(owner, muted.id);
    const silent = readWav(
      Buffer.from(await (await owner.get(`/api/renders/${muted.id}/file`)).arrayBuffer()),
    );
    expect(rms(silent.samples[1] as Int16Array)).toBe(0);
    await owner.delete(`/api/renders/${muted.id}`);
  });

  it("plays a once-only layer once", async () => {
    const wav = await body(await uploadFile(h, owner, toneWav({ seconds: 0.5, amplitude: 0.2 }), "once.wav"));
    const scene = {
      version: 2,
      fadeIn: 0,
      fadeOut: 0.1,
      layers: [],
      mediaLayers: [{ id: "o", mediaId: wav.id, loop: false }],
    };
    const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 2, format: "wav" }));
    await untilDone(owner, r.id);
    const file = readWav(Buffer.from(await (await owner.get(`/api/renders/${r.id}/file`)).arrayBuffer()));
    const l = file.samples[0] as Int16Array;
    expect(rms(l, 2400, 21600)).toBeGreaterThan(0.01);
    expect(rms(l, 26000, 90000)).toBe(0);
    await owner.delete(`/api/renders/${r.id}`);
    await owner.delete(`/api/media/${wav.id}`);
  });

  it("lists finished renders again after a restart; an interrupted one reads failed; delete removes the file", async () => {
    const scene = { version: 1, fadeIn: 0.1, fadeOut: 0.1, layers: [{ id: "rain", generator: "rain" }] };
    const kept = await body(await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" }));
    await untilDone(owner, kept.id);
    // A long render running when the server stops reads failed (interrupted) after the restart.
    const cut = await body(await owner.post("/api/renders", { scene, durationSeconds: 3600, format: "wav" }));
    const until = Date.now() + 20_000;
    while ((await body(await owner.get(`/api/renders/${cut.id}`))).status !== "running" && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    const before = (await body(await owner.get("/api/renders"))).renders.map((r: { id: string }) => r.id);
    await h.dispose();
    // A crash mid-render leaves a "running" description and a partial file behind.
    const crashed = "CrashedRenderId_______";
    h = await createHarness("sqlite", { dataDir, renderThreads: false });
    owner = await ownerClient(h);
    // A new harness has a new database: give the restored renders to the new owner's id.
    const me = (await body(await owner.get("/api/me"))).id as string;
    const dir = join(dataDir, "renders");
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const stored = JSON.parse(readFileSync(join(dir, name), "utf8"));
      writeFileSync(join(dir, name), JSON.stringify({ ...stored, userId: me }));
    }
    writeFileSync(join(dir, `${crashed}.wav`), Buffer.alloc(100));
    writeFileSync(
      join(dir, `${crashed}.json`),
      JSON.stringify({
        id: crashed,
        userId: me,
        status: "running",
        format: "wav",
        durationSeconds: 60,
        sizeBytes: null,
        fileName: "x-1m00s.wav",
        error: null,
        warnings: [],
        createdAt: "2030-01-01T00:00:00.000Z",
      }),
    );
    writeFileSync(join(dir, "AStrayFileWithoutJson_.wav"), Buffer.alloc(10));
    const after = (await body(await owner.get("/api/renders"))).renders as {
      id: string;
      status: string;
      error: string | null;
    }[];
    expect(after.map((r) => r.id)).toEqual([crashed, ...before]);
    expect(after[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/restart interrupted/) });
    expect(after[1]).toMatchObject({
      id: cut.id,
      status: "failed",
      error: expect.stringMatching(/restart interrupted/),
    });
    expect(existsSync(join(dir, `${cut.id}.wav`))).toBe(false);
    expect(existsSync(join(dir, `${crashed}.wav`))).toBe(false);
    expect(existsSync(join(dir, "AStrayFileWithoutJson_.wav"))).toBe(false);
    const file = await owner.get(`/api/renders/${kept.id}/file`);
    expect(file.status).toBe(200);
    expect(readWav(Buffer.from(await file.arrayBuffer())).samples[0]?.length).toBe(48000);
    // Account removal (no server running): that user's renders go, with their files. The
    // server rewrites the interrupted renders' descriptions in the background (write a temp file,
    // then rename): let those writes land first, as they would before a CLI run.
    for (const until = Date.now() + 5_000; Date.now() < until; ) {
      if (!readdirSync(dir).some((n) => n.endsWith(".tmp"))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const other = JSON.parse(readFileSync(join(dir, `${kept.id}.json`), "utf8"));
    writeFileSync(join(dir, `${kept.id}.json`), JSON.stringify({ ...other, userId: "someone-else" }));
    expect(removeUserRenders(dir, me)).toBe(after.length - 1);
    expect(readdirSync(dir).sort()).toEqual([`${kept.id}.json`, `${kept.id}.wav`]);
    expect(removeUserRenders(dir, "someone-else")).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps each user within the quota: 413 quota_exceeded for a render or upload past it; usage says so", async () => {
    const quotaDir = mkdtempSync(join(tmpdir(), "meridian-quota-"));
    const q = await createHarness("sqlite", {
      dataDir: quotaDir,
      renderThreads: false,
      mediaQuotaBytes: 3 * 1024 * 1024,
    });
    try {
      await quotaChecks(q, await ownerClient(q), quotaDir);
    } finally {
      await q.dispose();
      rmSync(quotaDir, { recursive: true, force: true });
    }
  });
});

async function quotaChecks(h: Harness, owner: Client, dataDir: string): Promise<void> {
  {
    const usage0 = await body(await owner.get("/api/media/usage"));
    expect(usage0).toMatchObject({
      quotaBytes: 3 * 1024 * 1024,
      usedBytes: 0,
      mediaBytes: 0,
      renderBytes: 0,
    });
    const scene = { version: 1, fadeIn: 0.1, fadeOut: 0.1, layers: [{ id: "rain", generator: "rain" }] };
    // 20 s of 48 kHz 16-bit stereo = 3.84 MB > 3 MiB.
    const big = await owner.post("/api/renders", { scene, durationSeconds: 20, format: "wav" });
    expect(big.status).toBe(413);
    expect((await body(big)).error).toMatchObject({
      code: "quota_exceeded",
      message: expect.stringMatching(/of 3 MB used/),
    });
    expect(readdirSync(join(dataDir, "renders"))).toEqual([]);

    const wav = await body(await uploadFile(h, owner, toneWav({ seconds: 10, amplitude: 0.1 }), "ten.wav"));
    const usage1 = await body(await owner.get("/api/media/usage"));
    expect(usage1.mediaBytes).toBe(wav.sizeBytes);
    expect(usage1.usedBytes).toBe(wav.sizeBytes);
    // 1.9 MB used: another 1.9 MB file does not fit (counted while streaming, no file kept).
    const second = await uploadFile(h, owner, toneWav({ seconds: 10, amplitude: 0.1 }), "again.wav");
    expect(second.status).toBe(413);
    expect((await body(second)).error.code).toBe("quota_exceeded");
    expect((await body(await owner.get("/api/media"))).items).toHaveLength(1);
    const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 2, format: "mp3" }));
    await untilDone(owner, r.id);
    const usage2 = await body(await owner.get("/api/media/usage"));
    expect(usage2.renderBytes).toBeGreaterThan(0);
    expect(usage2.usedBytes).toBe(usage2.mediaBytes + usage2.renderBytes);
    await owner.delete(`/api/renders/${r.id}`);
    await owner.delete(`/api/media/${wav.id}`);
    expect((await body(await owner.get("/api/media/usage"))).usedBytes).toBe(0);
  }
}
