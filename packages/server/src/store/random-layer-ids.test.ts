import { isRandomMediaLayerId } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";
import { testBackends } from "./testing";

const backends = await testBackends();

/** An own-audio layer as an older web app (or an old share link) names it: after the file. */
const SLUG = "after-the-funeral-mum-s-voice";
const layer = (id: string, mediaId: string) => ({ id, mediaId, name: "After the funeral - Mum's voice.wav" });
const scene = (ids: string[]) => ({
  version: 2,
  layers: [{ id: "rain", generator: "rain" }],
  mediaLayers: ids.map((id, i) => layer(id, `Med${i}`)),
});
const checkIn = { pleasantness: 4, energy: 5, anxiety: 40 };

describe.each(backends)("own-audio layer ids written on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw);
    ana = clientOf(app);
    const setup = await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" });
    expect(setup.status).toBe(201);
  });
  afterAll(async () => {
    app?.dispose();
    await raw?.dispose();
  });

  it("are made random on every write (preset create, update, duplicate; session create, update)", async () => {
    const created = await body(
      await ana.post("/api/presets", { name: "Mum", scene: scene([SLUG, "hum-wav"]) }),
    );
    const ids = created.scene.mediaLayers.map((l: { id: string }) => l.id);
    expect(ids.every(isRandomMediaLayerId)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(created.scene.mediaLayers.map((l: { mediaId: string }) => l.mediaId)).toEqual(["Med0", "Med1"]);

    // A random id sent back is kept (the web app keeps its selection and playing layers).
    const kept = await body(await ana.patch(`/api/presets/${created.id}`, { scene: created.scene }));
    expect(kept.scene.mediaLayers.map((l: { id: string }) => l.id)).toEqual(ids);
    const patched = await body(await ana.patch(`/api/presets/${created.id}`, { scene: scene([SLUG]) }));
    expect(isRandomMediaLayerId(patched.scene.mediaLayers[0].id)).toBe(true);
    const copy = await ana.post(`/api/presets/${created.id}/duplicate`, {});
    expect(copy.status).toBe(201);

    const session = await body(await ana.post("/api/sessions", { checkIn, scene: scene([SLUG]) }));
    expect(isRandomMediaLayerId(session.scene.mediaLayers[0].id)).toBe(true);
    const moved = await ana.patch(`/api/sessions/${session.id}`, { scene: scene(["x", SLUG]) });
    expect(moved.status).toBe(200);
    expect(
      (await body(moved)).scene.mediaLayers.every((l: { id: string }) => isRandomMediaLayerId(l.id)),
    ).toBe(true);

    const stored = await raw.query<{ scene: string }>(
      "select scene from presets union all select scene from ritual_sessions",
    );
    expect(stored.length).toBe(3);
    for (const row of stored) {
      expect(row.scene).not.toContain("funeral");
      expect(row.scene).not.toContain("hum-wav");
    }
  });
});
