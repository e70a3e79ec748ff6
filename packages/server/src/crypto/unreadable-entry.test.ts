import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MeridianApp } from "../app";
import { download, sendFile, unzip } from "../archive/seed.test-helpers";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** One entry whose body ciphertext no longer opens must not hide the others. */
describe.each(backends)("an unreadable entry on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  const ids: string[] = [];
  let badId = "";
  const logged: string[] = [];

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw);
    ana = clientOf(app);
    const setup = await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" });
    expect(setup.status).toBe(201);
    for (const [i, word] of ["heron", "walnut", "lantern"].entries()) {
      const res = await ana.post("/api/entries", {
        title: `Evening ${i}`,
        body: `A note about the ${word} and the rain.`,
        tags: ["rain"],
      });
      expect(res.status).toBe(201);
      ids.push((await body(res)).id);
    }
    badId = ids[1] ?? "";
    // Flip one bit of the middle entry's body ciphertext, in the database itself.
    const [row] = await raw.query<{ body: string }>("select body from entries where id = ?", [badId]);
    const [version, iv, sealed] = (row?.body ?? "").split(".");
    const bytes = Buffer.from(sealed ?? "", "base64url");
    bytes[2] = (bytes[2] ?? 0) ^ 0x10;
    await raw.exec("update entries set body = ? where id = ?", [
      `${version}.${iv}.${bytes.toString("base64url")}`,
      badId,
    ]);
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    app?.dispose();
    await raw?.dispose();
  });

  it("is named in the entry list, which shows every other entry", async () => {
    const res = await ana.get("/api/entries");
    expect(res.status, await res.clone().text()).toBe(200);
    const list = await body(res);
    expect(list.entries.map((e: { id: string }) => e.id).sort()).toEqual([ids[0], ids[2]].sort());
    const today = new Date().toISOString().slice(0, 10);
    expect(list.unreadable).toEqual([{ id: badId, date: today }]);
    // Paging counts it too: two pages of one and a last page holding it.
    const p1 = await body(await ana.get("/api/entries?limit=1"));
    expect(p1.entries).toHaveLength(1);
    const p2 = await body(await ana.get(`/api/entries?limit=1&cursor=${p1.nextCursor}`));
    expect(p2.entries).toHaveLength(0);
    expect(p2.unreadable).toEqual([{ id: badId, date: today }]);
    const p3 = await body(await ana.get(`/api/entries?limit=1&cursor=${p2.nextCursor}`));
    expect(p3.entries).toHaveLength(1);
    expect(p3.nextCursor).toBeNull();
    // By tag as well.
    expect((await body(await ana.get("/api/entries?tag=rain"))).entries).toHaveLength(2);
  });

  it("is logged with its id and field, never its text", () => {
    const lines = logged.filter((l) => l.includes("decrypt_failed"));
    expect(lines.some((l) => l.includes(`entries.body of ${badId}`))).toBe(true);
    expect(logged.join("\n")).not.toMatch(/walnut|heron|lantern/);
  });

  it("answers 422 entry_unreadable when opened on its own", async () => {
    const res = await ana.get(`/api/entries/${badId}`);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("entry_unreadable");
    expect((await ana.get(`/api/entries/${ids[0]}`)).status).toBe(200);
  });

  it("is skipped by search, which still finds the others", async () => {
    const res = await ana.get("/api/search?q=rain");
    expect(res.status, await res.clone().text()).toBe(200);
    const hits = (await body(res)).hits.map((h: { entry: { id: string } }) => h.entry.id);
    expect(hits.sort()).toEqual([ids[0], ids[2]].sort());
    expect((await body(await ana.get("/api/search?q=heron"))).hits).toHaveLength(1);
  });

  it("is an error record in the export, and that archive imports without it", async () => {
    const zip = await download(ana, "/api/export?format=archive");
    const archive = JSON.parse(new TextDecoder().decode(unzip(zip)["archive.json"]));
    expect(archive.entries.map((e: { id: string }) => e.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(archive.unreadable).toEqual([
      {
        table: "entries",
        id: badId,
        date: new Date().toISOString().slice(0, 10),
        reason: "entries.body could not be decrypted",
      },
    ]);
    const markdown = unzip(await download(ana, "/api/export?format=markdown"));
    expect(Object.keys(markdown).filter((n) => n.startsWith("journal/"))).toHaveLength(2);

    const made = await ana.post("/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" });
    expect(made.status).toBe(201);
    const ben = clientOf(app);
    expect((await ben.post("/api/auth/login", { username: "ben", password: PASSWORD })).status).toBe(200);
    const h = { app } as Parameters<typeof sendFile>[0];
    const preview = await sendFile(h, ben, "/api/import/preview", zip);
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect((await body(preview)).counts.entries).toMatchObject({ new: 2 });
    const imported = await sendFile(h, ben, "/api/import", zip);
    expect(imported.status, await imported.clone().text()).toBe(200);
    const list = await body(await ben.get("/api/entries"));
    expect(list.entries).toHaveLength(2);
    expect(list.unreadable ?? []).toEqual([]);
  });
});
