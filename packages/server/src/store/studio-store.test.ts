import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store, UserRecord } from "./store";
import type { AudioDetails } from "./studio-store";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

function user(username: string): UserRecord {
  return {
    id: `u-${username}`,
    username,
    passwordHash: "$argon2id$fake",
    role: "member",
    timeZone: "UTC",
    createdAt: "2025-01-01T00:00:00.000Z",
  };
}

const scene = {
  version: 1,
  name: "Rain ☔",
  masterGainDb: -1.5,
  layers: [{ id: "rain", generator: "rain", gainDb: -12.25, params: { density: 0.35 } }],
};

const audio: AudioDetails = {
  format: "wav",
  contentType: "audio/wav",
  durationSeconds: 2.5,
  loudnessLufs: -20.04,
  gainDb: -7,
  loudnessSource: "server",
};

describe.each(backends)("studio store on %s", (kind) => {
  let t: TestStore;
  let store: Store;
  const alice = user("alice");
  const bob = user("bob");

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
    await store.insertUser(alice);
    await store.insertUser(bob);
  });
  afterAll(async () => t.dispose());

  it("creates, lists newest-updated first, renames, replaces the scene and deletes presets", async () => {
    const s = store.studio;
    const a = await s.insertPreset(alice.id, {
      id: "p1",
      name: "First",
      scene,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    });
    expect(a).toEqual({
      id: "p1",
      userId: alice.id,
      name: "First",
      scene,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    });
    await s.insertPreset(alice.id, {
      id: "p2",
      name: "Second",
      scene,
      createdAt: "2025-01-02T00:00:00.000Z",
      updatedAt: "2025-01-02T00:00:00.000Z",
    });
    expect((await s.listPresets(alice.id)).map((p) => p.id)).toEqual(["p2", "p1"]);
    const renamed = await s.updatePreset(alice.id, "p1", {
      name: "Renamed",
      updatedAt: "2025-01-03T00:00:00.000Z",
    });
    expect(renamed?.name).toBe("Renamed");
    expect(renamed?.scene).toEqual(scene);
    const other = { ...scene, layers: [] };
    const replaced = await s.updatePreset(alice.id, "p1", {
      scene: other,
      updatedAt: "2025-01-04T00:00:00.000Z",
    });
    expect(replaced?.scene).toEqual(other);
    expect(replaced?.name).toBe("Renamed");
    expect((await s.listPresets(alice.id)).map((p) => p.id)).toEqual(["p1", "p2"]);
    // Bob sees none of it and cannot touch it.
    expect(await s.listPresets(bob.id)).toEqual([]);
    expect(await s.findPreset(bob.id, "p1")).toBeNull();
    expect(
      await s.updatePreset(bob.id, "p1", { name: "x", updatedAt: "2025-01-05T00:00:00.000Z" }),
    ).toBeNull();
    expect(await s.deletePreset(bob.id, "p1")).toBe(false);
    expect(await s.deletePreset(alice.id, "p1")).toBe(true);
    expect(await s.findPreset(alice.id, "p1")).toBeNull();
  });

  it("stores audio and link media per user", async () => {
    const s = store.studio;
    const a = await s.insertMedia(alice.id, {
      id: "m1",
      kind: "audio",
      name: "waves.wav",
      sizeBytes: 3_000_000_000,
      details: audio,
      createdAt: "2025-01-01T00:00:00.000Z",
    });
    expect(a).toMatchObject({ kind: "audio", sizeBytes: 3_000_000_000, details: audio, userId: alice.id });
    await s.insertMedia(alice.id, {
      id: "m2",
      kind: "link",
      name: "A video",
      sizeBytes: 0,
      details: {
        url: "https://youtu.be/abc",
        embedUrl: "https://www.youtube-nocookie.com/embed/abc",
        provider: "youtube",
      },
      createdAt: "2025-01-02T00:00:00.000Z",
    });
    expect((await s.listMedia(alice.id)).map((m) => m.id)).toEqual(["m2", "m1"]);
    const patched = await s.updateMedia(alice.id, "m1", {
      name: "Waves",
      details: { ...audio, loudnessSource: "client" },
    });
    expect(patched).toMatchObject({ name: "Waves", details: { loudnessSource: "client" } });
    expect(await s.findMedia(bob.id, "m1")).toBeNull();
    expect(await s.updateMedia(bob.id, "m1", { name: "x" })).toBeNull();
    expect(await s.deleteMedia(bob.id, "m1")).toBe(false);
    expect(await s.deleteMedia(alice.id, "m1")).toBe(true);
    expect((await s.listMedia(alice.id)).map((m) => m.id)).toEqual(["m2"]);
  });

  it("stores a video file with its size and format", async () => {
    const s = store.studio;
    const v = await s.insertMedia(alice.id, {
      id: "v1",
      kind: "video",
      name: "walk.mp4",
      sizeBytes: 5_000_000_000,
      details: { format: "mp4", contentType: "video/mp4" },
      createdAt: "2025-01-03T00:00:00.000Z",
    });
    expect(v).toMatchObject({ kind: "video", sizeBytes: 5_000_000_000, details: { format: "mp4" } });
    expect(await s.findMedia(alice.id, "v1")).toEqual(v);
    expect(await s.findMedia(bob.id, "v1")).toBeNull();
    expect(await s.deleteMedia(alice.id, "v1")).toBe(true);
  });

  it("removes a user's presets and media with the user", async () => {
    const carol = user("carol");
    await store.insertUser(carol);
    await store.studio.insertPreset(carol.id, {
      id: "pc",
      name: "C",
      scene,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    });
    expect(await store.deleteUser(carol.id)).toBe(true);
    expect(await store.studio.findPreset(carol.id, "pc")).toBeNull();
  });
});
