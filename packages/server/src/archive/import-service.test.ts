import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store, UserRecord } from "../store/store";
import { openTestStore, type TestStore, testBackends } from "../store/testing";
import { prepareImport } from "./import-service";

const backends = await testBackends();

const JRNL = JSON.stringify({
  entries: ["One", "Two", "Three"].map((title, i) => ({
    title,
    body: `Body ${i}`,
    date: `2024-04-0${i + 1}`,
    time: "20:00",
    tags: ["@x"],
    starred: false,
  })),
});

describe.each(backends)("import service on %s", (kind) => {
  let t: TestStore;
  let user: UserRecord;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-import-"));
  const files = { dataDir, mediaLimitBytes: 1024 };

  beforeEach(async () => {
    t = await openTestStore(kind);
    user = {
      id: "user-import-1",
      username: "ivy",
      passwordHash: "x",
      role: "owner",
      timeZone: "Europe/Madrid",
      createdAt: "2024-01-01T00:00:00.000Z",
    };
    await t.store.insertUser(user);
  });
  afterEach(async () => {
    await t.dispose();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps the revision and last change an archive gives (createEntry), defaults otherwise", async () => {
    const base = {
      clientId: null,
      title: null,
      body: "b",
      promptId: null,
      promptText: null,
      tags: [],
      localDate: "2024-01-01",
      timeZone: "UTC",
    };
    await t.store.createEntry(user.id, {
      ...base,
      id: "e-restored",
      createdAt: "2024-01-01T10:00:00.000Z",
      revision: 7,
      updatedAt: "2024-02-01T09:00:00.000Z",
    });
    await t.store.createEntry(user.id, { ...base, id: "e-new", createdAt: "2024-01-01T10:00:00.000Z" });
    expect(await t.store.getEntry(user.id, "e-restored")).toMatchObject({
      revision: 7,
      updatedAt: "2024-02-01T09:00:00.000Z",
    });
    expect(await t.store.getEntry(user.id, "e-new")).toMatchObject({
      revision: 1,
      updatedAt: "2024-01-01T10:00:00.000Z",
    });
  });

  it("writes nothing during a preview, everything on write, nothing new the second time", async () => {
    const bytes = new TextEncoder().encode(JRNL);
    const prepared = await prepareImport({ store: t.store, files }, user, bytes);
    expect(prepared.preview).toMatchObject({
      newCount: 3,
      dateRange: { from: "2024-04-01", to: "2024-04-03" },
    });
    expect(await t.store.allEntries(user.id)).toEqual([]);
    expect(await prepared.write()).toMatchObject({ imported: 3 });
    const entries = await t.store.allEntries(user.id);
    expect(entries.map((e) => e.createdAt).sort()).toEqual([
      "2024-04-01T18:00:00.000Z",
      "2024-04-02T18:00:00.000Z",
      "2024-04-03T18:00:00.000Z",
    ]);
    const again = await prepareImport({ store: t.store, files }, user, bytes);
    expect(again.preview).toMatchObject({ newCount: 0, duplicateCount: 3 });
    expect(await again.write()).toMatchObject({ imported: 0 });
    expect(await t.store.allEntries(user.id)).toHaveLength(3);
  });

  it("keeps Day One's modifiedDate as the last change and warns about a jrnl entry with a null body", async () => {
    const dayOne = JSON.stringify({
      metadata: { version: "1.0" },
      entries: [
        {
          uuid: "A1B2",
          creationDate: "2024-05-01T08:00:00Z",
          modifiedDate: "2024-05-03T19:30:00Z",
          timeZone: "UTC",
          text: "Edited two days later",
        },
      ],
    });
    const prepared = await prepareImport({ store: t.store, files }, user, new TextEncoder().encode(dayOne));
    expect(await prepared.write()).toMatchObject({ imported: 1 });
    expect(await t.store.allEntries(user.id)).toMatchObject([
      { createdAt: "2024-05-01T08:00:00.000Z", updatedAt: "2024-05-03T19:30:00.000Z" },
    ]);

    const jrnl = JSON.stringify({
      entries: [{ title: "Nothing", body: null, date: "2024-04-01", time: "09:00" }],
    });
    const read = await prepareImport({ store: t.store, files }, user, new TextEncoder().encode(jrnl));
    expect(read.preview.warnings).toContain(
      'Entry 1 ("Nothing") has no text ("body" is null); it would be imported as an empty entry',
    );
  });

  it("takes back what it wrote when a write fails part-way", async () => {
    // The database refuses the second entry (as if the disk filled up).
    let creates = 0;
    const failing = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === "createEntry") {
          return (...args: Parameters<Store["createEntry"]>) => {
            creates++;
            if (creates === 2) return Promise.reject(new Error("disk full"));
            return target.createEntry(...args);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const prepared = await prepareImport({ store: failing, files }, user, new TextEncoder().encode(JRNL));
    await expect(prepared.write()).rejects.toThrow("disk full");
    expect(creates).toBeGreaterThanOrEqual(2);
    expect(await t.store.allEntries(user.id)).toEqual([]);
  });
});
