import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FAST_HASHING, PASSWORD } from "../test/harness";
import { createAccountKeys, unlockWithPassword } from "./account-keys";
import { KeyRing } from "./key-ring";
import { UserKey } from "./keys";

const zero = (b: Buffer) => b.every((x) => x === 0);

describe("key material left in memory", () => {
  it("a second session's copy of a key already held is wiped, the held one keeps working", () => {
    const ring = new KeyRing();
    const dataKey = randomBytes(32);
    const held = new UserKey("ana", dataKey);
    const copy = new UserKey("ana", dataKey);
    ring.unlock("s1", held, new Date(10_000));
    ring.unlock("s2", copy, new Date(10_000));
    expect(ring.keyFor("ana")).toBe(held);
    expect(zero(held.dataKey)).toBe(false);
    // Nobody holds the copy any more: its bytes must not linger in the heap.
    expect(zero(copy.dataKey)).toBe(true);
    expect(zero(copy.contentKey)).toBe(true);
    expect(zero(copy.indexKey)).toBe(true);
    // Both sessions still open the journal with the held key.
    ring.drop("s1");
    expect(ring.keyFor("ana")).toBe(held);
    expect(ring.isUnlocked("s2", new Date(1))).toBe(true);
  });

  it("unlocking the same session twice with the key it holds keeps the key intact", () => {
    const ring = new KeyRing();
    const key = new UserKey("ana", randomBytes(32));
    ring.unlock("s1", key, new Date(10_000));
    ring.unlock("s1", key, new Date(10_000));
    expect(ring.keyFor("ana")).toBe(key);
    expect(zero(key.dataKey)).toBe(false);
  });

  it("opening a key with the password gives a working key", async () => {
    const created = await createAccountKeys("ana", PASSWORD, FAST_HASHING, new Date(0));
    const opened = await unlockWithPassword(created.record, PASSWORD);
    expect(opened?.dataKey.equals(created.key.dataKey)).toBe(true);
    expect(await unlockWithPassword(created.record, "not the password")).toBeNull();
  });
});
