import { readImportText } from "@meridian/core";
import { afterEach, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { download, unzip } from "../archive/seed.test-helpers";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Two Daylio rows: a mood and a few activities, the kind of content a dictionary guesses. */
const DAYLIO = [
  "full_date,date,weekday,time,mood,activities,note",
  "2024-05-03,May 3,Friday,21:15,good,friends | reading,",
  "2024-05-04,May 4,Saturday,07:02,meh,work,",
].join("\n");

/** The import keys the readers derive from the file's content (the old stored form). */
const sourceKeys = () => {
  const read = readImportText(DAYLIO, { timeZone: "UTC" });
  if (read.format === "meridian") throw new Error("not a Daylio file");
  return read.entries.map((e) => ({ key: e.key, createdAt: e.createdAt }));
};

async function setUp(app: MeridianApp, username: string): Promise<Client> {
  const client = clientOf(app);
  const res = await client.post("/api/setup", { username, password: PASSWORD, timeZone: "UTC" });
  expect(res.status, await res.clone().text()).toBe(201);
  return client;
}

async function signIn(app: MeridianApp, username: string): Promise<Client> {
  const client = clientOf(app);
  const res = await client.post("/api/auth/login", { username, password: PASSWORD });
  expect(res.status, await res.clone().text()).toBe(200);
  return client;
}

async function importFile(client: Client, path = "/api/import"): Promise<Record<string, unknown>> {
  const res = await client.post(path, undefined, {
    raw: DAYLIO,
    headers: { "content-type": "application/octet-stream" },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return body(res);
}

describe.each(backends)("import keys at rest on %s", (kind) => {
  let raw: RawBackend | undefined;
  const apps: MeridianApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) app.dispose();
    await raw?.dispose();
    raw = undefined;
  });

  const clientIds = async (username: string) => {
    if (!raw) throw new Error("no backend");
    return (
      await raw.query<{ id: string; client_id: string; created_at: string }>(
        "select e.id, e.client_id, e.created_at from entries e join users u on u.id = e.user_id where u.username = ? order by e.created_at",
        [username],
      )
    ).map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
  };

  it("are keyed per account: no content hash in the database, different in every account", async () => {
    raw = await openRawBackend(kind);
    const app = appOver(raw);
    apps.push(app);
    const ana = await setUp(app, "ana");
    const made = await ana.post("/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" });
    expect(made.status).toBe(201);
    const ben = await signIn(app, "ben");
    expect(await importFile(ana)).toMatchObject({ imported: 2 });
    expect(await importFile(ben)).toMatchObject({ imported: 2 });

    const anaIds = (await clientIds("ana")).map((r) => r.client_id);
    const benIds = (await clientIds("ben")).map((r) => r.client_id);
    expect(anaIds).toHaveLength(2);
    const dump = await raw.dump();
    for (const { key } of sourceKeys()) {
      // Neither the reader's key nor the bare SHA-256 of the row (or its hex prefix) is stored.
      expect(anaIds).not.toContain(key);
      expect(dump).not.toContain(key.slice("daylio:".length, "daylio:".length + 40));
    }
    for (const id of [...anaIds, ...benIds]) expect(id).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(anaIds.some((id) => benIds.includes(id))).toBe(false);

    // Dedup still works: the same file again adds nothing.
    expect(await importFile(ana, "/api/import/preview")).toMatchObject({ newCount: 0, duplicateCount: 2 });
    expect(await importFile(ana)).toMatchObject({ imported: 0 });
    expect(await clientIds("ana")).toHaveLength(2);
  });

  it("stored in the old form are re-keyed at sign-in, and a re-import then adds nothing", async () => {
    raw = await openRawBackend(kind);
    const first = appOver(raw);
    apps.push(first);
    const ana = await setUp(first, "ana");
    expect(await importFile(ana)).toMatchObject({ imported: 2 });
    const keyed = await clientIds("ana");

    // Put the rows back as an earlier version stored them: the bare content key.
    const keys = sourceKeys();
    for (const row of keyed) {
      const legacy = keys.find((k) => k.createdAt === row.created_at)?.key;
      expect(legacy).toBeDefined();
      await raw.exec("update entries set client_id = ? where id = ?", [legacy, row.id]);
    }
    expect((await clientIds("ana")).map((r) => r.client_id).sort()).toEqual(keys.map((k) => k.key).sort());

    // A restart, then a sign-in: the key is in memory again and the rows are re-keyed.
    const second = appOver(raw);
    apps.push(second);
    const again = await signIn(second, "ana");
    for (const row of keyed) expect(row.client_id).toMatch(/^h1:/);
    expect(await clientIds("ana")).toEqual(keyed);

    expect(await importFile(again, "/api/import/preview")).toMatchObject({ newCount: 0, duplicateCount: 2 });
    expect(await importFile(again)).toMatchObject({ imported: 0 });
    expect(await clientIds("ana")).toHaveLength(2);
  });

  it("carried bare by an older archive are keyed on import, and the source file then adds nothing", async () => {
    raw = await openRawBackend(kind);
    const app = appOver(raw);
    apps.push(app);
    const ana = await setUp(app, "ana");
    expect(await importFile(ana)).toMatchObject({ imported: 2 });
    const zip = unzip(await download(ana, "/api/export?format=archive"));
    const archive = JSON.parse(new TextDecoder().decode(zip["archive.json"]));
    // As an earlier version exported it: the source keys in the clear.
    const keys = sourceKeys();
    for (const e of archive.entries) e.clientId = keys.find((k) => k.createdAt === e.createdAt)?.key;
    expect(archive.entries.every((e: { clientId?: string }) => e.clientId?.startsWith("daylio:"))).toBe(true);

    const made = await ana.post("/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" });
    expect(made.status).toBe(201);
    const ben = await signIn(app, "ben");
    const res = await ben.post("/api/import", undefined, {
      raw: JSON.stringify(archive),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const benIds = (await clientIds("ben")).map((r) => r.client_id);
    expect(benIds).toHaveLength(2);
    for (const id of benIds) expect(id).toMatch(/^h1:/);
    expect(await importFile(ben)).toMatchObject({ imported: 0 });
  });
});
