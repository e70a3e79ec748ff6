import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";
import { DEFAULT_BODY_LIMIT } from "./guards";

/** A minimal MP4 start (an ftyp box) padded to `size` bytes. */
function mp4(size: number): Buffer {
  const data = Buffer.alloc(size);
  data.writeUInt32BE(24, 0);
  data.write("ftypisom", 4, "ascii");
  data.writeUInt32BE(0x200, 12);
  data.write("isomiso2mp41", 16, "ascii");
  data.writeUInt32BE(size - 24, 24);
  data.write("mdat", 28, "ascii");
  return data;
}

describe("body limits on uploads", () => {
  let h: Harness;
  let dataDir: string;
  let member: Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "meridian-guards-"));
    h = await createHarness("sqlite", { dataDir, mediaLimitBytes: 200_000 });
    member = await memberClient(h, await ownerClient(h), "mia");
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (data: Buffer) =>
    h.app.request("/api/media/videos", {
      method: "POST",
      headers: {
        cookie: member.cookie ?? "",
        "x-meridian-client": "test",
        "content-type": "application/octet-stream",
        "x-filename": "walk.mp4",
        "content-length": String(data.length),
      },
      body: data,
    });

  it("lets a video upload past the 16 KiB JSON limit (it counts its own)", async () => {
    const data = mp4(DEFAULT_BODY_LIMIT * 4);
    const res = await upload(data);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await body(res)).toMatchObject({ kind: "video", format: "mp4", sizeBytes: data.length });
  });

  it("no route taking a non-JSON body is cut off at the 16 KiB JSON limit (read from the OpenAPI document)", async () => {
    const doc = (await (await h.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const binary: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const types = Object.keys(op.requestBody?.content ?? {});
        if (types.length > 0 && !types.includes("application/json"))
          binary.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(binary).toEqual(expect.arrayContaining(["POST /api/media", "POST /api/media/videos"]));
    for (const route of binary) {
      const [method = "POST", path = "/"] = route.split(" ");
      const data = Buffer.alloc(DEFAULT_BODY_LIMIT * 3, 0x20);
      const res = await h.app.request(path, {
        method,
        headers: {
          cookie: member.cookie ?? "",
          "x-meridian-client": "test",
          "content-type": "application/octet-stream",
          "x-filename": "big.bin",
          "content-length": String(data.length),
        },
        body: data,
      });
      // Refused for what it is (not audio, not an archive), never for its size.
      expect(res.status, route).not.toBe(413);
      expect(res.status, route).toBeLessThan(500);
    }
  });

  it("still refuses a video over the media limit", async () => {
    const res = await upload(mp4(250_000));
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe("payload_too_large");
  });
});
