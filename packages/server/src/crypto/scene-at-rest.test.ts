import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Text a person types that ends up inside scene JSON: the web app copies a preset's name into
 * its scene (PresetsPanel), an own-audio layer keeps its file's name, a mix has a description. */
const PHRASE = {
  presetSceneName: "marigold-quiver-scene",
  presetDescription: "tamarind-lullaby-description",
  layerName: "heliotrope-voice-memo",
  sessionSceneName: "cardamom-drizzle-session",
  sessionDescription: "pumice-whisper-description",
  sessionLayerName: "basalt-cradle-layer",
};

const presetScene = {
  version: 2,
  name: PHRASE.presetSceneName,
  description: PHRASE.presetDescription,
  layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
  mediaLayers: [{ id: "memo", mediaId: "m-1", name: PHRASE.layerName }],
};

const sessionScene = {
  version: 2,
  name: PHRASE.sessionSceneName,
  description: PHRASE.sessionDescription,
  layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
  mediaLayers: [{ id: "memo", mediaId: "m-1", name: PHRASE.sessionLayerName }],
};

describe.each(backends)("scene text at rest on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  let presetId: string;
  let sessionId: string;

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw);
    ana = clientOf(app);
    const setup = await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" });
    expect(setup.status).toBe(201);
    const preset = await ana.post("/api/presets", { name: "Evening", scene: presetScene });
    expect(preset.status, await preset.clone().text()).toBe(201);
    presetId = (await body(preset)).id;
    const session = await ana.post("/api/sessions", {
      checkIn: { pleasantness: 4, energy: 5, anxiety: 30 },
      scene: sessionScene,
    });
    expect(session.status, await session.clone().text()).toBe(201);
    sessionId = (await body(session)).id;
  });
  afterAll(async () => {
    app?.dispose();
    await raw?.dispose();
  });

  it("seals scene names, descriptions and own-audio layer names in presets and sessions", async () => {
    const dump = await raw.dump();
    for (const [what, phrase] of Object.entries(PHRASE)) expect(dump, what).not.toContain(phrase);

    const preset = await body(await ana.get(`/api/presets/${presetId}`));
    expect(preset.scene).toMatchObject({
      name: PHRASE.presetSceneName,
      description: PHRASE.presetDescription,
      mediaLayers: [{ mediaId: "m-1", name: PHRASE.layerName }],
    });
    const session = await body(await ana.get(`/api/sessions/${sessionId}`));
    // Kept as parsed by core's scene schema (defaults filled in).
    expect(session.scene).toMatchObject({
      name: PHRASE.sessionSceneName,
      description: PHRASE.sessionDescription,
      mediaLayers: [{ mediaId: "m-1", name: PHRASE.sessionLayerName }],
    });
  });

  it("seals a scene replaced later (preset and session)", async () => {
    const renamed = { ...presetScene, name: "lilac-anchor-renamed" };
    expect((await ana.patch(`/api/presets/${presetId}`, { scene: renamed })).status).toBe(200);
    const moved = { ...sessionScene, description: "walnut-ember-moved" };
    const res = await ana.patch(`/api/sessions/${sessionId}`, { scene: moved });
    expect(res.status, await res.clone().text()).toBe(200);
    const dump = await raw.dump();
    expect(dump).not.toContain("lilac-anchor-renamed");
    expect(dump).not.toContain("walnut-ember-moved");
    expect((await body(await ana.get(`/api/presets/${presetId}`))).scene.name).toBe("lilac-anchor-renamed");
    expect((await body(await ana.get(`/api/sessions/${sessionId}`))).scene.description).toBe(
      "walnut-ember-moved",
    );
  });

  it("refuses a sealed scene name moved to another record (422 record_unreadable)", async () => {
    const other = await ana.post("/api/presets", { name: "Other", scene: presetScene });
    const otherId = (await body(other)).id;
    const [source] = await raw.query<{ scene: string }>("select scene from presets where id = ?", [presetId]);
    await raw.exec("update presets set scene = ? where id = ?", [source?.scene, otherId]);
    const res = await ana.get(`/api/presets/${otherId}`);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("record_unreadable");
    // The list shows the others and names this one.
    const list = await body(await ana.get("/api/presets"));
    expect(list.presets.map((p: { id: string }) => p.id)).toContain(presetId);
    expect(list.unreadable.map((u: { id: string }) => u.id)).toEqual([otherId]);
    await ana.delete(`/api/presets/${otherId}`);
  });
});
