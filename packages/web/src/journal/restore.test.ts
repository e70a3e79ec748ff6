import { describe, expect, it } from "vitest";
import { type DraftRecord, decideRestore, draftKey } from "./restore";
import { content, entry } from "./testkit";

function draft(body: string, baseRevision: number | null, extra: Partial<DraftRecord> = {}): DraftRecord {
  const tabId = extra.tabId ?? "tab-a";
  const docKey = extra.docKey ?? "e1";
  return {
    key: draftKey(docKey, tabId),
    docKey,
    tabId,
    entryId: "e1",
    clientId: "client-123",
    baseRevision,
    content: content(body),
    updatedAt: 1000,
    ...extra,
  };
}

const ctx = { ownTabId: "tab-a", liveTabs: new Set(["tab-a"]), now: 5000 };

describe("decideRestore", () => {
  it("uses the server when no draft exists", () => {
    expect(decideRestore(entry("x", 1), [], ctx)).toEqual({ kind: "none", discard: [] });
  });

  it("discards a draft that equals the server's text (its save went through)", () => {
    const d = draft("saved words", 1);
    const r = decideRestore(entry("saved words", 2), [d], ctx);
    expect(r.kind).toBe("none");
    expect(r.discard).toEqual([d]);
  });

  it("restores a draft edited from the current revision", () => {
    const d = draft("newer words", 2);
    const r = decideRestore(entry("older", 2), [d], ctx);
    expect(r).toEqual({ kind: "restore", draft: d, discard: [] });
  });

  it("restores a never-saved draft of a new entry", () => {
    const d = draft("first words", null, { docKey: "new:client-123", entryId: null });
    expect(decideRestore(null, [d], ctx).kind).toBe("restore");
  });

  it("drops a blank new draft", () => {
    const d = draft("  ", null, { docKey: "new:client-123", entryId: null });
    expect(decideRestore(null, [d], ctx)).toEqual({ kind: "none", discard: [d] });
  });

  it("flags a conflict when the server moved on since the draft's revision", () => {
    const d = draft("my words", 1);
    const r = decideRestore(entry("their words", 3), [d], ctx);
    expect(r.kind).toBe("conflict");
  });

  it("leaves drafts of other open tabs alone", () => {
    const other = draft("other tab typing", 2, { tabId: "tab-b" });
    const r = decideRestore(entry("x", 2), [other], { ...ctx, liveTabs: new Set(["tab-a", "tab-b"]) });
    expect(r).toEqual({ kind: "none", discard: [] });
  });

  it("adopts the draft of a closed tab, newest first, preferring its own tab", () => {
    const closedOld = draft("old closed", 2, { tabId: "tab-c", updatedAt: 100 });
    const closedNew = draft("new closed", 2, { tabId: "tab-d", updatedAt: 900 });
    const r = decideRestore(entry("x", 2), [closedOld, closedNew], ctx);
    expect(r.kind === "restore" && r.draft.tabId).toBe("tab-d");
    const own = draft("own", 2, { updatedAt: 50 });
    const r2 = decideRestore(entry("x", 2), [closedNew, own], ctx);
    expect(r2.kind === "restore" && r2.draft.tabId).toBe("tab-a");
  });

  it("without Web Locks treats recently touched drafts of other tabs as live", () => {
    const recent = draft("recent", 2, { tabId: "tab-b", updatedAt: 10_000 });
    const stale = draft("stale", 2, { tabId: "tab-c", updatedAt: 0 });
    const r = decideRestore(entry("x", 2), [recent, stale], {
      ownTabId: "tab-a",
      liveTabs: null,
      now: 25_000,
    });
    expect(r.kind === "restore" && r.draft.tabId).toBe("tab-c");
    const r2 = decideRestore(entry("x", 2), [recent], { ownTabId: "tab-a", liveTabs: null, now: 12_000 });
    expect(r2.kind).toBe("none");
  });

  it("tag order and title whitespace do not count as differences", () => {
    const d = draft("b", 1, { content: content("b", { tags: ["sleep", "rain"], title: " T " }) });
    const r = decideRestore(entry("b", 2, { tags: ["rain", "sleep"], title: "T" }), [d], ctx);
    expect(r.kind).toBe("none");
  });

  it("a newer revision that is exactly a save the closed tab had in flight is its own: restore, no conflict", () => {
    const d = draft("It rained, and then the tab closed.", 1, {
      sent: [{ content: content("It rained, and then"), baseRevision: 1 }],
    });
    const r = decideRestore(entry("It rained, and then", 2), [d], ctx);
    expect(r).toEqual({ kind: "restore", draft: d, discard: [] });
  });

  it("a recorded in-flight save does not hide someone else's newer revision", () => {
    const d = draft("mine, and more", 1, { sent: [{ content: content("mine"), baseRevision: 1 }] });
    expect(decideRestore(entry("theirs", 2), [d], ctx).kind).toBe("conflict");
    // Nor does it once someone else wrote on top of the tab's own save.
    expect(decideRestore(entry("mine, then theirs", 3), [d], ctx).kind).toBe("conflict");
  });
});
