import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { QueryTemplates } from "./query-templates";
import type { Database as Schema } from "./schema";

describe("QueryTemplates", () => {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  afterAll(() => db.destroy());

  it("compiles a shape once and runs it with each call's values", async () => {
    await db.schema.createTable("settings").addColumn("key", "text").addColumn("value", "text").execute();
    await db
      .insertInto("settings")
      .values([
        { key: "a", value: "1" },
        { key: "b", value: "2" },
        { key: "c", value: "3" },
      ])
      .execute();
    const templates = new QueryTemplates();
    let builds = 0;
    const find = (keys: string[]) =>
      templates.run(db, `find:${keys.length}`, keys, (param) => {
        builds++;
        return db
          .selectFrom("settings")
          .select(["key", "value"])
          .where(
            "key",
            "in",
            keys.map((_, i) => param<string>(i)),
          )
          .where("value", "!=", "never")
          .orderBy("key");
      });
    expect(await find(["a"])).toEqual([{ key: "a", value: "1" }]);
    expect(await find(["c"])).toEqual([{ key: "c", value: "3" }]);
    expect(await find(["b", "c"])).toEqual([
      { key: "b", value: "2" },
      { key: "c", value: "3" },
    ]);
    expect(await find(["x"])).toEqual([]);
    expect(builds).toBe(2);
    expect(templates.size).toBe(2);
  });

  it("refuses a template that does not bind every value as a parameter", async () => {
    const templates = new QueryTemplates();
    await expect(
      templates.run(db, "unbound", ["a", "b"], (param) =>
        db.selectFrom("settings").selectAll().where("key", "=", param<string>(0)),
      ),
    ).rejects.toThrow(/does not bind value 1/);
    await expect(
      templates.run(db, "spliced", ["a"], (param) =>
        db
          .selectFrom("settings")
          .selectAll()
          .where(sql.ref("key"), "=", sql.lit(param<string>(0))),
      ),
      // Kysely itself refuses to splice a stand-in into the SQL text.
    ).rejects.toThrow(/invalid immediate value|does not bind value 0/);
    expect(templates.size).toBe(0);
  });
});
