import { describe, expect, it } from "vitest";
import { DraftMirror, MemoryDraftStore } from "./draftMirror";
import type { DraftRecord } from "./restore";
import { content } from "./testkit";

function rec(body: string, key = "e1|t"): DraftRecord {
  return {
    key,
    docKey: key.split("|")[0] ?? "",
    tabId: "t",
    entryId: "e1",
    clientId: "c-12345678",
    baseRevision: 1,
    content: content(body),
    updatedAt: 0,
  };
}

class SlowStore extends MemoryDraftStore {
  writes: string[] = [];
  override async put(r: DraftRecord): Promise<void> {
    await new Promise((res) => setTimeout(res, 5));
    this.writes.push(`put:${r.content.body}`);
    await super.put(r);
  }
  override async delete(key: string): Promise<void> {
    await new Promise((res) => setTimeout(res, 5));
    this.writes.push(`del:${key}`);
    await super.delete(key);
  }
}

describe("DraftMirror", () => {
  it("hands every edit to the store at once, in order, even while an earlier write is still running", async () => {
    const store = new SlowStore();
    const started: string[] = [];
    const put = store.put.bind(store);
    store.put = (r) => {
      started.push(r.content.body);
      return put(r);
    };
    const m = new DraftMirror(store);
    m.put(rec("a"));
    m.put(rec("ab"));
    m.put(rec("abc"));
    // Nothing waits in a JS queue for the first write to finish: a page closed now has lost nothing.
    expect(started).toEqual(["a", "ab", "abc"]);
    await m.idle();
    expect(store.writes).toEqual(["put:a", "put:ab", "put:abc"]);
    expect((await store.byDoc("e1"))[0]?.content.body).toBe("abc");
  });

  it("a delete is never overtaken by an older put", async () => {
    const store = new SlowStore();
    const m = new DraftMirror(store);
    m.put(rec("a"));
    m.put(rec("ab"));
    m.delete("e1|t");
    await m.idle();
    expect(store.records.size).toBe(0);
  });

  it("keeps going after a failed write and reports it", async () => {
    const errors: unknown[] = [];
    const store = new MemoryDraftStore();
    let fail = true;
    const flaky = {
      ...store,
      put: async (r: DraftRecord) => {
        if (fail) {
          fail = false;
          throw new Error("quota");
        }
        await store.put(r);
      },
      delete: (k: string) => store.delete(k),
      byDoc: (d: string) => store.byDoc(d),
      unsent: () => store.unsent(),
    };
    const m = new DraftMirror(flaky, (e) => errors.push(e));
    m.put(rec("a", "x|t"));
    m.put(rec("b", "y|t"));
    await m.idle();
    expect(errors).toHaveLength(1);
    expect(store.records.has("y|t")).toBe(true);
  });
});
