import type { CreateEntry, UpdateEntry } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { ApiError, ConflictError, NetworkError } from "../api/errors";
import { makeSaver } from "./saver";
import { content, entry } from "./testkit";

describe("makeSaver", () => {
  const target = { entryId: null, clientId: "client-123", baseRevision: null };

  it("creates with clientId, and updates with baseRevision", async () => {
    const creates: CreateEntry[] = [];
    const updates: UpdateEntry[] = [];
    const save = makeSaver({
      createEntry: async (b) => {
        creates.push(b);
        return entry(b.body, 1, { title: b.title ?? null });
      },
      updateEntry: async (_id, b) => {
        updates.push(b);
        return entry(b.body, b.baseRevision + 1);
      },
    });
    const r = await save(content("hi", { title: "  " }), target, { keepalive: false });
    expect(r.kind).toBe("saved");
    expect(creates[0]).toMatchObject({ clientId: "client-123", title: null, body: "hi" });
    await save(
      content("hi there"),
      { entryId: "e1", clientId: "client-123", baseRevision: 1 },
      { keepalive: true },
    );
    expect(updates[0]?.baseRevision).toBe(1);
  });

  it("a retried create that finds an older copy of the same draft updates it", async () => {
    const save = makeSaver({
      createEntry: async () => entry("older text", 1),
      updateEntry: async (_id, b) => entry(b.body, 2),
    });
    const r = await save(content("older text, longer"), target, { keepalive: false });
    expect(r.kind === "saved" && r.entry.revision).toBe(2);
  });

  it("maps errors to outcomes", async () => {
    const cur = entry("theirs", 5);
    const cases: Array<[unknown, string]> = [
      [new ConflictError("conflict", cur), "conflict"],
      [new NetworkError("down"), "offline"],
      [new TypeError("Failed to fetch"), "offline"],
      [new ApiError(413, "payload_too_large", "too big"), "failed"],
      [new ApiError(401, "unauthenticated", "no"), "failed"],
    ];
    for (const [err, kind] of cases) {
      const save = makeSaver({
        createEntry: async () => {
          throw err;
        },
        updateEntry: async () => {
          throw err;
        },
      });
      expect((await save(content("x"), target, { keepalive: false })).kind).toBe(kind);
    }
  });
});
