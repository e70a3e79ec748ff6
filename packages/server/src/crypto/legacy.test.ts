import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../passwords";
import { testBackends } from "../store/testing";
import { body, FAST_HASHING, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

const PHRASE = {
  title: "legacy-walrus-title",
  body: "legacy-plover-body",
  tag: "legacy-ibis",
  note: "legacy-newt-note",
};

/** An account and rows exactly as the server wrote them before encryption existed. */
async function seedLegacy(raw: RawBackend): Promise<{ userId: string; entryId: string }> {
  const userId = "legacy-user-1";
  await raw.store.insertUser({
    id: userId,
    username: "old-timer",
    passwordHash: await hashPassword(PASSWORD, FAST_HASHING),
    role: "owner",
    timeZone: "UTC",
    createdAt: "2025-01-01T00:00:00.000Z",
  });
  const entryId = "legacy-entry-1";
  await raw.store.createEntry(userId, {
    id: entryId,
    clientId: null,
    title: PHRASE.title,
    body: PHRASE.body,
    promptId: "mindfulness-01",
    promptText: "What did you notice?",
    tags: [PHRASE.tag, "plain"],
    createdAt: "2025-01-02T20:00:00.000Z",
    localDate: "2025-01-02",
    timeZone: "UTC",
  });
  await raw.store.insertPrompt({
    id: "own-legacy",
    userId,
    category: "sleep",
    text: "legacy own prompt",
    createdAt: "2025-01-01T00:00:00.000Z",
  });
  await raw.store.ritual.createSession(userId, {
    id: "legacy-session-1",
    clientId: null,
    startedAt: "2025-01-02T19:00:00.000Z",
    timeZone: "UTC",
    localDate: "2025-01-02",
    checkIn: { pleasantness: 4, energy: 5, anxiety: 30 },
    scene: null,
    media: [{ kind: "mix", name: "legacy mix name" }],
    promptId: null,
  });
  await raw.store.ritual.updateSession(userId, "legacy-session-1", "active", {
    status: "checked-out",
    endedAt: "2025-01-02T19:30:00.000Z",
    checkOut: {
      pleasantness: 6,
      energy: 5,
      anxiety: 20,
      tingles: 0,
      tingleLocations: [],
      relaxation: 7,
      note: PHRASE.note,
    },
    updatedAt: "2025-01-02T19:30:00.000Z",
  });
  return { userId, entryId };
}

describe.each(backends)("pre-encryption accounts on %s", (kind) => {
  let raw: RawBackend | undefined;
  afterEach(async () => {
    await raw?.dispose();
    raw = undefined;
  });

  it("are encrypted in one go at their first sign-in, after a backup, and lose nothing", async () => {
    raw = await openRawBackend(kind);
    const { entryId } = await seedLegacy(raw);
    expect(await raw.dump()).toContain(PHRASE.body);
    const calls: string[] = [];
    const app = appOver(raw, {
      beforeEncryptionMigration: async (userId) => {
        calls.push(`backup ${userId}`);
        return { path: "/nowhere", discard: async () => void calls.push("discard") };
      },
    });
    try {
      const client = clientOf(app);
      const res = await client.post("/api/auth/login", { username: "old-timer", password: PASSWORD });
      expect(res.status, await res.clone().text()).toBe(200);
      // Their first recovery key comes with this sign-in.
      expect((await body(res)).recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      expect(calls).toEqual(["backup legacy-user-1", "discard"]);

      const dump = await raw.dump();
      for (const [what, phrase] of Object.entries(PHRASE)) expect(dump, what).not.toContain(phrase);
      expect(dump).not.toContain("legacy own prompt");
      expect(dump).not.toContain("legacy mix name");

      const entry = await body(await client.get(`/api/entries/${entryId}`));
      expect(entry).toMatchObject({
        title: PHRASE.title,
        body: PHRASE.body,
        promptText: "What did you notice?",
        tags: [PHRASE.tag, "plain"],
      });
      expect((await body(await client.get(`/api/entries?tag=${PHRASE.tag}`))).entries).toHaveLength(1);
      const session = await body(await client.get("/api/sessions/legacy-session-1"));
      expect(session.checkOut.note).toBe(PHRASE.note);
      expect(session.media).toEqual([{ kind: "mix", name: "legacy mix name" }]);
      expect(JSON.stringify(await body(await client.get("/api/prompts?category=sleep")))).toContain(
        "legacy own prompt",
      );

      // Later sign-ins just open the key; no second migration, no new recovery key.
      const again = await clientOf(app).post("/api/auth/login", {
        username: "old-timer",
        password: PASSWORD,
      });
      expect(again.status).toBe(200);
      expect((await body(again)).recoveryKey).toBeUndefined();
      expect(calls).toHaveLength(2);
    } finally {
      app.dispose();
    }
  });

  it("change nothing when the backup fails: a clear 503, the rows stay as they were", async () => {
    raw = await openRawBackend(kind);
    const { entryId } = await seedLegacy(raw);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const app = appOver(raw, {
      beforeEncryptionMigration: async () => {
        throw new Error("disk full");
      },
    });
    try {
      const res = await clientOf(app).post("/api/auth/login", { username: "old-timer", password: PASSWORD });
      expect(res.status).toBe(503);
      expect((await body(res)).error.code).toBe("account_unavailable");
      expect(await raw.query("select user_id from user_keys")).toEqual([]);
      const [row] = await raw.query<{ body: string }>("select body from entries where id = ?", [entryId]);
      expect(row?.body).toBe(PHRASE.body);
    } finally {
      errors.mockRestore();
      app.dispose();
    }
  });
});

describe("the default pre-encryption backup (SQLite)", () => {
  it("is a verified copy taken first and removed once the encrypted rows read back", async () => {
    const raw = await openRawBackend("sqlite");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const app = appOver(raw);
    try {
      await seedLegacy(raw);
      const res = await clientOf(app).post("/api/auth/login", { username: "old-timer", password: PASSWORD });
      expect(res.status, await res.clone().text()).toBe(200);
      const message = String(warn.mock.calls.find((c) => String(c[0]).includes("verified backup"))?.[0]);
      const path = /verified backup at (\S+)/.exec(message)?.[1] ?? "";
      expect(path).toContain(join(raw.dataDir, "backups"));
      expect(path).toContain("pre-encryption");
      expect(existsSync(path)).toBe(false);
      expect(readdirSync(join(raw.dataDir, "backups")).filter((f) => f.includes("pre-encryption"))).toEqual(
        [],
      );
    } finally {
      warn.mockRestore();
      app.dispose();
      await raw.dispose();
    }
  });
});
