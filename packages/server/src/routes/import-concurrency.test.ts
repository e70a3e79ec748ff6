import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve as serveNode } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLimitsFromEnv } from "../archive/import-limits";
import { sendFile } from "../archive/seed.test-helpers";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const JRNL = JSON.stringify({
  entries: [{ title: "Quiet evening.", body: "Read by the lamp.", date: "2023-12-30", time: "21:00" }],
});
const BUSY = {
  code: "import_busy",
  message: "The server is busy with other imports; try again in a minute.",
};

/** An import whose body the test sends piece by piece, as a slow upload would arrive. */
function streamingImport(h: Harness, client: Client, path = "/api/import") {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let markReading: () => void = () => {};
  const reading = new Promise<void>((resolve) => {
    markReading = resolve;
  });
  // highWaterMark 0: pull is called only once the route reads the body.
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        markReading();
      },
    },
    { highWaterMark: 0 },
  );
  const response = h.app.request(path, {
    method: "POST",
    headers: {
      cookie: client.cookie ?? "",
      "x-meridian-client": "test",
      "content-type": "application/octet-stream",
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
  const c = () => {
    if (!controller) throw new Error("stream not started");
    return controller;
  };
  return {
    response,
    /** Resolves once the route has started reading the body. */
    reading,
    send: (text: string) => c().enqueue(new TextEncoder().encode(text)),
    finish: () => c().close(),
    /** The connection broke mid-upload (what the node adapter's stream does on a client abort). */
    abort: () => c().error(new Error("client went away")),
  };
}

describe("imports across accounts (MERIDIAN_IMPORT_CONCURRENCY)", () => {
  let h: Harness;
  let ana: Client;
  let ben: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite", { importLimits: { concurrent: 1 } });
    ana = await ownerClient(h, "ana");
    ben = await memberClient(h, ana, "ben");
  });
  afterAll(async () => h.dispose());

  it("answers 429 import_busy with Retry-After to a second account while the first's body is still arriving", async () => {
    const upload = streamingImport(h, ana);
    await upload.reading;
    upload.send(JRNL.slice(0, 20));
    const second = await sendFile(h, ben, "/api/import/preview", JRNL);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("60");
    expect((await body(second)).error).toEqual(BUSY);
    upload.send(JRNL.slice(20));
    upload.finish();
    const first = await upload.response;
    expect(first.status).toBe(200);
    expect(await body(first)).toMatchObject({ format: "jrnl", imported: 1 });
  });

  it("gives the place back after a success, a refused file and an upload cut off mid-body", async () => {
    // After a success (the test above): another account may import at once.
    expect((await sendFile(h, ben, "/api/import/preview", JRNL)).status).toBe(200);
    // After a refused file.
    const bad = await sendFile(h, ana, "/api/import", '{"entries": [');
    expect(bad.status).toBe(400);
    expect((await sendFile(h, ben, "/api/import/preview", JRNL)).status).toBe(200);
    // After a client that went away mid-upload.
    const upload = streamingImport(h, ana, "/api/import/preview");
    await upload.reading;
    upload.send(JRNL.slice(0, 10));
    expect((await sendFile(h, ben, "/api/import/preview", JRNL)).status).toBe(429);
    upload.abort();
    const cut = await upload.response;
    expect(cut.status).toBe(400);
    expect((await body(cut)).error.code).toBe("import_invalid");
    expect((await sendFile(h, ben, "/api/import/preview", JRNL)).status).toBe(200);
    // Past the size cap (checked while reading): refused, and the place is free again.
    const capped = await createHarness("sqlite", { importLimits: { concurrent: 1, bodyBytes: 1024 } });
    try {
      const cy = await ownerClient(capped, "cy");
      expect((await sendFile(capped, cy, "/api/import/preview", "x".repeat(2048))).status).toBe(413);
      expect((await sendFile(capped, cy, "/api/import/preview", JRNL)).status).toBe(200);
    } finally {
      await capped.dispose();
    }
  });

  it("gives the place back when a real client drops its connection mid-upload", async () => {
    // The app behind a real socket; the body of a request marked x-watch is passed through a
    // stream that tells when the route first reads it (by then the import has its place).
    let markReading: () => void = () => {};
    const reading = new Promise<void>((resolve) => {
      markReading = resolve;
    });
    const fetch = (req: Request) => {
      if (req.headers.get("x-watch") !== "1" || !req.body) return h.app.fetch(req);
      const source = req.body.getReader();
      const watched = new ReadableStream<Uint8Array>(
        {
          async pull(c) {
            markReading();
            try {
              const { done, value } = await source.read();
              if (done) c.close();
              else c.enqueue(value);
            } catch (error) {
              c.error(error);
            }
          },
        },
        { highWaterMark: 0 },
      );
      return h.app.fetch(new Request(req, { body: watched, duplex: "half" } as RequestInit));
    };
    const server = serveNode({ fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/import/preview",
        headers: {
          cookie: ana.cookie ?? "",
          "x-meridian-client": "test",
          "content-type": "application/octet-stream",
          "content-length": String(10 * 1024 * 1024),
          "x-watch": "1",
        },
      });
      req.on("error", () => {});
      req.write(new Uint8Array(64 * 1024).fill(0x20));
      await reading;
      expect((await sendFile(h, ben, "/api/import/preview", JRNL)).status).toBe(429);
      req.destroy();
      // The adapter errors the body stream when the socket closes: the place is given back.
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await sendFile(h, ben, "/api/import/preview", JRNL)).status;
      }
      expect(status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("reads MERIDIAN_IMPORT_CONCURRENCY (default 2)", async () => {
    expect(importLimitsFromEnv({ MERIDIAN_IMPORT_CONCURRENCY: "5" })).toEqual({ concurrent: 5 });
    for (const bad of ["0", "-1", "1.5", "many"])
      expect(() => importLimitsFromEnv({ MERIDIAN_IMPORT_CONCURRENCY: bad })).toThrow(
        /MERIDIAN_IMPORT_CONCURRENCY/,
      );
    const two = await createHarness("sqlite");
    try {
      const owner = await ownerClient(two, "dee");
      const others = [owner, await memberClient(two, owner, "eve"), await memberClient(two, owner, "fay")];
      const uploads = others.slice(0, 2).map((c) => streamingImport(two, c));
      await Promise.all(uploads.map((u) => u.reading));
      expect((await sendFile(two, others[2] as Client, "/api/import/preview", JRNL)).status).toBe(429);
      for (const u of uploads) {
        u.send(JRNL);
        u.finish();
        expect((await u.response).status).toBe(200);
      }
    } finally {
      await two.dispose();
    }
  });
});
