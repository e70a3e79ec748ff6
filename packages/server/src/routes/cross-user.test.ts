import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const backends = await testBackends();

/**
 * The cross-user matrix: every route of the API (read from the app's own OpenAPI document, so a
 * new route is covered or this test fails), called by Bob with Alice's ids. Every route naming a
 * resource must answer 404 and nothing of Alice's may appear in any answer Bob gets.
 */

const MARK = "AlicePrivateZebra";
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Operation {
  method: string;
  /** OpenAPI template, e.g. /api/entries/{id}. */
  path: string;
  hasBody: boolean;
  bodyRequired: boolean;
}

async function operations(h: Harness): Promise<Operation[]> {
  const res = await h.app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as {
    paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>>;
  };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        hasBody: op.requestBody !== undefined,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return ops;
}

/** A 1 s stereo 16-bit WAV of silence with a faint tone. */
function tinyWav(): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 2 * 2);
  for (let i = 0; i < rate; i++) {
    const v = Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate));
    data.writeInt16LE(v, i * 4);
    data.writeInt16LE(v, i * 4 + 2);
  }
  const head = Buffer.alloc(44);
  head.write("RIFF", 0, "ascii");
  head.writeUInt32LE(36 + data.length, 4);
  head.write("WAVEfmt ", 8, "ascii");
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(2, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 4, 28);
  head.writeUInt16LE(4, 32);
  head.writeUInt16LE(16, 34);
  head.write("data", 36, "ascii");
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

const scene = { version: 1, name: `${MARK} scene`, layers: [{ id: "rain", generator: "rain", gainDb: -6 }] };
const night = {
  nightOf: "2025-01-20",
  timeZone: "UTC",
  intoBed: "23:10",
  triedToSleep: "23:30",
  minutesToFallAsleep: 37,
  awakenings: 2,
  minutesAwake: 25,
  finalAwakening: "06:50",
  outOfBed: "07:15",
  quality: 3,
  rested: 4,
  listened: false,
};

/** A body each id route accepts, so that only ownership can stop it (not validation). */
const VALID_BODIES: Record<string, unknown> = {
  "PUT /api/entries/{id}": { body: "Bob writes over", baseRevision: 1 },
  "PATCH /api/sessions/{id}": { status: "abandoned" },
  "PUT /api/sleep-diaries/{nightOf}": { ...night, minutesToFallAsleep: 5 },
  "PATCH /api/presets/{id}": { name: "Taken by Bob" },
  "POST /api/presets/{id}/duplicate": { name: "Bob's copy" },
  "PATCH /api/media/{id}": { name: "Taken by Bob" },
  "PATCH /api/experiments/{id}": { name: "Taken by Bob" },
  "POST /api/experiments/{id}/evenings": { sessionId: "s-none", expectation: 5, guess: "dont-know" },
  "POST /api/experiments/{id}/evenings/{index}/session": {
    checkIn: { pleasantness: 4, energy: 4, anxiety: 50 },
  },
};

/** Query strings some routes need to get past validation. */
const QUERIES: Record<string, string> = {
  "/api/export/entries/{id}": "?format=markdown",
  "/api/search": `?q=${MARK}`,
  "/api/export": "?format=archive",
};

/**
 * Routes keyed by the user's own choice (a date), not by an id: Bob writing his own night of the
 * same date is his, so it may succeed — but must not show or change Alice's.
 */
const OWN_KEY_WRITES = new Set(["PUT /api/sleep-diaries/{nightOf}"]);

describe.each(backends)("cross-user matrix on %s: Bob against Alice's ids on every route", (kind) => {
  let h: Harness;
  let dataDir: string;
  let alice: Client;
  let bob: Client;
  let ops: Operation[];
  const ids: Record<string, string> = {};
  const secrets: string[] = [MARK];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "meridian-matrix-"));
    h = await createHarness(kind, { dataDir, renderThreads: false });
    alice = await ownerClient(h, "alice");
    bob = await memberClient(h, alice, "bob");
    ops = await operations(h);

    const created = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return body(res);
    };
    const entry = await created(
      await alice.post("/api/entries", { title: `${MARK} title`, body: `${MARK} body`, tags: ["zebratag"] }),
    );
    ids["/api/entries/{id}"] = entry.id;
    ids["/api/export/entries/{id}"] = entry.id;
    const prompt = await created(
      await alice.post("/api/prompts", { category: "mindfulness", text: `${MARK} prompt` }),
    );
    ids["/api/prompts/{id}"] = prompt.id;
    const session = await created(
      await alice.post("/api/sessions", {
        checkIn: { pleasantness: 4, energy: 6, anxiety: 40, stress: 7 },
        scene,
      }),
    );
    ids["/api/sessions/{id}"] = session.id;
    await created(
      await alice.patch(`/api/sessions/${session.id}`, {
        status: "checked-out",
        checkOut: {
          pleasantness: 6,
          energy: 5,
          anxiety: 20,
          stress: 4,
          tingles: 3,
          tingleLocations: ["scalp"],
          relaxation: 7,
          note: `${MARK} note`,
        },
      }),
    );
    await created(await alice.put(`/api/sleep-diaries/${night.nightOf}`, night));
    ids["/api/sleep-diaries/{nightOf}"] = night.nightOf;
    const answers = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7_${i + 1}`, 2]));
    const checkup = await created(await alice.post("/api/checkups", { instrumentId: "gad7", answers }));
    ids["/api/checkups/{id}"] = checkup.id;
    const preset = await created(await alice.post("/api/presets", { name: `${MARK} preset`, scene }));
    ids["/api/presets/{id}"] = preset.id;
    ids["/api/presets/{id}/duplicate"] = preset.id;
    const media = await created(
      await h.app.request("/api/media", {
        method: "POST",
        headers: {
          cookie: alice.cookie ?? "",
          "x-meridian-client": "test",
          "content-type": "application/octet-stream",
          "x-filename": encodeURIComponent(`${MARK}.wav`),
        },
        body: tinyWav(),
      }),
    );
    ids["/api/media/{id}"] = media.id;
    ids["/api/media/{id}/file"] = media.id;
    const render = await created(
      await alice.post("/api/renders", { presetId: preset.id, durationSeconds: 1, format: "wav" }),
    );
    for (let i = 0; i < 200; i++) {
      const r = await body(await alice.get(`/api/renders/${render.id}`));
      if (r.status === "done" || r.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    ids["/api/renders/{id}"] = render.id;
    ids["/api/renders/{id}/file"] = render.id;
    const experiment = await created(
      await alice.post("/api/experiments", {
        name: `${MARK} experiment`,
        plan: {
          comparison: {
            kind: "trigger-vs-without",
            scene: {
              version: 2,
              layers: [
                { id: "rain", generator: "rain", gainDb: -6 },
                { id: "taps", generator: "tapping" },
              ],
            },
            layerId: "taps",
          },
          primaryOutcome: "anxiety-change",
          pairs: 2,
        },
      }),
    );
    for (const path of [
      "/api/experiments/{id}",
      "/api/experiments/{id}/stop",
      "/api/experiments/{id}/unblind",
      "/api/experiments/{id}/evenings",
      "/api/experiments/{id}/evenings/{index}/session",
      "/api/experiments/{id}/report",
    ])
      ids[path] = experiment.id;
    secrets.push(entry.id, prompt.id, session.id, checkup.id, preset.id, media.id, render.id);
  });

  afterAll(async () => {
    await h?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function leaks(text: string, except: string[] = []): string[] {
    return secrets.filter((s) => !except.includes(s) && text.includes(s));
  }

  it("knows an id of Alice's for every route that takes one (a new id route must be added here)", () => {
    const templated = [...new Set(ops.filter((o) => o.path.includes("{")).map((o) => o.path))];
    expect(templated.length).toBeGreaterThanOrEqual(12);
    expect(templated.filter((p) => ids[p] === undefined)).toEqual([]);
    const needBodies = ops.filter((o) => o.path.includes("{") && o.bodyRequired);
    expect(needBodies.map((o) => `${o.method} ${o.path}`).filter((k) => !(k in VALID_BODIES))).toEqual([]);
  });

  it("answers 404 with none of Alice's data on every id route, for every method", async () => {
    const checked: string[] = [];
    // Bob's own night of Alice's date is written last, so his reads and deletes before find nothing.
    const idOps = ops.filter((o) => o.path.includes("{"));
    const ordered = [
      ...idOps.filter((o) => !OWN_KEY_WRITES.has(`${o.method} ${o.path}`)),
      ...idOps.filter((o) => OWN_KEY_WRITES.has(`${o.method} ${o.path}`)),
    ];
    for (const op of ordered) {
      const key = `${op.method} ${op.path}`;
      const id = ids[op.path] ?? "";
      // A second path parameter (an evening's index) is a number, not an id.
      const url =
        op.path.replace(/\{[^}]+\}/, encodeURIComponent(id)).replace(/\{[^}]+\}/, "1") +
        (QUERIES[op.path] ?? "");
      const res = await bob.send(op.method, url, VALID_BODIES[key]);
      const text = await res.text();
      if (OWN_KEY_WRITES.has(key)) {
        expect(res.status, key).toBeLessThan(300);
      } else {
        expect(res.status, `${key}: ${text}`).toBe(404);
        expect(JSON.parse(text).error.code, key).toBe("not_found");
      }
      // The id Bob sent may come back in his own answer; nothing else of Alice's may.
      expect(leaks(text, [id]), key).toEqual([]);
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it("shows Bob none of Alice's data on any route without an id", async () => {
    for (const op of ops.filter((o) => !o.path.includes("{") && o.method === "GET")) {
      const res = await bob.get(op.path + (QUERIES[op.path] ?? ""));
      expect(res.status, op.path).toBeLessThan(500);
      const bytes = Buffer.from(await res.arrayBuffer()).toString("latin1");
      expect(leaks(bytes), op.path).toEqual([]);
    }
  });

  it("refuses Alice's ids inside Bob's request bodies", async () => {
    const render = await bob.post("/api/renders", {
      presetId: ids["/api/presets/{id}"],
      durationSeconds: 1,
      format: "wav",
    });
    expect(render.status).toBe(404);
    expect(leaks(await render.text(), [ids["/api/presets/{id}"] ?? ""])).toEqual([]);

    const own = await body(
      await bob.post("/api/sessions", { checkIn: { pleasantness: 4, energy: 6, anxiety: 40, stress: 7 } }),
    );
    const link = await bob.patch(`/api/sessions/${own.id}`, { entryId: ids["/api/entries/{id}"] });
    expect([400, 404]).toContain(link.status);
    expect(leaks(await link.text(), [ids["/api/entries/{id}"] ?? ""])).toEqual([]);
  });

  it("left every one of Alice's things as it was", async () => {
    expect((await body(await alice.get(`/api/entries/${ids["/api/entries/{id}"]}`))).body).toBe(
      `${MARK} body`,
    );
    expect((await body(await alice.get(`/api/presets/${ids["/api/presets/{id}"]}`))).name).toBe(
      `${MARK} preset`,
    );
    expect((await body(await alice.get(`/api/media/${ids["/api/media/{id}"]}`))).name).toContain(MARK);
    expect((await alice.get(`/api/sessions/${ids["/api/sessions/{id}"]}`)).status).toBe(200);
    expect((await body(await alice.get(`/api/sleep-diaries/${night.nightOf}`))).minutesToFallAsleep).toBe(37);
    expect((await alice.get(`/api/renders/${ids["/api/renders/{id}"]}`)).status).toBe(200);
    const checkups = await body(await alice.get("/api/checkups"));
    expect(checkups.responses.map((r: { id: string }) => r.id)).toContain(ids["/api/checkups/{id}"]);
    const prompts = await body(await alice.get("/api/prompts?category=mindfulness"));
    expect(JSON.stringify(prompts)).toContain(`${MARK} prompt`);
  });
});
