import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toneWav, uploadFile } from "../media/testing";
import { RenderService } from "../render/render-service";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

describe("a failed render's message names no server path", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-render-error-"));
  let h: Harness;
  let owner: Client;
  let ownerId: string;

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, renderThreads: false });
    owner = await ownerClient(h);
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a render whose own audio file vanished from disk fails with a plain message; the log has the detail", async () => {
    const wav = await body(await uploadFile(h, owner, toneWav({ seconds: 1, amplitude: 0.2 }), "hum.wav"));
    rmSync(join(dataDir, "media", ownerId, wav.id));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const scene = {
        version: 2,
        fadeIn: 0.1,
        fadeOut: 0.1,
        layers: [],
        mediaLayers: [{ id: "hum", mediaId: wav.id, name: "hum.wav" }],
      };
      const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 2, format: "wav" }));
      const until = Date.now() + 30_000;
      let view = await body(await owner.get(`/api/renders/${r.id}`));
      while (view.status !== "failed" && view.status !== "done") {
        if (Date.now() > until) throw new Error("timed out");
        await new Promise((res) => setTimeout(res, 50));
        view = await body(await owner.get(`/api/renders/${r.id}`));
      }
      expect(view.status).toBe("failed");
      const shown = [
        view.error as string,
        (await body(await owner.get("/api/renders"))).renders[0].error as string,
        JSON.parse(readFileSync(join(dataDir, "renders", `${r.id}.json`), "utf8")).error as string,
      ];
      for (const message of shown) {
        expect(message).not.toContain(dataDir);
        expect(message).not.toMatch(/\/(tmp|media|renders|home|var)\b|ENOENT|[A-Za-z]:\\/);
        expect(message).toMatch(/missing on the server/);
      }
      // The server's log keeps the full error for the operator.
      expect(logged.mock.calls.flat().map(String).join(" ")).toContain(join("media", ownerId, wav.id));
    } finally {
      logged.mockRestore();
    }
    expect(readdirSync(join(dataDir, "renders"))).not.toContain(`${wav.id}.wav`);
  });

  it("a description an older version stored with a path in its error is shown without it", () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-render-old-"));
    try {
      const id = "AAAAAAAAAAAAAAAAAAAAAA";
      writeFileSync(
        join(dir, `${id}.json`),
        JSON.stringify({
          id,
          userId: "u1",
          status: "failed",
          format: "wav",
          durationSeconds: 2,
          sizeBytes: null,
          fileName: "x.wav",
          error: "ENOENT: no such file or directory, open '/srv/meridian/media/u1/abc'",
          warnings: [],
          createdAt: "2026-01-01T00:00:00.000Z",
        }),
      );
      const error = new RenderService({ dir, threads: false }).get("u1", id)?.error ?? "";
      expect(error).not.toMatch(/\/|ENOENT/);
      expect(error).toMatch(/render failed on the server/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
