import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./sqlite-checkpointer";

describe("startCheckpointer", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("folds the WAL into the database file from its own thread", async () => {
    dir = mkdtempSync(join(tmpdir(), "meridian-ckpt-"));
    const file = join(dir, "x.db");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("wal_autocheckpoint = 0"); // only the background thread may checkpoint
    db.exec("create table t (id integer primary key, body text)");
    const insert = db.prepare("insert into t (body) values (?)");
    for (let i = 0; i < 500; i++) insert.run("x".repeat(4000));
    const before = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000);

    const errors: string[] = [];
    const checkpointer = await startCheckpointer(file, 20, (m) => errors.push(m));
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < before + 1_000_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    // Writes carry on meanwhile, and nothing is lost.
    for (let i = 0; i < 100; i++) insert.run("y");
    await checkpointer.stop();
    await checkpointer.stop(); // idempotent
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 600 });
    expect(errors).toEqual([]);
    db.close();
  });
});
