import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../passwords";
import { testBackends } from "../store/testing";
import { body, FAST_HASHING, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

const PHRASE = {
  body: "legacy-kestrel-body",
  sceneName: "legacy-tundra-scene",
  layerName: "legacy-grandma-voice",
  sessionScene: "legacy-harbour-snapshot",
};

/** A pre-encryption account with an entry, a preset whose scene carries its name and an own-audio
 * layer's name (as the web app saves it), and a session with a scene snapshot. */
async function seedLegacy(raw: RawBackend): Promise<void> {
  const userId = "legacy-user-2";
  await raw.store.insertUser({
    id: userId,
    username: "old-timer",
    passwordHash: await hashPassword(PASSWORD, FAST_HASHING),
    role: "owner",
    timeZone: "UTC",
    createdAt: "2025-01-01T00:00:00.000Z",
  });
  await raw.store.createEntry(userId, {
    id: "legacy-entry-2",
    clientId: null,
    title: null,
    body: PHRASE.body,
    promptId: null,
    promptText: null,
    tags: ["one", "two"],
    createdAt: "2025-01-02T20:00:00.000Z",
    localDate: "2025-01-02",
    timeZone: "UTC",
  });
  await raw.store.studio.insertPreset(userId, {
    id: "legacy-preset-1",
    name: PHRASE.sceneName,
    scene: {
      version: 2,
      name: PHRASE.sceneName,
      layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
      mediaLayers: [{ id: "memo", mediaId: "m-1", name: PHRASE.layerName }],
    },
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  });
  await raw.store.ritual.createSession(userId, {
    id: "legacy-session-2",
    clientId: null,
    startedAt: "2025-01-02T19:00:00.000Z",
    timeZone: "UTC",
    localDate: "2025-01-02",
    checkIn: { pleasantness: 4, energy: 5, anxiety: 30 },
    scene: { version: 1, name: PHRASE.sessionScene, layers: [] },
    media: [],
    promptId: null,
  });
}

describe.each(backends)("pre-encryption accounts, reviewed, on %s", (kind) => {
  let raw: RawBackend | undefined;
  afterEach(async () => {
    await raw?.dispose();
    raw = undefined;
  });

  it("seal the text inside scenes at the first sign-in", async () => {
    raw = await openRawBackend(kind);
    await seedLegacy(raw);
    const app = appOver(raw, {
      beforeEncryptionMigration: async () => ({ path: "/nowhere", discard: async () => {} }),
    });
    try {
      const client = clientOf(app);
      const res = await client.post("/api/auth/login", { username: "old-timer", password: PASSWORD });
      expect(res.status, await res.clone().text()).toBe(200);
      const dump = await raw.dump();
      for (const [what, phrase] of Object.entries(PHRASE)) expect(dump, what).not.toContain(phrase);
      const preset = await body(await client.get("/api/presets/legacy-preset-1"));
      expect(preset.name).toBe(PHRASE.sceneName);
      expect(preset.scene.name).toBe(PHRASE.sceneName);
      expect(preset.scene.mediaLayers[0].name).toBe(PHRASE.layerName);
      const session = await body(await client.get("/api/sessions/legacy-session-2"));
      expect(session.scene.name).toBe(PHRASE.sessionScene);
    } finally {
      app.dispose();
    }
  });

  it("signed into twice at the same moment are encrypted once, both sign-ins work, no backup stays", async () => {
    raw = await openRawBackend(kind);
    await seedLegacy(raw);
    const backups: string[] = [];
    const discarded: string[] = [];
    const app = appOver(raw, {
      beforeEncryptionMigration: async () => {
        const path = `/nowhere/${backups.length}`;
        backups.push(path);
        // Both sign-ins take their backup before either migrates.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { path, discard: async () => void discarded.push(path) };
      },
    });
    try {
      const [a, b] = [clientOf(app), clientOf(app)];
      const answers = await Promise.all(
        [a, b].map((c) => c.post("/api/auth/login", { username: "old-timer", password: PASSWORD })),
      );
      for (const res of answers) expect(res.status, await res.clone().text()).toBe(200);
      const keys = (await Promise.all(answers.map(body))).map((u) => u.recoveryKey).filter(Boolean);
      expect(keys).toHaveLength(1);
      expect(await raw.query("select user_id from user_keys")).toHaveLength(1);
      // Every plaintext backup taken is removed, the losing sign-in's included.
      expect(backups.length).toBeGreaterThanOrEqual(1);
      expect(discarded.sort()).toEqual([...backups].sort());

      // Encrypted exactly once: both clients read the text, not a ciphertext of a ciphertext.
      for (const c of [a, b]) {
        const list = await body(await c.get("/api/entries"));
        expect(list.entries.map((e: { body: string }) => e.body)).toEqual([PHRASE.body]);
        expect(list.entries[0].tags).toEqual(["one", "two"]);
      }
      const [row] = await raw.query<{ body: string }>("select body from entries");
      expect(row?.body).toMatch(/^m1\./);

      // One of them signing out leaves the other working.
      expect((await a.post("/api/auth/logout")).status).toBe(204);
      expect((await a.get("/api/entries")).status).toBe(401);
      expect((await b.get("/api/entries")).status).toBe(200);
    } finally {
      app.dispose();
    }
  });
  it("whose keys row went missing are not encrypted twice: a clear 503, the ciphertext untouched", async () => {
    raw = await openRawBackend(kind);
    const app = appOver(raw, {
      beforeEncryptionMigration: async () => ({ path: "/nowhere", discard: async () => {} }),
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const ana = clientOf(app);
      expect((await ana.post("/api/setup", { username: "ana", password: PASSWORD })).status).toBe(201);
      const created = await ana.post("/api/entries", { body: PHRASE.body, tags: ["one"] });
      expect(created.status).toBe(201);
      const before = await raw.query<{ body: string }>("select body from entries");
      // An operator restores the tables without user_keys, or deletes the row by mistake.
      await raw.exec("delete from user_keys");
      const res = await clientOf(app).post("/api/auth/login", { username: "ana", password: PASSWORD });
      expect(res.status).toBe(503);
      expect((await body(res)).error.code).toBe("account_unavailable");
      expect(await raw.query("select body from entries")).toEqual(before);
      expect(await raw.query("select user_id from user_keys")).toEqual([]);
    } finally {
      errors.mockRestore();
      app.dispose();
    }
  });
});
