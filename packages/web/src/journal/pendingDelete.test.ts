import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api/errors";
import { MemoryDraftStore } from "./draftMirror";
import { PendingDeletes, UNDO_MS } from "./pendingDelete";
import type { DraftRecord } from "./restore";
import { content, FakeTimers } from "./testkit";

function draft(entryId: string, body: string): DraftRecord {
  return {
    key: `${entryId}|tab1`,
    docKey: entryId,
    tabId: "tab1",
    entryId,
    clientId: "c1",
    baseRevision: 1,
    content: content(body),
    updatedAt: 1,
  };
}

async function flushAsync(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

function setup(sendResult: () => Promise<void> = async () => {}) {
  const timers = new FakeTimers();
  const store = new MemoryDraftStore();
  const sent: string[] = [];
  const exits: string[] = [];
  const deletions = new PendingDeletes({
    timers,
    send: async (id) => {
      sent.push(id);
      await sendResult();
    },
    sendOnExit: (id) => exits.push(id),
    drafts: async () => store,
    settled: async () => {},
  });
  return { timers, store, sent, exits, deletions };
}

describe("PendingDeletes", () => {
  it("hides the entry and discards its drafts at once, sends the DELETE only after the undo window", async () => {
    const { timers, store, sent, deletions } = setup();
    await store.put(draft("e1", "words"));
    deletions.schedule("e1", "Rain");
    await flushAsync();
    expect(deletions.hidden("e1")).toBe(true);
    expect(deletions.state).toEqual({ kind: "pending", id: "e1", title: "Rain" });
    expect(await store.byDoc("e1")).toEqual([]);
    timers.advance(UNDO_MS - 1);
    expect(sent).toEqual([]);
    timers.advance(1);
    await flushAsync();
    expect(sent).toEqual(["e1"]);
    expect(deletions.state).toBeNull();
    expect(deletions.hidden("e1")).toBe(true);
  });

  it("undo sends nothing, shows the entry again and puts its drafts back", async () => {
    const { timers, store, sent, deletions } = setup();
    await store.put(draft("e1", "unsaved words"));
    deletions.schedule("e1", "Rain");
    await flushAsync();
    await deletions.undo();
    timers.advance(UNDO_MS * 2);
    await flushAsync();
    expect(sent).toEqual([]);
    expect(deletions.hidden("e1")).toBe(false);
    expect(deletions.state).toBeNull();
    expect((await store.byDoc("e1")).map((d) => d.content.body)).toEqual(["unsaved words"]);
  });

  it("a page going away sends the waiting DELETE with keepalive, once", async () => {
    const { timers, sent, exits, deletions } = setup();
    deletions.schedule("e1", "Rain");
    deletions.exit();
    deletions.exit();
    timers.advance(UNDO_MS);
    await flushAsync();
    expect(exits).toEqual(["e1"]);
    expect(sent).toEqual([]);
  });

  it("a failed DELETE brings the entry back with a message; its drafts return", async () => {
    const { timers, store, deletions } = setup(async () => {
      throw new NetworkError("offline");
    });
    await store.put(draft("e1", "words"));
    deletions.schedule("e1", "Rain");
    await flushAsync();
    timers.advance(UNDO_MS);
    await flushAsync();
    expect(deletions.hidden("e1")).toBe(false);
    expect(deletions.state).toMatchObject({ kind: "failed", id: "e1", title: "Rain" });
    expect(await store.byDoc("e1")).toHaveLength(1);
    deletions.dismiss();
    expect(deletions.state).toBeNull();
  });

  it("a 404 means it is already gone: success", async () => {
    const { timers, deletions } = setup(async () => {
      throw new ApiError(404, "not_found", "Entry not found");
    });
    deletions.schedule("e1", "Rain");
    timers.advance(UNDO_MS);
    await flushAsync();
    expect(deletions.hidden("e1")).toBe(true);
    expect(deletions.state).toBeNull();
  });

  it("a second deletion commits the first at once; undo then restores only the second", async () => {
    const { sent, deletions } = setup();
    deletions.schedule("e1", "One");
    deletions.schedule("e2", "Two");
    await flushAsync();
    expect(sent).toEqual(["e1"]);
    await deletions.undo();
    expect(deletions.hidden("e1")).toBe(true);
    expect(deletions.hidden("e2")).toBe(false);
  });
});
