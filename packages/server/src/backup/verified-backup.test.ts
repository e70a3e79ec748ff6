import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store";
import type { Store, UserRecord } from "../store/store";
import { openTestStore, type TestStore, testBackends } from "../store/testing";
import {
  BackupVerificationError,
  backupFileName,
  backupRetainFromEnv,
  createVerifiedBackup,
  pruneBackups,
} from "./verified-backup";

const backends = await testBackends();

function user(n: number): UserRecord {
  return {
    id: `backup-user-${n}`,
    username: `backup${n}`,
    passwordHash: "$argon2id$not-a-real-hash",
    role: "member",
    timeZone: "UTC",
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
  };
}

describe.each(backends)("createVerifiedBackup on %s", (kind) => {
  let t: TestStore;
  let store: Store;
  let dir: string;

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
    dir = mkdtempSync(join(tmpdir(), "meridian-backups-"));
    for (let i = 0; i < 30; i++) await store.insertUser(user(i));
    await store.setSetting("backup-test", { note: "kept" });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a verified copy whose row counts equal the database's", async () => {
    const backup = await createVerifiedBackup(store, { dir, reason: "manual" });
    expect(backup.verified).toBe(true);
    expect(backup.kind).toBe(kind);
    expect(existsSync(backup.path)).toBe(true);
    expect(backup.bytes).toBeGreaterThan(0);
    expect(backup.counts.users).toBe(30);
    expect(backup.counts.settings).toBeGreaterThanOrEqual(1);
    expect(backup.path.endsWith(kind === "sqlite" ? "-manual.db" : "-manual.pgdump")).toBe(true);
    if (kind === "postgres") {
      expect(backup.checks).toContain("restored into a temporary database: row counts match");
    } else {
      expect(backup.checks).toContain("PRAGMA integrity_check: ok");
    }
    expect(readdirSync(dir).some((name) => name.endsWith(".partial"))).toBe(false);
  });

  it("takes a consistent snapshot while the server keeps writing", async () => {
    let stop = false;
    let written = 0;
    const writer = (async () => {
      // Bounded, and yielding to the event loop each time so the backup gets its turns.
      while (!stop && written < 2000) {
        await store.insertUser(user(1000 + written));
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      const backup = await createVerifiedBackup(store, { dir, reason: "busy" });
      expect(backup.verified).toBe(true);
      expect(backup.counts.users).toBeGreaterThanOrEqual(30);
    } finally {
      stop = true;
      await writer;
    }
    expect(written).toBeGreaterThan(0);
  });

  it("keeps only the newest backups of a reason when asked to retain N", async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await createVerifiedBackup(store, { dir, reason: "retained", retain: 2 })).path);
    }
    const left = readdirSync(dir).filter((name) => name.includes("-retained."));
    expect(left).toHaveLength(2);
    expect(existsSync(made[0] ?? "")).toBe(false);
    expect(existsSync(made[2] ?? "")).toBe(true);
    // Other reasons are untouched.
    expect(readdirSync(dir).some((name) => name.includes("-manual."))).toBe(true);
  });
});

describe("SQLite backups", () => {
  it("restore by copying into place: the server opens the copy with every row", async () => {
    const source = mkdtempSync(join(tmpdir(), "meridian-src-"));
    const restored = mkdtempSync(join(tmpdir(), "meridian-restored-"));
    try {
      const store = await openStore({ dataDir: source });
      await store.insertUser(user(1));
      const backup = await createVerifiedBackup(store, { dir: join(source, "backups"), reason: "manual" });
      await store.close();
      copyFileSync(backup.path, join(restored, "meridian.db"));
      const reopened = await openStore({ dataDir: restored });
      expect((await reopened.findUserById(user(1).id))?.username).toBe("backup1");
      await reopened.close();
    } finally {
      rmSync(source, { recursive: true, force: true });
      rmSync(restored, { recursive: true, force: true });
    }
  });

  it("refuses a damaged database and leaves no file behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-damaged-"));
    try {
      const file = join(dir, "meridian.db");
      const db = new Database(file);
      db.exec("create table notes (id integer primary key, body text)");
      db.exec("create index notes_body on notes (body)");
      const insert = db.prepare("insert into notes (body) values (?)");
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${"x".repeat(100)}`);
      })();
      db.close();
      // Overwrite the middle of the file (inside table and index pages) with garbage.
      const fd = openSync(file, "r+");
      writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 20);
      closeSync(fd);
      const backups = join(dir, "backups");
      await expect(
        createVerifiedBackup({ location: { kind: "sqlite", file } }, { dir: backups, reason: "manual" }),
      ).rejects.toThrow(BackupVerificationError);
      expect(readdirSync(backups)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("backup names and retention", () => {
  it("names backups by time and reason so they sort oldest first", () => {
    const name = backupFileName("sqlite", "pre-migration", new Date("2026-01-02T03:04:05.678Z"));
    expect(name).toBe("meridian-2026-01-02T03-04-05-678Z-pre-migration.db");
    expect(backupFileName("postgres", "manual", new Date("2026-01-02T03:04:05.678Z"))).toMatch(/\.pgdump$/);
  });

  it("prunes only generated files of the same reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-prune-"));
    try {
      const names = [
        "meridian-2026-01-01T00-00-00-000Z-pre-migration.db",
        "meridian-2026-01-02T00-00-00-000Z-pre-migration.db",
        "meridian-2026-01-03T00-00-00-000Z-pre-migration.db",
        "meridian-2026-01-01T00-00-00-000Z-manual.db",
        "my-own-copy.db",
      ];
      for (const name of names) closeSync(openSync(join(dir, name), "w"));
      const removed = pruneBackups(dir, "pre-migration", 2);
      expect(removed).toEqual([join(dir, names[0] ?? "")]);
      expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads MERIDIAN_BACKUP_RETAIN and rejects nonsense", () => {
    expect(backupRetainFromEnv({})).toBe(5);
    expect(backupRetainFromEnv({ MERIDIAN_BACKUP_RETAIN: "12" })).toBe(12);
    expect(() => backupRetainFromEnv({ MERIDIAN_BACKUP_RETAIN: "0" })).toThrow(/at least 1/);
    expect(() => backupRetainFromEnv({ MERIDIAN_BACKUP_RETAIN: "lots" })).toThrow(/whole number/);
  });
});
