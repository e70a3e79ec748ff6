import { describe, expect, it } from "vitest";
import type { EntryContent } from "./content";
import { type SaveOutcome, SaveQueue, type SaveTarget } from "./saveQueue";
import { content, entry, FakeTimers, settle } from "./testkit";

interface Call {
  content: EntryContent;
  target: SaveTarget;
  keepalive: boolean;
  resolve: (o: SaveOutcome) => void;
}

function setup(init: Partial<ConstructorParameters<typeof SaveQueue>[0]> = {}) {
  const timers = new FakeTimers();
  const calls: Call[] = [];
  const saved: Array<{ body: string; dirty: boolean }> = [];
  const sends: string[][] = [];
  const q = new SaveQueue(
    { content: content(""), entryId: null, clientId: "client-123", baseRevision: null, saved: null, ...init },
    {
      timers,
      save: (c, target, { keepalive }) =>
        new Promise<SaveOutcome>((resolve) => calls.push({ content: c, target, keepalive, resolve })),
      onSaved: (_e, s, dirty) => saved.push({ body: s.body, dirty }),
      onSend: (unanswered) => sends.push(unanswered.map((u) => u.content.body)),
    },
  );
  return { q, timers, calls, saved, sends };
}

describe("SaveQueue", () => {
  it("debounces edits and saves once typing pauses (≤ 1 s)", () => {
    const { q, timers, calls } = setup();
    q.edit(content("H"));
    timers.advance(300);
    q.edit(content("He"));
    timers.advance(300);
    q.edit(content("Hello"));
    expect(q.state.status).toBe("pending");
    timers.advance(699);
    expect(calls).toHaveLength(0);
    timers.advance(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.content.body).toBe("Hello");
    expect(calls[0]?.target).toEqual({ entryId: null, clientId: "client-123", baseRevision: null });
    expect(q.state.status).toBe("saving");
  });

  it("saves at least every maxWait while typing never pauses", () => {
    const { q, timers, calls } = setup();
    for (let i = 0; i < 30; i++) {
      q.edit(content("x".repeat(i + 1)));
      timers.advance(200);
    }
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it("keeps one request in flight and coalesces later edits into the next one", async () => {
    const { q, timers, calls, saved } = setup();
    q.edit(content("one"));
    timers.advance(700);
    expect(calls).toHaveLength(1);
    q.edit(content("one two"));
    timers.advance(700);
    q.edit(content("one two three"));
    timers.advance(700);
    expect(calls).toHaveLength(1); // still waiting for the first answer
    calls[0]?.resolve({ kind: "saved", entry: entry("one", 1) });
    await settle();
    expect(saved).toEqual([{ body: "one", dirty: true }]);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.content.body).toBe("one two three");
    expect(calls[1]?.target).toEqual({ entryId: "e1", clientId: "client-123", baseRevision: 1 });
    calls[1]?.resolve({ kind: "saved", entry: entry("one two three", 2) });
    await settle();
    expect(q.state.status).toBe("saved");
    expect(q.state.baseRevision).toBe(2);
    expect(saved.at(-1)).toEqual({ body: "one two three", dirty: false });
  });

  it("waits for the debounce when the writer is still typing after a save returns", async () => {
    const { q, timers, calls } = setup();
    q.edit(content("a"));
    timers.advance(700);
    q.edit(content("ab"));
    calls[0]?.resolve({ kind: "saved", entry: entry("a", 1) });
    await settle();
    expect(calls).toHaveLength(1);
    expect(q.state.status).toBe("pending");
    timers.advance(700);
    expect(calls).toHaveLength(2);
  });

  it("does not create an entry for blank text, and undoing back to saved text needs no save", () => {
    const { q, timers, calls } = setup({
      content: content("kept"),
      saved: content("kept"),
      entryId: "e1",
      baseRevision: 3,
    });
    expect(q.state.status).toBe("saved");
    q.edit(content("kept!"));
    q.edit(content("kept"));
    timers.advance(2000);
    expect(calls).toHaveLength(0);
    expect(q.state.status).toBe("saved");

    const blank = setup();
    blank.q.edit(content("   "));
    blank.timers.advance(2000);
    expect(blank.calls).toHaveLength(0);
  });

  it("goes offline, backs off, keeps the latest text and retries on 'online'", async () => {
    const { q, timers, calls } = setup();
    q.edit(content("night"));
    timers.advance(700);
    calls[0]?.resolve({ kind: "offline", message: "Failed to fetch" });
    await settle();
    expect(q.state.status).toBe("offline");
    expect(q.state.retryInMs).toBe(1000);
    q.edit(content("night rain"));
    expect(calls).toHaveLength(1);
    timers.advance(1000);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.content.body).toBe("night rain");
    calls[1]?.resolve({ kind: "offline", message: "Failed to fetch" });
    await settle();
    expect(q.state.retryInMs).toBe(2000);
    q.retryNow();
    expect(calls).toHaveLength(3);
    calls[2]?.resolve({ kind: "saved", entry: entry("night rain", 1) });
    await settle();
    expect(q.state.status).toBe("saved");
    expect(q.state.attempt).toBe(0);
  });

  it("flush sends immediately with keepalive", () => {
    const { q, calls } = setup({
      entryId: "e1",
      baseRevision: 2,
      saved: content("a"),
      content: content("a"),
    });
    q.edit(content("ab"));
    q.flush({ keepalive: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.keepalive).toBe(true);
    expect(calls[0]?.target.baseRevision).toBe(2);
  });

  it("stops on a conflict, keeps both texts, and saves the resolution on the new base", async () => {
    const { q, timers, calls, saved } = setup({
      entryId: "e1",
      baseRevision: 1,
      saved: content("a"),
      content: content("a"),
    });
    q.edit(content("mine"));
    timers.advance(700);
    calls[0]?.resolve({ kind: "conflict", current: entry("theirs", 2) });
    await settle();
    expect(q.state.status).toBe("conflict");
    expect(q.state.conflict?.mine.body).toBe("mine");
    expect(q.state.conflict?.theirs.body).toBe("theirs");
    q.edit(content("mine, more"));
    timers.advance(10_000);
    expect(calls).toHaveLength(1); // nothing is sent until the writer chooses
    q.resolveConflict(content("mine, more\n\ntheirs"));
    expect(calls).toHaveLength(2);
    expect(calls[1]?.target.baseRevision).toBe(2);
    expect(calls[1]?.content.body).toBe("mine, more\n\ntheirs");
    calls[1]?.resolve({ kind: "saved", entry: entry("mine, more\n\ntheirs", 3) });
    await settle();
    expect(q.state.status).toBe("saved");
    expect(saved.at(-1)?.dirty).toBe(false);
  });

  it("a conflict whose versions are identical resolves itself", async () => {
    const { q, timers, calls } = setup({
      entryId: "e1",
      baseRevision: 1,
      saved: content("a"),
      content: content("a"),
    });
    q.edit(content("same"));
    timers.advance(700);
    calls[0]?.resolve({ kind: "conflict", current: entry("same", 4) });
    await settle();
    expect(q.state.status).toBe("saved");
    expect(q.state.baseRevision).toBe(4);
  });

  it("choosing the other version needs no request", () => {
    const { q, calls, saved } = setup({
      entryId: "e1",
      baseRevision: 1,
      saved: content("a"),
      content: content("a"),
    });
    q.edit(content("mine"));
    q.flush();
    calls[0]?.resolve({ kind: "conflict", current: entry("theirs", 2) });
    return settle().then(() => {
      q.resolveConflict(content("theirs"));
      expect(calls).toHaveLength(1);
      expect(q.state.status).toBe("saved");
      expect(saved.at(-1)).toEqual({ body: "theirs", dirty: false });
    });
  });

  it("a rejected request (validation) shows an error and retries after the next edit", async () => {
    const { q, timers, calls } = setup();
    q.edit(content("x"));
    timers.advance(700);
    calls[0]?.resolve({ kind: "failed", message: "bad tag", code: "validation_failed" });
    await settle();
    expect(q.state.status).toBe("error");
    expect(q.state.error).toBe("bad tag");
    timers.advance(60_000);
    expect(calls).toHaveLength(1);
    q.edit(content("xy"));
    timers.advance(700);
    expect(calls).toHaveLength(2);
  });

  it("a thrown transport error counts as offline", async () => {
    const timers = new FakeTimers();
    const q = new SaveQueue(
      { content: content(""), entryId: null, clientId: "client-123", baseRevision: null, saved: null },
      { timers, save: () => Promise.reject(new TypeError("Failed to fetch")) },
    );
    q.edit(content("x"));
    timers.advance(700);
    await settle();
    expect(q.state.status).toBe("offline");
  });

  it("after dispose, an answered save still sends the coalesced rest but schedules no timers", async () => {
    const { q, timers, calls } = setup();
    q.edit(content("a"));
    timers.advance(700);
    q.edit(content("ab"));
    q.dispose();
    expect(timers.size).toBe(0);
    calls[0]?.resolve({ kind: "saved", entry: entry("a", 1) });
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve({ kind: "offline", message: "down" });
    await settle();
    expect(timers.size).toBe(0);
  });

  describe("closing or hiding the page with a request in flight", () => {
    function inFlight() {
      const t = setup({ entryId: "e1", baseRevision: 1, saved: content("a"), content: content("a") });
      t.q.edit(content("ab"));
      t.timers.advance(700);
      t.q.edit(content("abc")); // typed while "ab" is in flight
      t.q.flush({ keepalive: true }); // pagehide
      return t;
    }

    it("sends the latest text at once in a keepalive request from the same base, not after the answer", () => {
      const { calls, q, sends } = inFlight();
      expect(calls).toHaveLength(2);
      expect(calls[1]?.keepalive).toBe(true);
      expect(calls[1]?.content.body).toBe("abc");
      expect(calls[1]?.target.baseRevision).toBe(1);
      expect(q.busy).toBe(true);
      // The page records every unanswered request before it leaves (for the local draft).
      expect(sends).toEqual([["ab"], ["ab", "abc"]]);
      expect(q.unanswered.map((u) => u.content.body)).toEqual(["ab", "abc"]);
      // A second flush with nothing new sends nothing more.
      q.flush({ keepalive: true });
      expect(calls).toHaveLength(2);
    });

    it("the in-flight save landing first makes the keepalive one 409 on our own words: no conflict, it re-saves on top", async () => {
      const { calls, q, saved } = inFlight();
      // The server took "ab" as revision 2; the keepalive "abc" from revision 1 lost the race.
      calls[1]?.resolve({ kind: "conflict", current: entry("ab", 2) });
      await settle();
      expect(q.state.status).toBe("saving");
      expect(q.state.conflict).toBeNull();
      expect(q.state.baseRevision).toBe(2);
      calls[0]?.resolve({ kind: "saved", entry: entry("ab", 2) });
      await settle();
      expect(calls).toHaveLength(3);
      expect(calls[2]?.content.body).toBe("abc");
      expect(calls[2]?.target.baseRevision).toBe(2);
      calls[2]?.resolve({ kind: "saved", entry: entry("abc", 3) });
      await settle();
      expect(q.state.status).toBe("saved");
      expect(q.state.baseRevision).toBe(3);
      expect(saved.at(-1)).toEqual({ body: "abc", dirty: false });
    });

    it("the same race answered the other way round (in-flight answer first) ends the same", async () => {
      const { calls, q } = inFlight();
      calls[0]?.resolve({ kind: "saved", entry: entry("ab", 2) });
      await settle();
      expect(q.state.status).toBe("saving"); // the keepalive one is still out
      expect(calls).toHaveLength(2);
      calls[1]?.resolve({ kind: "conflict", current: entry("ab", 2) });
      await settle();
      expect(q.state.conflict).toBeNull();
      expect(calls).toHaveLength(3);
      expect(calls[2]?.target.baseRevision).toBe(2);
      expect(calls[2]?.content.body).toBe("abc");
    });

    it("the keepalive save landing first makes the in-flight one 409: adopted, nothing more to send", async () => {
      const { calls, q } = inFlight();
      calls[1]?.resolve({ kind: "saved", entry: entry("abc", 2) });
      await settle();
      calls[0]?.resolve({ kind: "conflict", current: entry("abc", 2) });
      await settle();
      expect(q.state.status).toBe("saved");
      expect(q.state.baseRevision).toBe(2);
      expect(calls).toHaveLength(2);

      // And if the writer typed on meanwhile, the 409 on the keepalive words is still ours.
      const t = inFlight();
      t.q.edit(content("abcd"));
      t.calls[0]?.resolve({ kind: "conflict", current: entry("abc", 2) });
      await settle();
      expect(t.q.state.conflict).toBeNull();
      expect(t.q.state.baseRevision).toBe(2);
      t.calls[1]?.resolve({ kind: "saved", entry: entry("abc", 2) });
      await settle();
      expect(t.q.state.status).toBe("pending"); // the writer is still typing: the debounce decides
      t.timers.advance(700);
      expect(t.calls).toHaveLength(3);
      expect(t.calls[2]?.content.body).toBe("abcd");
      expect(t.calls[2]?.target.baseRevision).toBe(2);
    });

    it("a real edit elsewhere is still a conflict", async () => {
      const { calls, q } = inFlight();
      calls[0]?.resolve({ kind: "conflict", current: entry("theirs", 2) });
      await settle();
      expect(q.state.status).toBe("conflict");
      expect(q.state.conflict?.mine.body).toBe("abc");
      calls[1]?.resolve({ kind: "conflict", current: entry("theirs", 2) });
      await settle();
      expect(q.state.status).toBe("conflict");
      expect(calls).toHaveLength(2);
    });

    it("one of the two failing to reach the server waits for the other", async () => {
      const { calls, q } = inFlight();
      calls[0]?.resolve({ kind: "offline", message: "gone" });
      await settle();
      expect(q.state.status).toBe("saving");
      calls[1]?.resolve({ kind: "saved", entry: entry("abc", 2) });
      await settle();
      expect(q.state.status).toBe("saved");
      expect(q.state.attempt).toBe(0);
    });

    it("a create in flight is not raced (same clientId); the rest follows with keepalive", async () => {
      const { q, timers, calls } = setup();
      q.edit(content("a"));
      timers.advance(700);
      q.edit(content("ab"));
      q.flush({ keepalive: true });
      expect(calls).toHaveLength(1);
      calls[0]?.resolve({ kind: "saved", entry: entry("a", 1) });
      await settle();
      expect(calls).toHaveLength(2);
      expect(calls[1]?.keepalive).toBe(true);
      expect(calls[1]?.target).toEqual({ entryId: "e1", clientId: "client-123", baseRevision: 1 });
    });
  });
});
