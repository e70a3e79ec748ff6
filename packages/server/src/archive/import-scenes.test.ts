import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { sendFile } from "./seed.test-helpers";

const backends = await testBackends();

const AT = "2024-06-01T10:00:00.000Z";
/** A scene in the current format naming `generator`. */
const sceneWith = (generator: string) => ({
  version: 2,
  layers: [{ id: "a", generator, gainDb: 0 }],
  mediaLayers: [],
});
/** A version 1 scene, as archives written before own-audio layers hold them. */
const OLD_SCENE = {
  version: 1,
  name: "Desk rain",
  layers: [
    { id: "rain", generator: "rain", gainDb: -6, position: { azimuth: -40, elevation: 0, distance: 2 } },
  ],
};

const session = (i: number, scene: unknown) => ({
  id: `session-${i}`,
  clientId: null,
  status: "checked-out",
  startedAt: AT,
  endedAt: AT,
  timeZone: "UTC",
  localDate: "2024-06-01",
  checkIn: { pleasantness: 4, energy: 5, anxiety: 50 },
  checkOut: null,
  scene,
  media: [],
  entryId: null,
  promptId: null,
  condition: { kind: "open" },
  createdAt: AT,
  updatedAt: AT,
});

/** A Meridian archive (zip) with one entry, four sessions (the last one's scene is `last`)
 * and one preset whose scene is `preset`. `raw` replaces a JSON placeholder verbatim (an own
 * "__proto__" key survives only as text). */
function archiveZip(last: unknown, preset: unknown = OLD_SCENE, raw?: string): Uint8Array {
  const archive = {
    format: "meridian-archive",
    version: 1,
    exportedAt: "2025-01-01T00:00:00.000Z",
    account: { username: "mallory", timeZone: "UTC", createdAt: "2024-01-01T00:00:00.000Z" },
    entries: [
      {
        id: "entry-1",
        clientId: null,
        title: "Alongside",
        body: "An entry in the same archive",
        promptId: null,
        promptText: null,
        revision: 1,
        createdAt: AT,
        updatedAt: AT,
        localDate: "2024-06-01",
        timeZone: "UTC",
        tags: [],
      },
    ],
    prompts: [],
    sessions: [session(0, OLD_SCENE), session(1, null), session(2, sceneWith("rain")), session(3, last)],
    sleepDiaries: [],
    checkups: [],
    presets: [{ id: "preset-1", name: "Evening", scene: preset, createdAt: AT, updatedAt: AT }],
    media: [],
  };
  let json = JSON.stringify(archive);
  if (raw !== undefined) json = json.replace('"RAW"', raw);
  return zipSync({ "archive.json": strToU8(json) });
}

describe.each(backends)("import validates every scene on %s", (kind) => {
  let h: Harness;
  let ana: Client;

  beforeAll(async () => {
    h = await createHarness(kind);
    ana = await ownerClient(h, "ana");
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const nothingWritten = async () => {
    expect((await body(await ana.get("/api/entries?limit=10"))).entries).toEqual([]);
    expect((await body(await ana.get("/api/sessions?limit=100"))).sessions).toEqual([]);
    expect((await body(await ana.get("/api/presets"))).presets).toEqual([]);
  };

  const refused = async (zip: Uint8Array, message: string) => {
    for (const path of ["/api/import/preview", "/api/import"]) {
      const res = await sendFile(h, ana, path, zip);
      expect(res.status, path).toBe(400);
      const { error } = await body(res);
      expect(error.code).toBe("import_invalid");
      expect(error.message).toContain(message);
    }
    await nothingWritten();
  };

  it.each(["__proto__", "constructor", "toString", "hoovering"])(
    "refuses a session scene naming generator %s, naming the record; nothing written",
    async (g) => {
      await refused(
        archiveZip(sceneWith(g)),
        `sessions[3].scene.layers[0].generator: unknown generator "${g}"`,
      );
    },
  );

  it("refuses unknown keys in a session scene (an own __proto__ key too)", async () => {
    await refused(archiveZip({ ...sceneWith("rain"), shadow: 1 }), "sessions[3].scene: ");
    await refused(
      archiveZip("RAW", OLD_SCENE, '{"__proto__": {"polluted": true}, "version": 2, "layers": []}'),
      "sessions[3].scene: ",
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a parameter the generator does not have", async () => {
    const scene = {
      version: 2,
      layers: [{ id: "a", generator: "rain", gainDb: 0, params: { loudness: 1 } }],
    };
    await refused(archiveZip(scene), 'sessions[3].scene.layers[0].params.loudness: "rain" has no parameter');
  });

  it.each(["__proto__", "hoovering"])("refuses a preset scene naming generator %s", async (g) => {
    await refused(
      archiveZip(sceneWith("rain"), sceneWith(g)),
      `presets[0].scene.layers[0].generator: unknown generator "${g}"`,
    );
  });

  it("imports valid scenes, old (version 1) and current, as they were", async () => {
    const res = await sendFile(h, ana, "/api/import", archiveZip(sceneWith("rain")));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await body(res)).toMatchObject({ imported: 6 });
    const { sessions } = await body(await ana.get("/api/sessions?limit=100"));
    expect(sessions).toHaveLength(4);
    const scenes = sessions.map((s: { scene: unknown }) => s.scene);
    expect(scenes).toContainEqual(OLD_SCENE);
    expect(scenes).toContainEqual(null);
    const [preset] = (await body(await ana.get("/api/presets"))).presets;
    expect(preset.scene.layers[0].generator).toBe("rain");
  });
});
