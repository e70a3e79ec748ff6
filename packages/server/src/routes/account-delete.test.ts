import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { seedAccount } from "../archive/seed.test-helpers";
import { KeyRing } from "../crypto/key-ring";
import { encryptStore } from "../store/encrypted-store";
import { testBackends } from "../store/testing";
import { body, type Client, type Harness, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Every (table, column) holding `value` somewhere in its text, read straight from the database. */
async function rowsMentioning(raw: RawBackend, value: string): Promise<string[]> {
  const columns =
    raw.kind === "sqlite"
      ? await raw.query<{ t: string; c: string }>(
          "select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'",
        )
      : await raw.query<{ t: string; c: string }>(
          "select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()",
        );
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { t, c } of columns) {
    const cast = raw.kind === "sqlite" ? `cast("${c}" as text)` : `"${c}"::text`;
    const rows = await raw.query<{ n: number | string }>(
      `select count(*) as n from "${t}" where ${cast} like ?`,
      [`%${value}%`],
    );
    if (Number(rows[0]?.n) > 0) found.push(`${t}.${c}`);
  }
  return found;
}

describe.each(backends)("deleting an account on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  let ben: Client;
  let benId: string;
  let keyRing: KeyRing;

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    keyRing = new KeyRing();
    app = appOver(raw, { keyRing });
    ana = clientOf(app);
    expect(
      (await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" })).status,
    ).toBe(201);
    await ana.post("/api/entries", { title: "Ana's own", body: "stays" });
    expect(
      (await ana.post("/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" })).status,
    ).toBe(201);
    ben = clientOf(app);
    expect((await ben.post("/api/auth/login", { username: "ben", password: PASSWORD })).status).toBe(200);
    benId = (await body(await ben.get("/api/me"))).id;
    const h = { app, secureStore: encryptStore(raw.store, keyRing) } as unknown as Harness;
    await seedAccount(h, ben, benId);
  });
  afterAll(async () => {
    app.dispose();
    await raw.dispose();
  });

  it("needs the password and the username typed out; an owner with members is refused", async () => {
    const wrongPassword = await ben.post("/api/me/delete", { password: "not the password", confirm: "ben" });
    expect(wrongPassword.status).toBe(403);
    expect((await body(wrongPassword)).error).toMatchObject({
      code: "invalid_credentials",
      field: "password",
    });
    const wrongName = await ben.post("/api/me/delete", { password: PASSWORD, confirm: "ana" });
    expect(wrongName.status).toBe(400);
    expect((await body(wrongName)).error).toMatchObject({ code: "validation_failed", field: "confirm" });
    const owner = await ana.post("/api/me/delete", { password: PASSWORD, confirm: "ana" });
    expect(owner.status).toBe(409);
    expect((await body(owner)).error.code).toBe("owner_has_members");
    expect((await ben.get("/api/me")).status).toBe(200);
  });

  it("removes every row that mentions the user and their media folder", async () => {
    const mediaDir = join(raw.dataDir, "media", benId);
    expect(keyRing.keyFor(benId)).toBeDefined();
    expect(existsSync(mediaDir)).toBe(true);
    expect((await rowsMentioning(raw, benId)).length).toBeGreaterThan(5);

    const res = await ben.post("/api/me/delete", { password: PASSWORD, confirm: " Ben " });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ deleted: true });
    expect(res.headers.get("set-cookie")).toMatch(/^meridian_session=;/);

    expect(await rowsMentioning(raw, benId)).toEqual([]);
    expect(keyRing.keyFor(benId)).toBeUndefined();
    expect(existsSync(mediaDir)).toBe(false);
    expect((await ben.get("/api/me")).status).toBe(401);
    expect((await ben.post("/api/auth/login", { username: "ben", password: PASSWORD })).status).toBe(401);
    // The other account is untouched.
    const { entries } = await body(await ana.get("/api/entries"));
    expect(entries.map((e: { title: string }) => e.title)).toEqual(["Ana's own"]);
  });

  it("lets the last account (the owner) go, leaving the studio ready for setup", async () => {
    const anaId = (await body(await ana.get("/api/me"))).id;
    expect((await ana.post("/api/me/delete", { password: PASSWORD, confirm: "ana" })).status).toBe(200);
    expect(await rowsMentioning(raw, anaId)).toEqual([]);
    expect((await body(await clientOf(app).get("/api/setup"))).needsOwner).toBe(true);
  });
});
