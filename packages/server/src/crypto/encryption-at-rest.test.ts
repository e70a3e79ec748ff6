import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MeridianApp } from "../app";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Distinctive words that must never reach the disk in the clear. */
const PHRASE = {
  title: "quokka-lantern-title",
  body: "zephyr-marmalade-body",
  tag: "obsidian-heron-tag",
  note: "velvet-thimble-note",
  prompt: "saffron-orbit-prompt",
  comments: "juniper-anvil-comments",
  preset: "cobalt-fennel-preset",
  media: "amber-walnut-media",
};

async function signUp(app: MeridianApp, username: string): Promise<{ client: Client; recoveryKey: string }> {
  const client = clientOf(app);
  const setup = await client.get("/api/setup");
  const path = (await body(setup)).needsOwner ? "/api/setup" : "/api/auth/signup";
  const res = await client.post(path, { username, password: PASSWORD, timeZone: "UTC" });
  expect(res.status, await res.clone().text()).toBe(201);
  const created = await body(res);
  return { client, recoveryKey: created.recoveryKey };
}

async function signIn(app: MeridianApp, username: string, password = PASSWORD): Promise<Client> {
  const client = clientOf(app);
  const res = await client.post("/api/auth/login", { username, password });
  expect(res.status, await res.clone().text()).toBe(200);
  return client;
}

async function writeEverything(c: Client): Promise<string> {
  const entry = await c.post("/api/entries", {
    title: `A ${PHRASE.title}`,
    body: `Tonight ${PHRASE.body} and more.`,
    tags: [PHRASE.tag, "plain"],
    promptId: "mindfulness-01",
  });
  expect(entry.status, await entry.clone().text()).toBe(201);
  const session = await c.post("/api/sessions", { checkIn: { pleasantness: 4, energy: 5, anxiety: 30 } });
  expect(session.status).toBe(201);
  const sessionId = (await body(session)).id;
  const out = await c.patch(`/api/sessions/${sessionId}`, {
    status: "checked-out",
    checkOut: { pleasantness: 6, energy: 5, anxiety: 20, tingles: 0, relaxation: 7, note: PHRASE.note },
  });
  expect(out.status, await out.clone().text()).toBe(200);
  expect((await c.post("/api/prompts", { category: "sleep", text: PHRASE.prompt })).status).toBe(201);
  const diary = await c.put("/api/sleep-diaries/2025-01-20", {
    nightOf: "2025-01-20",
    timeZone: "UTC",
    intoBed: "23:10",
    triedToSleep: "23:30",
    minutesToFallAsleep: 20,
    awakenings: 1,
    minutesAwake: 10,
    finalAwakening: "06:50",
    outOfBed: "07:15",
    quality: 3,
    rested: 4,
    listened: false,
    comments: PHRASE.comments,
  });
  expect(diary.status, await diary.clone().text()).toBeLessThan(300);
  const scenes = await body(await c.get("/api/scenes"));
  const preset = await c.post("/api/presets", { name: PHRASE.preset, scene: scenes.scenes[0].scene });
  expect(preset.status, await preset.clone().text()).toBe(201);
  const link = await c.post("/api/media/links", { url: "https://vimeo.com/1", title: PHRASE.media });
  expect(link.status, await link.clone().text()).toBe(201);
  return (await body(entry)).id;
}

describe.each(backends)("encryption at rest on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  let recoveryKey: string;
  let entryId: string;

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw);
    ({ client: ana, recoveryKey } = await signUp(app, "ana"));
    entryId = await writeEverything(ana);
  });
  afterAll(async () => {
    app?.dispose();
    await raw?.dispose();
  });

  it("writes no user text in the clear, yet reads, filters and searches it back", async () => {
    const dump = await raw.dump();
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain("ana"); // the dump does see plain data: usernames are not encrypted
    for (const [what, phrase] of Object.entries(PHRASE)) expect(dump, what).not.toContain(phrase);

    const entry = await body(await ana.get(`/api/entries/${entryId}`));
    expect(entry).toMatchObject({
      title: `A ${PHRASE.title}`,
      body: `Tonight ${PHRASE.body} and more.`,
      tags: [PHRASE.tag, "plain"],
    });
    const filtered = await body(await ana.get(`/api/entries?tag=${PHRASE.tag}`));
    expect(filtered.entries.map((e: { id: string }) => e.id)).toEqual([entryId]);
    expect((await body(await ana.get("/api/entries?tag=nope"))).entries).toEqual([]);
    const tags = await body(await ana.get("/api/tags"));
    expect(tags.tags).toEqual(
      expect.arrayContaining([
        { tag: PHRASE.tag, count: 1 },
        { tag: "plain", count: 1 },
      ]),
    );
    const search = await body(await ana.get(`/api/search?q=${PHRASE.body}`));
    expect(search.hits.map((h: { entry: { id: string } }) => h.entry.id)).toContain(entryId);
    const sessions = await body(await ana.get("/api/sessions"));
    expect(sessions.sessions[0].checkOut.note).toBe(PHRASE.note);
    const diary = await body(await ana.get("/api/sleep-diaries/2025-01-20"));
    expect(JSON.stringify(diary)).toContain(PHRASE.comments);
    const presets = await body(await ana.get("/api/presets"));
    expect(JSON.stringify(presets)).toContain(PHRASE.preset);
    expect(JSON.stringify(await body(await ana.get("/api/media")))).toContain(PHRASE.media);
    const prompts = await body(await ana.get("/api/prompts?category=sleep"));
    expect(JSON.stringify(prompts)).toContain(PHRASE.prompt);
  });

  it("fails loudly on a flipped byte or a ciphertext moved to another record or user", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const second = await body(await ana.post("/api/entries", { body: "the second entry" }));
    const [row] = await raw.query<{ body: string }>("select body from entries where id = ?", [entryId]);
    const original = row?.body ?? "";
    expect(original).toMatch(/^m1\./);
    try {
      // One flipped bit in the ciphertext.
      const bytes = Buffer.from(original.split(".")[2] ?? "", "base64url");
      bytes[3] = (bytes[3] ?? 0) ^ 0x01;
      const flipped = `${original.split(".").slice(0, 2).join(".")}.${bytes.toString("base64url")}`;
      await raw.exec("update entries set body = ? where id = ?", [flipped, entryId]);
      const res = await ana.get(`/api/entries/${entryId}`);
      expect(res.status).toBe(422);
      expect((await body(res)).error).toMatchObject({ code: "entry_unreadable" });
      expect(JSON.stringify(await body(res))).not.toContain("Tonight");
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining(`decrypt_failed: entries.body of ${entryId}`),
      );

      // The other entry's (valid) ciphertext copied over this one's.
      const [other] = await raw.query<{ body: string }>("select body from entries where id = ?", [second.id]);
      await raw.exec("update entries set body = ? where id = ?", [other?.body, entryId]);
      expect((await ana.get(`/api/entries/${entryId}`)).status).toBe(422);

      // Another user's ciphertext: ben's entry body moved into ana's row.
      expect((await ana.post("/api/admin/users", { username: "ben-enc", password: PASSWORD })).status).toBe(
        201,
      );
      const ben = await signIn(app, "ben-enc");
      const bens = await body(await ben.post("/api/entries", { body: "ben writes" }));
      const [benRow] = await raw.query<{ body: string }>("select body from entries where id = ?", [bens.id]);
      await raw.exec("update entries set body = ? where id = ?", [benRow?.body, entryId]);
      expect((await ana.get(`/api/entries/${entryId}`)).status).toBe(422);
      // Listing shows the other entries and names this one, never garbles it.
      const list = await ana.get("/api/entries");
      expect(list.status).toBe(200);
      expect((await body(list)).entries.map((e: { id: string }) => e.id)).not.toContain(entryId);
      expect((await body(list)).unreadable).toEqual([{ id: entryId, date: expect.any(String) }]);
    } finally {
      await raw.exec("update entries set body = ? where id = ?", [original, entryId]);
      errors.mockRestore();
    }
    expect((await body(await ana.get(`/api/entries/${entryId}`))).body).toContain(PHRASE.body);
  });

  it("changes the password by re-wrapping the key only: entry ciphertext is byte-identical", async () => {
    const before = await raw.query<{ id: string; title: string; body: string }>(
      "select id, title, body from entries order by id",
    );
    const keysBefore = await raw.query<{ password_wrapped: string; recovery_wrapped: string }>(
      "select password_wrapped, recovery_wrapped from user_keys order by user_id",
    );
    const newPassword = "a brand new passphrase";
    const other = await signIn(app, "ana"); // a second device
    const wrong = await ana.post("/api/me/password", { currentPassword: "not it at all", newPassword });
    expect(wrong.status).toBe(400);
    expect((await body(wrong)).error).toMatchObject({
      code: "invalid_credentials",
      field: "currentPassword",
    });
    const res = await ana.post("/api/me/password", { currentPassword: PASSWORD, newPassword });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await raw.query("select id, title, body from entries order by id")).toEqual(before);
    const keysAfter = await raw.query<{ password_wrapped: string; recovery_wrapped: string }>(
      "select password_wrapped, recovery_wrapped from user_keys order by user_id",
    );
    expect(keysAfter.map((k) => k.password_wrapped)).not.toEqual(keysBefore.map((k) => k.password_wrapped));
    expect(keysAfter.map((k) => k.recovery_wrapped)).toEqual(keysBefore.map((k) => k.recovery_wrapped));

    // This client carries on (fresh session); the other device is signed out.
    expect((await body(await ana.get(`/api/entries/${entryId}`))).body).toContain(PHRASE.body);
    expect((await other.get("/api/me")).status).toBe(401);
    expect(
      (await clientOf(app).post("/api/auth/login", { username: "ana", password: PASSWORD })).status,
    ).toBe(401);
    const again = await signIn(app, "ana", newPassword);
    expect((await body(await again.get(`/api/entries/${entryId}`))).title).toBe(`A ${PHRASE.title}`);
    // Back to the shared password for the rest of the file.
    expect(
      (await ana.post("/api/me/password", { currentPassword: newPassword, newPassword: PASSWORD })).status,
    ).toBe(200);
  });

  it("resets a forgotten password with the recovery key, losing no entry", async () => {
    const count = (await body(await ana.get("/api/entries"))).entries.length;
    const bad = await clientOf(app).post("/api/auth/recover", {
      username: "ana",
      recoveryKey: "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
      newPassword: "forgotten and reset",
    });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe("recovery_key_invalid");
    const unknown = await clientOf(app).post("/api/auth/recover", {
      username: "nobody-here",
      recoveryKey,
      newPassword: "forgotten and reset",
    });
    expect((await body(unknown)).error.code).toBe("recovery_key_invalid");

    const fresh = clientOf(app);
    const res = await fresh.post("/api/auth/recover", {
      username: "ana",
      recoveryKey: recoveryKey.toLowerCase().replaceAll("-", " "),
      newPassword: "forgotten and reset",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await fresh.get("/api/entries")).status).toBe(200);
    expect((await body(await fresh.get("/api/entries"))).entries).toHaveLength(count);
    expect((await body(await fresh.get(`/api/entries/${entryId}`))).body).toContain(PHRASE.body);
    // Every older session ended; the new password works; the recovery key still does.
    expect((await ana.get("/api/me")).status).toBe(401);
    ana = await signIn(app, "ana", "forgotten and reset");
    const twice = await clientOf(app).post("/api/auth/recover", {
      username: "ana",
      recoveryKey,
      newPassword: PASSWORD,
    });
    expect(twice.status).toBe(200);
    ana = await signIn(app, "ana");
  });

  it("regenerates the recovery key (password required): the old one stops working", async () => {
    expect((await ana.post("/api/me/recovery-key", { password: "wrong one!" })).status).toBe(400);
    const res = await ana.post("/api/me/recovery-key", { password: PASSWORD });
    expect(res.status).toBe(200);
    const { recoveryKey: next } = await body(res);
    expect(next).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(next).not.toBe(recoveryKey);
    const old = await clientOf(app).post("/api/auth/recover", {
      username: "ana",
      recoveryKey,
      newPassword: PASSWORD,
    });
    expect((await body(old)).error.code).toBe("recovery_key_invalid");
    const ok = await clientOf(app).post("/api/auth/recover", {
      username: "ana",
      recoveryKey: next,
      newPassword: PASSWORD,
    });
    expect(ok.status).toBe(200);
    recoveryKey = next;
    ana = await signIn(app, "ana");
  });

  it("drops the key at logout: the old cookie, replayed, gets nothing", async () => {
    const c = await signIn(app, "ana");
    const cookie = c.cookie;
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    const replay = clientOf(app);
    replay.cookie = cookie;
    const res = await replay.get(`/api/entries/${entryId}`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await body(res))).not.toContain(PHRASE.body);
  });

  it("rotates the session at sign-in: a cookie from before sign-in is invalidated", async () => {
    const c = await signIn(app, "ana");
    const before = c.cookie;
    expect((await c.post("/api/auth/login", { username: "ana", password: PASSWORD })).status).toBe(200);
    expect(c.cookie).not.toBe(before);
    const replay = clientOf(app);
    replay.cookie = before;
    expect((await replay.get("/api/me")).status).toBe(401);
    expect((await c.get("/api/me")).status).toBe(200);
  });

  it("logs out everywhere: every session of the user ends and the key leaves memory", async () => {
    const phone = await signIn(app, "ana");
    const laptop = await signIn(app, "ana");
    expect((await laptop.post("/api/auth/logout-all")).status).toBe(204);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect((await laptop.get("/api/me")).status).toBe(401);
    expect((await ana.get("/api/entries")).status).toBe(401);
    expect(
      await raw.query(
        "select token_hash from auth_sessions a join users u on u.id = a.user_id where u.username = ?",
        ["ana"],
      ),
    ).toEqual([]);
    ana = await signIn(app, "ana");
  });

  it("after a restart the session is locked (401 session_locked) until the user signs in again", async () => {
    const restarted = appOver(raw);
    try {
      const stale = clientOf(restarted);
      stale.cookie = ana.cookie;
      const res = await stale.get(`/api/entries/${entryId}`);
      expect(res.status).toBe(401);
      expect((await body(res)).error).toEqual({
        code: "session_locked",
        message: "Sign in again to unlock your journal",
      });
      expect((await stale.post("/api/entries", { body: "written while locked" })).status).toBe(401);
      const back = await signIn(restarted, "ana");
      expect((await body(await back.get(`/api/entries/${entryId}`))).body).toContain(PHRASE.body);
    } finally {
      restarted.dispose();
    }
  });
});
