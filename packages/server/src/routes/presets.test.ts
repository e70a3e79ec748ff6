import { fromEngineScene, toEngineScene, VOICE_BUILTIN_SCENES } from "@meridian/core";
import { BUILTIN_SCENES, integratedLoudness, renderScene } from "@meridian/sound";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const scene = {
  version: 1,
  name: "Desk rain",
  layers: [
    { id: "rain", generator: "rain", gainDb: -6, position: { azimuth: -40, elevation: 0, distance: 2 } },
    { id: "noise", generator: "pink-noise", gainDb: -12, motion: { kind: "orbit", period: 8 } },
  ],
};

describe("scenes and presets", () => {
  let h: Harness;
  let owner: Client;
  let member: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
  });
  afterAll(async () => h.dispose());

  it("lists the built-in scenes from @meridian/sound", async () => {
    const res = await owner.get("/api/scenes");
    expect(res.status).toBe(200);
    const { scenes } = await body(res);
    expect(scenes.map((s: { id: string }) => s.id)).toEqual(
      [...BUILTIN_SCENES, ...VOICE_BUILTIN_SCENES].map((s) => s.id),
    );
    expect(scenes[0]).toMatchObject({ name: expect.any(String), scene: { version: 1 } });
    // The scenes with a story are version 2 with their voice layers, valid as a preset's scene.
    const story = scenes.find((s: { id: string }) => s.id === "night-train-story");
    expect(story).toMatchObject({ name: "Night train story with rain", scene: { version: 2 } });
    expect(story.scene.voiceLayers[0].content).toEqual({ kind: "story", id: "night-train" });
    const saved = await owner.post("/api/presets", { name: "From the train", scene: story.scene });
    expect(saved.status).toBe(201);
    const savedPreset = await body(saved);
    expect(savedPreset.scene.voiceLayers).toEqual(story.scene.voiceLayers);
    expect((await owner.delete(`/api/presets/${savedPreset.id}`)).status).toBe(204);
    expect((await h.client().get("/api/scenes")).status).toBe(401);
  });

  it("creates, reads, lists, renames, replaces, duplicates and deletes a preset", async () => {
    const created = await owner.post("/api/presets", { name: "  Evening  ", scene });
    expect(created.status).toBe(201);
    const p = await body(created);
    expect(p).toMatchObject({ name: "Evening", scene: { name: "Desk rain", masterGainDb: 0, fadeIn: 3 } });
    expect(p.scene.layers[1].motion).toEqual({ kind: "orbit", period: 8 });

    expect(await body(await owner.get(`/api/presets/${p.id}`))).toEqual(p);

    const renamed = await body(await owner.patch(`/api/presets/${p.id}`, { name: "Late evening" }));
    expect(renamed.name).toBe("Late evening");
    expect(renamed.scene).toEqual(p.scene);

    const quieter = { ...scene, masterGainDb: -6, layers: [scene.layers[0]] };
    const replaced = await body(await owner.patch(`/api/presets/${p.id}`, { scene: quieter }));
    expect(replaced.name).toBe("Late evening");
    expect(replaced.scene.masterGainDb).toBe(-6);
    expect(replaced.scene.layers).toHaveLength(1);

    const dup = await owner.post(`/api/presets/${p.id}/duplicate`);
    expect(dup.status).toBe(201);
    const copy = await body(dup);
    expect(copy.id).not.toBe(p.id);
    expect(copy.name).toBe("Late evening (copy)");
    expect(copy.scene).toEqual(replaced.scene);
    const named = await body(await owner.post(`/api/presets/${p.id}/duplicate`, { name: "Mine" }));
    expect(named.name).toBe("Mine");

    const list = (await body(await owner.get("/api/presets"))).presets;
    expect(list.map((x: { id: string }) => x.id).sort()).toEqual([p.id, copy.id, named.id].sort());

    expect((await owner.delete(`/api/presets/${copy.id}`)).status).toBe(204);
    expect((await owner.get(`/api/presets/${copy.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/presets/${copy.id}`)).status).toBe(404);
  });

  it("rejects an invalid scene with 400 naming the field, and stores nothing", async () => {
    const before = (await body(await owner.get("/api/presets"))).presets.length;
    const bad = { ...scene, layers: [{ ...scene.layers[0], position: { azimuth: 400 } }] };
    const res = await owner.post("/api/presets", { name: "Bad", scene: bad });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err).toMatchObject({ code: "validation_failed", field: "scene.layers[0].position.azimuth" });
    expect(err.message).toMatch(/between -180 and 180/);

    const unknown = await owner.post("/api/presets", {
      name: "Harp",
      scene: { version: 1, layers: [{ id: "h", generator: "harp" }] },
    });
    expect(unknown.status).toBe(400);
    expect((await body(unknown)).error.field).toBe("scene.layers[0].generator");

    const noName = await owner.post("/api/presets", { name: "   ", scene });
    expect(noName.status).toBe(400);
    expect((await body(noName)).error.field).toBe("name");
    expect((await body(await owner.get("/api/presets"))).presets).toHaveLength(before);

    const p = await body(await owner.post("/api/presets", { name: "Ok", scene }));
    const patch = await owner.patch(`/api/presets/${p.id}`, { scene: { version: 3, layers: [] } });
    expect(patch.status).toBe(400);
    expect((await body(patch)).error.field).toBe("scene.version");
    expect((await owner.patch(`/api/presets/${p.id}`, {})).status).toBe(400);
    // Unchanged: the saved scene, given back in the current format.
    const kept = (await body(await owner.get(`/api/presets/${p.id}`))).scene;
    expect(kept.version).toBe(2);
    expect(kept.layers.length).toBe(scene.layers.length);
  });

  it("answers 404 for another user's preset on every id route", async () => {
    const p = await body(await owner.post("/api/presets", { name: "Private", scene }));
    expect((await member.get(`/api/presets/${p.id}`)).status).toBe(404);
    expect((await member.patch(`/api/presets/${p.id}`, { name: "Taken" })).status).toBe(404);
    expect((await member.post(`/api/presets/${p.id}/duplicate`)).status).toBe(404);
    expect((await member.delete(`/api/presets/${p.id}`)).status).toBe(404);
    expect((await body(await member.get("/api/presets"))).presets).toEqual([]);
    expect((await body(await owner.get(`/api/presets/${p.id}`))).name).toBe("Private");
  });

  it("keeps own-audio layers in a preset and gives older (version 1) presets back as version 2", async () => {
    const withMedia = {
      version: 2,
      layers: [{ id: "rain", generator: "rain" }],
      mediaLayers: [
        { id: "hum", mediaId: "someMediaId", name: "hum.wav", motion: { kind: "orbit", period: 30 } },
      ],
    };
    const p = await body(await owner.post("/api/presets", { name: "With hum", scene: withMedia }));
    expect(p.scene.version).toBe(2);
    expect(p.scene.mediaLayers[0]).toMatchObject({
      mediaId: "someMediaId",
      loop: true,
      motion: { kind: "orbit" },
    });
    const old = await body(
      await owner.post("/api/presets", {
        name: "Old",
        scene: { version: 1, layers: [{ id: "r", generator: "rain" }] },
      }),
    );
    const listed = (await body(await owner.get("/api/presets"))).presets.find(
      (x: { id: string }) => x.id === old.id,
    );
    expect(listed.scene).toMatchObject({ version: 2, mediaLayers: [] });
    for (const id of [p.id, old.id]) await owner.delete(`/api/presets/${id}`);
  });
});

describe("preset level-matching", () => {
  let h: Harness;
  let owner: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    owner = await ownerClient(h);
  });
  afterAll(async () => h.dispose());

  it("stores a make-up gain that brings the preset to −27 LUFS, and keeps the user's own level choice", async () => {
    const quiet = { ...scene, layers: scene.layers.map((l) => ({ ...l, gainDb: l.gainDb - 14 })) };
    const created = await body(await owner.post("/api/presets", { name: "Quiet", scene: quiet }));
    expect(created.scene.makeupGainDb).toBeGreaterThan(8);
    const matched = { ...created.scene, fadeIn: 0 };
    const out = renderScene(
      toEngineScene(fromEngineScene({ ...matched, version: 1, mediaLayers: undefined })),
      {
        seconds: 6,
      },
    );
    expect(Math.abs(integratedLoudness(48000, [out.l, out.r]) + 27)).toBeLessThan(1);
    const kept = await body(
      await owner.patch(`/api/presets/${created.id}`, {
        scene: { ...quiet, keepLevel: true, masterGainDb: -6 },
      }),
    );
    expect(kept.scene).toMatchObject({ keepLevel: true, masterGainDb: -6 });
    expect(kept.scene.makeupGainDb).toBeCloseTo(created.scene.makeupGainDb, 0);
  });
});
