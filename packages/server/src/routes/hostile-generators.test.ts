import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Names every plain object inherits: as map keys they used to reach Object.prototype. */
const HOSTILE = ["__proto__", "constructor", "toString"] as const;

const checkIn = { pleasantness: 4, energy: 5, anxiety: 50 };
const sceneWith = (generator: string) => ({
  version: 2,
  layers: [{ id: "a", generator, gainDb: 0 }],
  mediaLayers: [],
});

describe.each(backends)("hostile generator ids on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  let userId: string;

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw, { now: () => new Date("2025-03-24T22:00:00.000Z") });
    ana = clientOf(app);
    const setup = await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" });
    expect(setup.status, await setup.clone().text()).toBe(201);
    const [user] = await raw.query<{ id: string }>("select id from users where username = ?", ["ana"]);
    userId = (user as { id: string }).id;
  });
  afterAll(async () => {
    app?.dispose();
    await raw?.dispose();
  });

  it.each(HOSTILE)("refuses a new session whose scene names generator %s (400, field)", async (g) => {
    const res = await ana.post("/api/sessions", { checkIn, scene: sceneWith(g) });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("scene.layers[0].generator");
    const list = await body(await ana.get("/api/sessions?limit=100"));
    expect(list.sessions).toEqual([]);
  });

  it.each(HOSTILE)("refuses a preset whose scene names generator %s (400, field)", async (g) => {
    const res = await ana.post("/api/presets", { name: "P", scene: sceneWith(g) });
    expect(res.status).toBe(400);
    expect((await body(res)).error.field).toBe("scene.layers[0].generator");
  });

  it("refuses unknown keys in a session's scene, and a hostile generator on PATCH", async () => {
    const extra = await ana.post("/api/sessions", {
      checkIn,
      // JSON.parse makes "__proto__" an own key, as a request body does.
      scene: JSON.parse(`{"__proto__": {"polluted": true}, "version": 2, "layers": [], "shadow": 1}`),
    });
    expect(extra.status).toBe(400);
    expect((await body(extra)).error.field).toMatch(/^scene/);
    const ok = await ana.post("/api/sessions", { checkIn, scene: sceneWith("rain") });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const id = (await body(ok)).id;
    const patch = await ana.patch(`/api/sessions/${id}`, { scene: sceneWith("constructor") });
    expect(patch.status).toBe(400);
    expect((await body(patch)).error.field).toBe("scene.layers[0].generator");
    const after = await body(await ana.get(`/api/sessions/${id}`));
    expect(after.scene.layers[0].generator).toBe("rain");
    expect((await ana.delete(`/api/sessions/${id}`)).status).toBe(204);
  });

  it("answers /api/insights and /weekly with 200 over rows already holding such generators", async () => {
    // Written straight through the store (as rows saved before the scene was validated are).
    let n = 0;
    for (let i = 0; i < 6; i++) {
      // Two sessions each: too few for an estimate, so the summary names them ("not enough yet").
      for (const generator of i < 2 ? [...HOSTILE, "rain"] : ["rain"]) {
        n++;
        const day = String(n).padStart(2, "0");
        const id = `hostile-${generator}-${i}`;
        const startedAt = `2025-03-${day}T20:00:00.000Z`;
        await raw.store.ritual.createSession(userId, {
          id,
          clientId: null,
          startedAt,
          timeZone: "UTC",
          localDate: `2025-03-${day}`,
          checkIn: { pleasantness: 4, energy: 5, anxiety: 50 + i },
          scene: sceneWith(generator),
          media: [],
          promptId: null,
        });
        const done = await raw.store.ritual.updateSession(userId, id, "active", {
          status: "checked-out",
          checkOut: {
            pleasantness: 6,
            energy: 5,
            anxiety: 30 - 3 * i,
            tingles: i % 4,
            tingleLocations: [],
            relaxation: 6,
          },
          endedAt: `2025-03-${day}T20:30:00.000Z`,
          updatedAt: `2025-03-${day}T20:30:00.000Z`,
        });
        expect(done?.status).toBe("checked-out");
      }
    }
    const [stored] = await raw.query<{ scene: string }>("select scene from ritual_sessions where id = ?", [
      "hostile-__proto__-0",
    ]);
    expect(JSON.parse((stored as { scene: string }).scene).layers[0].generator).toBe("__proto__");

    const insights = await ana.get("/api/insights?from=2025-03-01&to=2025-03-31");
    expect(insights.status, await insights.clone().text()).toBe(200);
    const answer = await body(insights);
    const keys = answer.triggers.groups.map((g: { key: string }) => g.key);
    expect(keys).toContain("rain");
    for (const g of HOSTILE) expect(keys).not.toContain(g);
    expect(JSON.stringify(answer.summary)).not.toMatch(/__proto__|function|\[object/);

    const weekly = await ana.get("/api/insights/weekly");
    expect(weekly.status, await weekly.clone().text()).toBe(200);
    expect(JSON.stringify(await body(weekly))).not.toMatch(/__proto__|function|\[object/);
  });
});
