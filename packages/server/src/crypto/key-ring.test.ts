import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyRing } from "./key-ring";
import { UserKey } from "./keys";

const at = (ms: number) => new Date(ms);

describe("key ring", () => {
  it("holds a user's key while any of their sessions is alive, and wipes it after the last", () => {
    const dropped: string[] = [];
    const ring = new KeyRing();
    ring.onDropUser((id) => dropped.push(id));
    const key = new UserKey("ana", randomBytes(32));
    ring.unlock("s1", key, at(10_000));
    ring.unlock("s2", new UserKey("ana", key.dataKey), at(10_000));
    expect(ring.keyFor("ana")).toBe(key);
    expect(ring.isUnlocked("s1", at(1))).toBe(true);

    ring.drop("s1");
    expect(ring.isUnlocked("s1", at(1))).toBe(false);
    expect(ring.keyFor("ana")).toBe(key);
    ring.drop("s2");
    expect(ring.keyFor("ana")).toBeUndefined();
    expect(key.dataKey.every((b) => b === 0)).toBe(true);
    expect(dropped).toEqual(["ana"]);
  });

  it("drops a session's key at its expiry, and every session at log out everywhere", () => {
    const ring = new KeyRing();
    ring.unlock("s1", new UserKey("ana", randomBytes(32)), at(1000));
    expect(ring.isUnlocked("s1", at(1000))).toBe(false);
    expect(ring.keyFor("ana")).toBeUndefined();

    ring.unlock("s2", new UserKey("ana", randomBytes(32)), at(5000));
    ring.unlock("s3", new UserKey("ana", randomBytes(32)), at(5000));
    ring.unlock("b1", new UserKey("ben", randomBytes(32)), at(5000));
    ring.extend("s2", at(9000));
    ring.sweep(at(6000));
    expect(ring.isUnlocked("s2", at(6000))).toBe(true);
    expect(ring.isUnlocked("s3", at(6000))).toBe(false);
    ring.dropUser("ana");
    expect(ring.keyFor("ana")).toBeUndefined();
    expect(ring.isUnlocked("s2", at(6000))).toBe(false);
    expect(ring.keyFor("ben")).toBeUndefined(); // swept at 6000 too
  });

  it("keeps a pinned key (CLI) until released", () => {
    const ring = new KeyRing();
    const release = ring.pin(new UserKey("ana", randomBytes(32)));
    expect(ring.keyFor("ana")).toBeDefined();
    release();
    release();
    expect(ring.keyFor("ana")).toBeUndefined();
  });

  it("computes the same blind index for the same tag, and a different one per key", () => {
    const bytes = randomBytes(32);
    const a = new UserKey("ana", bytes);
    const b = new UserKey("ana", bytes);
    const other = new UserKey("ana", randomBytes(32));
    expect(a.blindIndex("sleep")).toBe(b.blindIndex("sleep"));
    expect(a.blindIndex("sleep")).not.toBe(a.blindIndex("Sleep"));
    expect(a.blindIndex("sleep")).not.toBe(other.blindIndex("sleep"));
    expect(a.blindIndex("sleep")).toMatch(/^b1\.[A-Za-z0-9_-]{43}$/);
  });
});
