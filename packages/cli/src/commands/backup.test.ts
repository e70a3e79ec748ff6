import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, openTestStore, testBackends } from "@meridian/server";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

const backends = await testBackends();

const member = {
  id: "cli-backup-user",
  username: "robin",
  passwordHash: "$argon2id$not-a-real-hash",
  role: "member" as const,
  timeZone: "UTC",
  createdAt: "2025-01-01T00:00:00.000Z",
};

describe("meridian backup (SQLite)", () => {
  it("writes a checked copy into the data directory's backups folder", async () => {
    const io = captureIO();
    const dataDir = io.env?.MERIDIAN_DATA_DIR as string;
    const store = await openStore({ dataDir });
    await store.insertUser(member);
    await store.close();

    expect(await run(["backup"], io)).toBe(0);
    expect(io.out()).toMatch(/Backed up the SQLite database to .*backups\/meridian-.*-manual\.db/);
    expect(io.out()).toContain("checked: PRAGMA integrity_check: ok");
    const files = readdirSync(join(dataDir, "backups"));
    expect(files).toHaveLength(1);
    const copy = new Database(join(dataDir, "backups", files[0] ?? ""), { readonly: true });
    expect(copy.prepare("select username from users").all()).toEqual([{ username: "robin" }]);
    copy.close();
  });

  it("writes to --out, and never over an existing file", async () => {
    const io = captureIO();
    const dataDir = io.env?.MERIDIAN_DATA_DIR as string;
    const store = await openStore({ dataDir });
    await store.close();
    const out = join(mkdtempSync(join(tmpdir(), "meridian-out-")), "copy.db");
    try {
      expect(await run(["backup", "--out", out], io)).toBe(0);
      expect(existsSync(out)).toBe(true);
      const again = captureIO({ env: io.env ?? {} });
      expect(await run(["backup", "--out", out], again)).toBe(1);
      expect(again.err()).toContain("already exists");
    } finally {
      rmSync(join(out, ".."), { recursive: true, force: true });
    }
  });

  it("says so when there is no database, and rejects a bad URL or argument", async () => {
    const io = captureIO();
    expect(await run(["backup"], io)).toBe(1);
    expect(io.err()).toMatch(/no database at .*meridian\.db/);
    const bad = captureIO();
    expect(await run(["backup", "--database-url", "mysql://x"], bad)).toBe(2);
    expect(bad.err()).toContain("postgres://");
    const extra = captureIO();
    expect(await run(["backup", "now"], extra)).toBe(2);
  });

  it("refuses a file that is not a database and leaves nothing behind", async () => {
    const io = captureIO();
    const dataDir = io.env?.MERIDIAN_DATA_DIR as string;
    writeFileSync(join(dataDir, "meridian.db"), "this is not a database ".repeat(400));
    expect(await run(["backup"], io)).toBe(1);
    expect(io.err()).toContain("Nothing was written");
    expect(existsSync(join(dataDir, "backups")) ? readdirSync(join(dataDir, "backups")) : []).toEqual([]);
  });
});

describe.runIf(backends.includes("postgres"))("meridian backup (PostgreSQL)", () => {
  it("dumps with pg_dump and checks the dump by restoring it", async () => {
    const t = await openTestStore("postgres");
    try {
      await t.store.insertUser(member);
      const location = t.store.location;
      if (location.kind !== "postgres") throw new Error("expected PostgreSQL");
      const url = `${location.url}?options=${encodeURIComponent(`-c search_path=${location.schema}`)}`;
      const io = captureIO();
      const out = join(io.env?.MERIDIAN_DATA_DIR as string, "journal.pgdump");
      expect(await run(["backup", "--database-url", url, "--out", out], io)).toBe(0);
      expect(io.out()).toContain("Backed up the PostgreSQL database");
      expect(io.out()).toContain("restored into a temporary database: row counts match");
      expect(existsSync(out)).toBe(true);
    } finally {
      await t.dispose();
    }
  });
});
