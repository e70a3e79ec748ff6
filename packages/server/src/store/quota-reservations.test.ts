import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store";
import type { Store } from "./store";
import type { QuotaRequest } from "./studio-store";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

const request = (id: string, bytes: number, over: Partial<QuotaRequest> = {}): QuotaRequest => ({
  id,
  minBytes: bytes,
  wantBytes: bytes,
  quotaBytes: 1000,
  otherBytes: () => 0,
  now: "2026-01-01T12:00:00.000Z",
  staleBefore: "2026-01-01T11:45:00.000Z",
  ...over,
});

describe.each(backends)("quota reservations on %s", (kind) => {
  let t: TestStore;
  let store: Store;
  /** PostgreSQL: a second store on the same schema, as a second server process would be. */
  let other: Store;

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
    const location = store.location;
    other =
      location.kind === "postgres"
        ? await openStore({
            dataDir: tmpdir(),
            databaseUrl: location.url,
            ...(location.schema ? { postgresSchema: location.schema } : {}),
          })
        : store;
    for (const id of ["u-a", "u-b"])
      await store.insertUser({
        id,
        username: id,
        passwordHash: "$argon2id$fake",
        role: "member",
        timeZone: "UTC",
        createdAt: "2026-01-01T00:00:00.000Z",
      });
  });
  afterAll(async () => {
    if (other !== store) await other.close();
    await t.dispose();
  });

  it("grants 40 parallel requests of 100 bytes against 1000 exactly ten times (two connection pools)", async () => {
    const grants = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? store : other).studio.reserveQuota("u-a", request(`r${i}`, 100)),
      ),
    );
    expect(grants.filter((g) => g.ok)).toHaveLength(10);
    for (const g of grants) if (!g.ok) expect(g.usedBytes).toBe(1000);
    // Another user's quota is their own.
    expect(await store.studio.reserveQuota("u-b", request("b1", 1000))).toEqual({
      ok: true,
      grantedBytes: 1000,
    });
    // Released: room again.
    for (let i = 0; i < 40; i++) await store.studio.releaseQuota("u-a", `r${i}`);
    expect(await store.studio.reserveQuota("u-a", request("again", 1000))).toEqual({
      ok: true,
      grantedBytes: 1000,
    });
    await store.studio.releaseQuota("u-a", "again");
  });

  it("counts media and outside bytes, grows a reservation between min and want, drops stale ones", async () => {
    const s = store.studio;
    await s.insertMedia("u-a", {
      id: "m1",
      kind: "video",
      name: "v",
      sizeBytes: 300,
      details: { format: "mp4", contentType: "video/mp4" },
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(await s.reserveQuota("u-a", request("g", 100, { otherBytes: () => 200 }))).toEqual({
      ok: true,
      grantedBytes: 100,
    });
    // 300 media + 200 renders + 100 held: 400 left; asks for 50..1000, gets 400.
    expect(await s.reserveQuota("u-a", request("g", 50, { wantBytes: 1000, otherBytes: () => 200 }))).toEqual(
      { ok: true, grantedBytes: 400 },
    );
    expect(await s.reserveQuota("u-a", request("g", 1, { otherBytes: () => 200 }))).toEqual({
      ok: false,
      usedBytes: 1000,
    });
    // A reservation not stamped for a while (a crashed process's) no longer counts.
    const later = { now: "2026-01-01T13:00:00.000Z", staleBefore: "2026-01-01T12:45:00.000Z" };
    expect(await s.reserveQuota("u-a", request("h", 700, later))).toEqual({ ok: true, grantedBytes: 700 });
    await s.releaseQuota("u-a", "h");
    await s.deleteMedia("u-a", "m1");
  });
});
