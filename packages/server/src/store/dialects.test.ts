import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ARRAY_ROWS_MARK, CachedStatements } from "./dialects";

describe("CachedStatements", () => {
  let db: Database.Database | undefined;
  afterEach(() => {
    if (db?.open) db.close();
  });

  function open(capacity?: number): CachedStatements {
    db = new Database(":memory:");
    db.exec("create table t (id integer primary key, v text)");
    return new CachedStatements(db, capacity);
  }

  it("prepares each SQL text once and reuses it", () => {
    const cached = open();
    const insert = cached.prepare("insert into t (v) values (?)");
    expect(insert.reader).toBe(false);
    expect(cached.prepare("insert into t (v) values (?)")).toBe(insert);
    insert.run(["a"]);
    cached.prepare("insert into t (v) values (?)").run(["b"]);
    const select = cached.prepare("select v from t order by id");
    expect(select.reader).toBe(true);
    expect(select.all([])).toEqual([{ v: "a" }, { v: "b" }]);
    expect(cached.size).toBe(2);
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const cached = open(2);
    const one = cached.prepare("select 1 as n");
    const two = cached.prepare("select 2 as n");
    expect(cached.prepare("select 1 as n")).toBe(one); // now the most recent
    cached.prepare("select 3 as n"); // evicts "select 2"
    expect(cached.size).toBe(2);
    expect(cached.prepare("select 1 as n")).toBe(one);
    expect(cached.prepare("select 2 as n")).not.toBe(two);
    expect(cached.prepare("select 2 as n").all([])).toEqual([{ n: 2 }]);
  });

  it("streams with a statement of its own, so other queries can run meanwhile", () => {
    const cached = open();
    for (const v of ["a", "b", "c"]) cached.prepare("insert into t (v) values (?)").run([v]);
    const sql = "select v from t order by id";
    const seen: unknown[] = [];
    for (const row of cached.prepare(sql).iterate([])) {
      seen.push(row);
      expect(cached.prepare(sql).all([])).toHaveLength(3);
    }
    expect(seen).toEqual([{ v: "a" }, { v: "b" }, { v: "c" }]);
  });

  it("answers arrays of column values for a select marked ARRAY_ROWS_MARK", () => {
    const cached = open();
    cached.prepare("insert into t (v) values (?)").run(["a"]);
    expect(cached.prepare(`select ${ARRAY_ROWS_MARK} id, v from t`).all([])).toEqual([[1, "a"]]);
    expect(cached.prepare("select id, v from t").all([])).toEqual([{ id: 1, v: "a" }]);
  });

  it("closes the database", () => {
    const cached = open();
    cached.prepare("select 1");
    cached.close();
    expect(db?.open).toBe(false);
    expect(cached.size).toBe(0);
  });
});
