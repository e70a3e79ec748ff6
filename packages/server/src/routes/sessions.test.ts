import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

let h: Harness;
let owner: Client;
let alice: Client;
let bob: Client;
let now = new Date("2025-01-14T21:00:00.000Z");

beforeAll(async () => {
  h = await createHarness("sqlite", { now: () => now });
  owner = await ownerClient(h);
  alice = await memberClient(h, owner, "alice", "America/New_York");
  bob = await memberClient(h, owner, "bob", "Europe/London");
});
afterAll(() => h.dispose());

const checkIn = { pleasantness: 4, energy: 6, anxiety: 40, stress: 7 };
const checkOut = {
  pleasantness: 6,
  energy: 5,
  anxiety: 25,
  stress: 5,
  tingles: 3,
  tingleLocations: ["scalp", "neck"],
  relaxation: 7,
  note: "the rain was nice",
};
/** A scene as the server keeps it (core's scene schema, version 2, every default filled in), so the
 * snapshot comes back exactly as sent. */
const scene = {
  version: 2,
  name: "Rainy desk ☔ <b>",
  masterGainDb: 0,
  fadeIn: 3,
  fadeOut: 10,
  layers: [
    {
      id: "l1",
      generator: "rain",
      params: { intensity: 0.35 },
      gainDb: -12.5,
      mute: false,
      solo: false,
      position: { azimuth: 0, elevation: 0, distance: 1 },
      motion: { kind: "static" },
      spread: 60,
    },
  ],
  mediaLayers: [],
  voiceLayers: [],
};
const media = [
  { kind: "preset", presetId: "rainy-desk", name: "Rainy desk" },
  { kind: "video", url: "https://example.org/watch?v=1", title: null },
];

async function begin(c: Client, extra: Record<string, unknown> = {}) {
  const res = await c.post("/api/sessions", { checkIn, ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return body(res);
}

describe("sessions", () => {
  it("begins a session with check-in, scene snapshot, media and prompt", async () => {
    const s = await begin(alice, { scene, media, promptId: "mindfulness-01" });
    expect(s).toMatchObject({
      status: "active",
      startedAt: "2025-01-14T21:00:00.000Z",
      endedAt: null,
      timeZone: "America/New_York",
      localDate: "2025-01-14",
      checkIn,
      checkOut: null,
      scene,
      media,
      entryId: null,
      promptId: "mindfulness-01",
      condition: { kind: "open" },
      updatedAt: "2025-01-14T21:00:00.000Z",
    });
    expect(typeof s.id).toBe("string");
    const got = await body(await alice.get(`/api/sessions/${s.id}`));
    expect(got).toEqual(s);
    expect(JSON.stringify(got.scene)).toBe(JSON.stringify(scene));
  });

  it("uses the user's zone for the local date", async () => {
    now = new Date("2025-01-15T03:30:00.000Z"); // 22:30 on the 14th in New York
    const s = await begin(alice);
    expect(s.localDate).toBe("2025-01-14");
    const b = await begin(bob);
    expect(b.localDate).toBe("2025-01-15");
  });

  it("is idempotent on clientId", async () => {
    const first = await alice.post("/api/sessions", { checkIn, clientId: "client-sess-0001" });
    expect(first.status).toBe(201);
    const again = await alice.post("/api/sessions", {
      checkIn: { ...checkIn, anxiety: 99 },
      clientId: "client-sess-0001",
    });
    expect(again.status).toBe(200);
    expect(await body(again)).toEqual(await body(first));
    // The same clientId is independent per user.
    expect((await bob.post("/api/sessions", { checkIn, clientId: "client-sess-0001" })).status).toBe(201);
  });

  it("validates input and names the field", async () => {
    const cases: [unknown, string][] = [
      [{}, "checkIn"],
      [{ checkIn: { ...checkIn, energy: 0 } }, "checkIn.energy"],
      [{ checkIn: { ...checkIn, anxiety: 101 } }, "checkIn.anxiety"],
      [{ checkIn, media: [{ kind: "video", url: "javascript:alert(1)" }] }, "media.0.url"],
      [{ checkIn, clientId: "short" }, "clientId"],
      [{ checkIn, promptId: "no-such-prompt" }, "promptId"],
    ];
    for (const [payload, field] of cases) {
      const res = await alice.post("/api/sessions", payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect((await body(res)).error).toMatchObject({ code: "validation_failed", field });
    }
  });

  it("checks out: endedAt set, answers stored, final afterwards", async () => {
    now = new Date("2025-01-16T20:00:00.000Z");
    const s = await begin(alice);
    const missing = await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out" });
    expect(missing.status).toBe(400);
    expect((await body(missing)).error.field).toBe("checkOut");
    const bad = await alice.patch(`/api/sessions/${s.id}`, {
      status: "checked-out",
      checkOut: { ...checkOut, relaxation: 11 },
    });
    expect((await body(bad)).error).toMatchObject({
      code: "validation_failed",
      field: "checkOut.relaxation",
    });

    now = new Date("2025-01-16T20:25:00.000Z");
    const res = await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut });
    expect(res.status).toBe(200);
    const done = await body(res);
    expect(done).toMatchObject({
      status: "checked-out",
      checkOut,
      endedAt: "2025-01-16T20:25:00.000Z",
      updatedAt: "2025-01-16T20:25:00.000Z",
      startedAt: "2025-01-16T20:00:00.000Z",
    });

    // A retried check-out with the same answers is a no-op; different answers are refused.
    now = new Date("2025-01-16T20:26:00.000Z");
    const retry = await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut });
    expect(retry.status).toBe(200);
    expect(await body(retry)).toEqual(done);
    const changed = await alice.patch(`/api/sessions/${s.id}`, {
      status: "checked-out",
      checkOut: { ...checkOut, tingles: 9 },
    });
    expect(changed.status).toBe(409);
    expect((await body(changed)).error.code).toBe("invalid_transition");

    for (const payload of [{ status: "active" }, { status: "abandoned" }, { scene: {} }, { media: [] }]) {
      const r = await alice.patch(`/api/sessions/${s.id}`, payload);
      expect(r.status, JSON.stringify(payload)).toBe(409);
      expect((await body(r)).error.code).toBe("invalid_transition");
    }
    expect(await body(await alice.get(`/api/sessions/${s.id}`))).toEqual(done);
  });

  it("abandons without inventing a check-out, and resumes", async () => {
    now = new Date("2025-01-17T20:00:00.000Z");
    const s = await begin(alice);
    now = new Date("2025-01-17T20:10:00.000Z");
    const abandoned = await body(await alice.patch(`/api/sessions/${s.id}`, { status: "abandoned" }));
    expect(abandoned).toMatchObject({
      status: "abandoned",
      checkOut: null,
      endedAt: "2025-01-17T20:10:00.000Z",
    });

    const skip = await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut });
    expect(skip.status).toBe(409);
    expect((await body(skip)).error).toMatchObject({
      code: "invalid_transition",
      message: "A session that is abandoned can't become checked-out.",
    });
    const early = await alice.patch(`/api/sessions/${s.id}`, { checkOut });
    expect(early.status).toBe(409);

    now = new Date("2025-01-17T20:15:00.000Z");
    const resumed = await body(await alice.patch(`/api/sessions/${s.id}`, { status: "active" }));
    expect(resumed).toMatchObject({ status: "active", endedAt: null, checkOut: null });
    expect((await body(await alice.get("/api/sessions/current"))).id).toBe(s.id);

    now = new Date("2025-01-17T20:40:00.000Z");
    const done = await body(await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut }));
    expect(done).toMatchObject({ status: "checked-out", endedAt: "2025-01-17T20:40:00.000Z" });
  });

  it("finds the current active session for resuming, or 404", async () => {
    const carol = await memberClient(h, owner, "carol");
    const none = await carol.get("/api/sessions/current");
    expect(none.status).toBe(404);
    expect((await body(none)).error.code).toBe("not_found");
    now = new Date("2025-01-18T20:00:00.000Z");
    const older = await begin(carol);
    now = new Date("2025-01-18T21:00:00.000Z");
    const newer = await begin(carol);
    expect((await body(await carol.get("/api/sessions/current"))).id).toBe(newer.id);
    await carol.patch(`/api/sessions/${newer.id}`, { status: "abandoned" });
    expect((await body(await carol.get("/api/sessions/current"))).id).toBe(older.id);
    await carol.patch(`/api/sessions/${older.id}`, { status: "checked-out", checkOut });
    expect((await carol.get("/api/sessions/current")).status).toBe(404);
  });

  it("attaches only the user's own entry, never revealing whether another exists", async () => {
    const s = await begin(alice);
    const entry = await body(await alice.post("/api/entries", { body: "written while listening" }));
    const bobsEntry = await body(await bob.post("/api/entries", { body: "bob's words" }));

    const attached = await body(await alice.patch(`/api/sessions/${s.id}`, { entryId: entry.id }));
    expect(attached.entryId).toBe(entry.id);
    expect(attached.status).toBe("active");

    const foreign = await alice.patch(`/api/sessions/${s.id}`, { entryId: bobsEntry.id });
    const missing = await alice.patch(`/api/sessions/${s.id}`, { entryId: "no-such-entry" });
    expect(foreign.status).toBe(400);
    expect(missing.status).toBe(400);
    expect((await body(foreign)).error).toEqual((await body(missing)).error);
    expect((await body(foreign)).error).toMatchObject({ code: "validation_failed", field: "entryId" });

    // Attaching still works after check-out; deleting the entry unlinks it.
    await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut });
    expect((await alice.delete(`/api/entries/${entry.id}`)).status).toBe(204);
    expect((await body(await alice.get(`/api/sessions/${s.id}`))).entryId).toBeNull();
    const again = await body(await alice.post("/api/entries", { body: "second try" }));
    expect((await body(await alice.patch(`/api/sessions/${s.id}`, { entryId: again.id }))).entryId).toBe(
      again.id,
    );
    expect((await body(await alice.patch(`/api/sessions/${s.id}`, { entryId: null }))).entryId).toBeNull();
  });

  it("lists newest first with filters and a cursor", async () => {
    const dan = await memberClient(h, owner, "dan");
    const ids: string[] = [];
    for (const day of ["01", "02", "03", "04", "05"]) {
      now = new Date(`2025-02-${day}T20:00:00.000Z`);
      ids.push((await begin(dan)).id);
    }
    const [, second, , fourth] = ids;
    await dan.patch(`/api/sessions/${second}`, { status: "abandoned" });
    await dan.patch(`/api/sessions/${fourth}`, { status: "checked-out", checkOut });

    const page1 = await body(await dan.get("/api/sessions?limit=2"));
    expect(page1.sessions.map((s: { id: string }) => s.id)).toEqual([ids[4], ids[3]]);
    expect(typeof page1.nextCursor).toBe("string");
    const page2 = await body(await dan.get(`/api/sessions?limit=2&cursor=${page1.nextCursor}`));
    const page3 = await body(await dan.get(`/api/sessions?limit=2&cursor=${page2.nextCursor}`));
    expect([...page2.sessions, ...page3.sessions].map((s: { id: string }) => s.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(page3.nextCursor).toBeNull();

    const ranged = await body(await dan.get("/api/sessions?from=2025-02-02&to=2025-02-04&status=active"));
    expect(ranged.sessions.map((s: { id: string }) => s.id)).toEqual([ids[2]]);
    expect((await body(await dan.get("/api/sessions?status=abandoned"))).sessions).toHaveLength(1);

    for (const q of [
      "cursor=not-a-cursor",
      "limit=0",
      "status=finished",
      "from=2025-02-30",
      "from=2025-02-05&to=2025-02-01",
    ]) {
      const res = await dan.get(`/api/sessions?${q}`);
      expect(res.status, q).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
  });

  it("deletes a session", async () => {
    const s = await begin(alice);
    expect((await alice.delete(`/api/sessions/${s.id}`)).status).toBe(204);
    expect((await alice.get(`/api/sessions/${s.id}`)).status).toBe(404);
    expect((await alice.delete(`/api/sessions/${s.id}`)).status).toBe(404);
  });

  it("hides the sound of a masked session and refuses changes to it", async () => {
    const me = await body(await alice.get("/api/me"));
    const { session } = await h.secureStore.ritual.createSession(me.id, {
      id: "masked-1",
      clientId: null,
      startedAt: "2025-03-01T20:00:00.000Z",
      timeZone: "America/New_York",
      localDate: "2025-03-01",
      checkIn,
      scene,
      media: [{ kind: "preset", presetId: "rainy-desk", name: "Rainy desk" }],
      promptId: null,
      condition: {
        kind: "masked",
        experimentId: "x1",
        armLabel: "B",
        assignmentId: "arm-rain",
        revealed: false,
      },
    });
    expect(session.scene).toEqual(scene);
    const shown = await body(await alice.get("/api/sessions/masked-1"));
    expect(shown).toMatchObject({ scene: null, media: [] });
    expect(shown.condition).toEqual({ kind: "masked", experimentId: "x1", armLabel: "B", revealed: false });
    const listed = await body(await alice.get("/api/sessions?limit=100"));
    const inList = listed.sessions.find((s: { id: string }) => s.id === "masked-1");
    expect(inList).toEqual(shown);
    expect(JSON.stringify(listed)).not.toContain("arm-rain");
    expect((await alice.patch("/api/sessions/masked-1", { scene: {} })).status).toBe(409);
    const done = await body(await alice.patch("/api/sessions/masked-1", { status: "checked-out", checkOut }));
    expect(done).toMatchObject({ status: "checked-out", scene: null, media: [] });
    expect(JSON.stringify(done)).not.toContain("arm-rain");
  });

  it("keeps sessions private: another user gets 404 and no data for every route with an id", async () => {
    const s = await begin(alice, { scene, media });
    const before = await body(await alice.get(`/api/sessions/${s.id}`));
    const tries = [
      await bob.get(`/api/sessions/${s.id}`),
      await bob.patch(`/api/sessions/${s.id}`, { status: "abandoned" }),
      await bob.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut }),
      await bob.patch(`/api/sessions/${s.id}`, { entryId: null }),
      await bob.delete(`/api/sessions/${s.id}`),
    ];
    for (const res of tries) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("not_found");
      expect(text).not.toContain(s.id);
      expect(text).not.toContain("Rainy");
    }
    const bobs = await body(await bob.get("/api/sessions?limit=100"));
    expect(bobs.sessions.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect(await body(await alice.get(`/api/sessions/${s.id}`))).toEqual(before);
  });

  it("requires sign-in and the client header", async () => {
    const anon = h.client();
    expect((await anon.get("/api/sessions")).status).toBe(401);
    expect((await anon.get("/api/sessions/current")).status).toBe(401);
    expect((await anon.post("/api/sessions", { checkIn })).status).toBe(401);
    const res = await alice.post("/api/sessions", { checkIn }, { noClientHeader: true });
    expect(res.status).toBe(403);
    const big = await alice.post("/api/sessions", { checkIn, scene: { blob: "x".repeat(20_000) } });
    expect(big.status).toBe(413);
  });

  it("backfills a session held earlier: startedAt sets the local date, endedAt survives check-out", async () => {
    const kaito = await memberClient(h, owner, "kaito", "Asia/Tokyo");
    const startedAt = "2025-01-10T16:30:00.000Z"; // 01:30 on the 11th in Tokyo
    const endedAt = "2025-01-10T17:05:00+00:00";
    const s = await begin(kaito, { startedAt, endedAt, scene, media });
    expect(s).toMatchObject({ status: "active", startedAt, endedAt: "2025-01-10T17:05:00.000Z" });
    expect(s.localDate).toBe("2025-01-11");
    const out = await kaito.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut });
    expect(await body(out)).toMatchObject({ status: "checked-out", endedAt: "2025-01-10T17:05:00.000Z" });
    const listed = await body(await kaito.get("/api/sessions?from=2025-01-11&to=2025-01-11"));
    expect(listed.sessions.map((x: { id: string }) => x.id)).toEqual([s.id]);

    // A start without an end stays open-ended until the check-out stamps it.
    const open = await begin(kaito, { startedAt: "2025-01-12T10:00:00Z" });
    expect(open.endedAt).toBeNull();
    const abandoned = await body(await kaito.patch(`/api/sessions/${open.id}`, { status: "abandoned" }));
    expect(abandoned.endedAt).toBe(now.toISOString());
  });

  it("refuses a backfilled start in the future (beyond 5 minutes of skew) or an end before the start", async () => {
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    expect((await alice.post("/api/sessions", { checkIn, startedAt: at(4 * 60_000) })).status).toBe(201);
    const future = await alice.post("/api/sessions", { checkIn, startedAt: at(6 * 60_000) });
    expect(future.status).toBe(400);
    expect((await body(future)).error.field).toBe("startedAt");
    const backwards = await alice.post("/api/sessions", {
      checkIn,
      startedAt: at(-3_600_000),
      endedAt: at(-7_200_000),
    });
    expect(backwards.status).toBe(400);
    expect((await body(backwards)).error.field).toBe("endedAt");
    const junk = await alice.post("/api/sessions", { checkIn, startedAt: "yesterday evening" });
    expect((await body(junk)).error.field).toBe("startedAt");
  });
});
