import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  body,
  type Client,
  createHarness,
  type Harness,
  login,
  memberClient,
  ownerClient,
} from "../test/harness";

let h: Harness;
let owner: Client;
let now = new Date("2024-03-14T23:30:00.000Z");

beforeAll(async () => {
  h = await createHarness("sqlite", { now: () => now });
  owner = await ownerClient(h);
});
afterAll(() => h.dispose());

describe("entries", () => {
  it("creates an entry with local date, word count and prompt snapshot", async () => {
    const tokyo = await memberClient(h, owner, "kenji", "Asia/Tokyo");
    const res = await tokyo.post("/api/entries", {
      title: "  Night rain ",
      body: "# Heading\n\nThe **rain** kept on - softly.",
      tags: ["Rain", "night walk", "rain"],
      promptId: "mindfulness-01",
    });
    expect(res.status).toBe(201);
    const entry = await body(res);
    expect(entry).toMatchObject({
      title: "Night rain",
      tags: ["night-walk", "rain"],
      promptId: "mindfulness-01",
      promptText: "What can you hear right now, nearest first, then further away?",
      revision: 1,
      createdAt: "2024-03-14T23:30:00.000Z",
      updatedAt: "2024-03-14T23:30:00.000Z",
      localDate: "2024-03-15",
      timeZone: "Asia/Tokyo",
      wordCount: 6,
    });
    expect(await body(await tokyo.get(`/api/entries/${entry.id}`))).toEqual(entry);
  });

  it("validates input and names the first bad field", async () => {
    const cases: [unknown, string][] = [
      [{}, "body"],
      [{ body: 5 }, "body"],
      [{ body: "x", tags: ["ok", "bad/tag"] }, "tags.1"],
      [{ body: "x", title: "t".repeat(201) }, "title"],
      [{ body: "x", clientId: "short" }, "clientId"],
      [{ body: "x", tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, "tags"],
      [{ body: "x", promptId: "no-such-prompt" }, "promptId"],
    ];
    for (const [payload, field] of cases) {
      const res = await owner.post("/api/entries", payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      const err = (await body(res)).error;
      expect(err.code).toBe("validation_failed");
      expect(err.field).toBe(field);
      expect(typeof err.message).toBe("string");
    }
    const arr = await owner.post("/api/entries", [1, 2]);
    expect(arr.status).toBe(400);
    expect((await body(arr)).error.code).toBe("validation_failed");
  });

  it("is idempotent on clientId", async () => {
    const payload = { body: "once", clientId: "client-abc-123" };
    const first = await owner.post("/api/entries", payload);
    expect(first.status).toBe(201);
    const second = await owner.post("/api/entries", { ...payload, body: "retried" });
    expect(second.status).toBe(200);
    const [a, b] = [await body(first), await body(second)];
    expect(b).toEqual(a);
    const list = await body(await owner.get("/api/entries?limit=100"));
    expect(list.entries.filter((e: { body: string }) => e.body === "once")).toHaveLength(1);
  });

  it("updates with baseRevision and answers 409 with the current entry on conflict", async () => {
    const created = await body(await owner.post("/api/entries", { title: "v1", body: "first", tags: ["a"] }));
    now = new Date("2024-03-15T08:00:00.000Z");
    const ok = await owner.put(`/api/entries/${created.id}`, { body: "second", baseRevision: 1 });
    expect(ok.status).toBe(200);
    const updated = await body(ok);
    expect(updated).toMatchObject({
      title: "v1",
      body: "second",
      tags: ["a"],
      revision: 2,
      updatedAt: "2024-03-15T08:00:00.000Z",
      createdAt: created.createdAt,
      localDate: created.localDate,
    });

    const stale = await owner.put(`/api/entries/${created.id}`, {
      body: "overwrite!",
      tags: [],
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    const conflict = await body(stale);
    expect(conflict.error.code).toBe("revision_conflict");
    expect(conflict.current).toEqual(updated);
    expect(await body(await owner.get(`/api/entries/${created.id}`))).toEqual(updated);

    const cleared = await owner.put(`/api/entries/${created.id}`, {
      body: "third",
      title: null,
      tags: [],
      promptId: "mindfulness-01",
      baseRevision: 2,
    });
    expect(await body(cleared)).toMatchObject({
      title: null,
      tags: [],
      revision: 3,
      promptId: "mindfulness-01",
    });

    const missing = await owner.put("/api/entries/does-not-exist", { body: "x", baseRevision: 1 });
    expect(missing.status).toBe(404);
    const invalid = await owner.put(`/api/entries/${created.id}`, { body: "x", baseRevision: 0 });
    expect((await body(invalid)).error).toMatchObject({ code: "validation_failed", field: "baseRevision" });
  });

  it("deletes an entry", async () => {
    const created = await body(await owner.post("/api/entries", { body: "short-lived" }));
    expect((await owner.delete(`/api/entries/${created.id}`)).status).toBe(204);
    expect((await owner.get(`/api/entries/${created.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/entries/${created.id}`)).status).toBe(404);
  });

  it("stores hostile text verbatim (sanitising is the renderer's job)", async () => {
    const payload = {
      title: `<img src=x onerror="alert(1)">`,
      body: `<script>alert("x")</script>\n[click](javascript:alert(1)) ' OR 1=1; -- ☃ \u202e`,
      tags: ["ünïcödé", "日本"],
    };
    const created = await body(await owner.post("/api/entries", payload));
    const fetched = await body(await owner.get(`/api/entries/${created.id}`));
    expect(fetched.title).toBe(payload.title);
    expect(fetched.body).toBe(payload.body);
    expect(fetched.tags).toEqual(["ünïcödé", "日本"].sort());
  });
});

describe("listing and calendar queries", () => {
  let c: Client;
  const ids: string[] = [];
  beforeAll(async () => {
    c = await memberClient(h, owner, "lena");
    const days = ["2022-06-01", "2023-06-01", "2024-05-31", "2024-06-01", "2024-06-01"];
    for (const [i, day] of days.entries()) {
      now = new Date(`${day}T12:00:0${i}.000Z`);
      c = await login(h, "lena"); // the clock jumps further than a session lives
      const res = await c.post("/api/entries", { body: `entry ${i}`, tags: i % 2 ? ["odd"] : ["even"] });
      ids.push((await body(res)).id);
    }
  });

  it("pages newest first with a cursor", async () => {
    const p1 = await body(await c.get("/api/entries?limit=2"));
    expect(p1.entries.map((e: { body: string }) => e.body)).toEqual(["entry 4", "entry 3"]);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = await body(await c.get(`/api/entries?limit=2&cursor=${p1.nextCursor}`));
    expect(p2.entries.map((e: { body: string }) => e.body)).toEqual(["entry 2", "entry 1"]);
    const p3 = await body(await c.get(`/api/entries?limit=2&cursor=${p2.nextCursor}`));
    expect(p3.entries.map((e: { body: string }) => e.body)).toEqual(["entry 0"]);
    expect(p3.nextCursor).toBeNull();
    const bad = await c.get("/api/entries?cursor=!!!");
    expect((await body(bad)).error).toMatchObject({ code: "validation_failed", field: "cursor" });
  });

  it("filters by tag and date range, validating the query", async () => {
    const odd = await body(await c.get("/api/entries?tag=ODD"));
    expect(odd.entries.map((e: { body: string }) => e.body)).toEqual(["entry 3", "entry 1"]);
    const range = await body(await c.get("/api/entries?from=2024-01-01&to=2024-05-31"));
    expect(range.entries.map((e: { body: string }) => e.body)).toEqual(["entry 2"]);
    for (const q of ["limit=101", "limit=abc", "from=2024-02-30", "to=yesterday"]) {
      const res = await c.get(`/api/entries?${q}`);
      expect(res.status, q).toBe(400);
      expect((await body(res)).error.field).toBe(q.split("=")[0]);
    }
  });

  it("counts entries per day", async () => {
    const res = await body(await c.get("/api/entries/days?from=2024-05-01&to=2024-06-30"));
    expect(res).toEqual({
      days: [
        { date: "2024-05-31", count: 1 },
        { date: "2024-06-01", count: 2 },
      ],
    });
    const reversed = await c.get("/api/entries/days?from=2024-06-30&to=2024-05-01");
    expect((await body(reversed)).error.field).toBe("to");
    expect((await c.get("/api/entries/days")).status).toBe(400);
  });

  it("finds entries on this day in earlier years", async () => {
    const res = await body(await c.get("/api/entries/on-this-day?date=2024-06-01"));
    expect(res.entries.map((e: { body: string }) => e.body)).toEqual(["entry 1", "entry 0"]);
    now = new Date("2025-06-01T09:00:00.000Z");
    c = await login(h, "lena");
    const today = await body(await c.get("/api/entries/on-this-day"));
    expect(today.entries.map((e: { body: string }) => e.body)).toEqual([
      "entry 4",
      "entry 3",
      "entry 1",
      "entry 0",
    ]);
    expect((await c.get("/api/entries/on-this-day?date=June")).status).toBe(400);
  });

  it("counts tags", async () => {
    expect(await body(await c.get("/api/tags"))).toEqual({
      tags: [
        { tag: "even", count: 3 },
        { tag: "odd", count: 2 },
      ],
    });
  });
});

describe("isolation between users", () => {
  it("answers 404 and reveals nothing for another user's entry on every id route", async () => {
    owner = await login(h, "owner");
    const alice = await memberClient(h, owner, "alice");
    const bob = await memberClient(h, owner, "bob");
    const secret = await body(
      await alice.post("/api/entries", { title: "alice secret", body: "private words", tags: ["hidden"] }),
    );
    const attempts = [
      await bob.get(`/api/entries/${secret.id}`),
      await bob.put(`/api/entries/${secret.id}`, { body: "pwned", tags: ["x"], baseRevision: 1 }),
      await bob.put(`/api/entries/${secret.id}`, { body: "pwned", baseRevision: 99 }),
      await bob.delete(`/api/entries/${secret.id}`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("not_found");
      expect(text).not.toContain("private");
      expect(text).not.toContain("alice");
    }
    // nothing leaks through lists, calendars, tags or search either
    const bobLists = [
      await bob.get("/api/entries"),
      await bob.get("/api/entries?tag=hidden"),
      await bob.get("/api/entries/days?from=2000-01-01&to=2100-01-01"),
      await bob.get("/api/tags"),
      await bob.get("/api/search?q=private"),
    ];
    for (const res of bobLists) expect(await res.text()).not.toContain("hidden");
    expect(await body(await alice.get(`/api/entries/${secret.id}`))).toEqual(secret);
    // bob reusing alice's clientId gets his own entry
    const cid = "shared-client-id";
    const a = await body(await alice.post("/api/entries", { body: "alice's", clientId: cid }));
    const b = await bob.post("/api/entries", { body: "bob's", clientId: cid });
    expect(b.status).toBe(201);
    expect((await body(b)).id).not.toBe(a.id);
    expect((await body(b)).body).toBe("bob's");
  });
});
