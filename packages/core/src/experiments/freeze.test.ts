import { describe, expect, it } from "vitest";
import { sha256Hex } from "../archive/sha256";
import { canonicalJson, checkFrozenPlan, freezePlan, isSamePlan, planHash, shortHash } from "./freeze";

describe("SHA-256 (the archive's pure implementation, reused for plan hashes)", () => {
  it("matches the FIPS 180-4 / NIST test vectors", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256Hex("a".repeat(1_000_000))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
  });

  it("pads correctly at the 55/56/64-byte block edges and hashes the UTF-8 encoding", () => {
    // Values from `printf %s … | sha256sum`.
    expect(sha256Hex("a".repeat(55))).toBe(
      "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
    );
    expect(sha256Hex("a".repeat(56))).toBe(
      "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
    );
    expect(sha256Hex("a".repeat(64))).toBe(
      "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
    );
    // printf 'é☾😀' | sha256sum
    expect(sha256Hex("é☾😀")).toBe("9f1fe2f13bdb2ca7effb1b69abd3256a17936face10df9f30f0028288b046dc8");
  });
});

const plan = {
  comparison: { kind: "trigger-vs-sham", sceneId: "scene-1", layerId: "whisper" },
  primaryOutcome: "anxiety-change",
  startDate: "2026-12-08",
  seed: 12345,
};

describe("freezing a plan", () => {
  it("sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: "x" }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":"x","z":1}]},"b":1}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/JSON/);
  });

  it("gives the same hash whatever the key order and whether defaults were written out", () => {
    const reordered = {
      seed: 12345,
      startDate: "2026-12-08",
      primaryOutcome: "anxiety-change",
      comparison: plan.comparison,
    };
    expect(planHash(reordered)).toBe(planHash(plan));
    expect(isSamePlan(plan, { ...plan, pairs: 6, washoutDays: 0, minimalImportantDifference: 10 })).toBe(
      true,
    );
    const frozen = freezePlan(plan);
    expect(frozen.hash).toBe(sha256Hex(frozen.canonical));
    expect(frozen.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shortHash(frozen.hash)).toHaveLength(12);
  });

  it("changes the hash when anything changes", () => {
    const h = planHash(plan);
    expect(planHash({ ...plan, seed: 12346 })).not.toBe(h);
    expect(planHash({ ...plan, pairs: 7 })).not.toBe(h);
    expect(planHash({ ...plan, minimalImportantDifference: 11 })).not.toBe(h);
    expect(isSamePlan(plan, { ...plan, primaryOutcome: "tingles" })).toBe(false);
  });

  it("refuses an invalid plan", () => {
    expect(() => freezePlan({ ...plan, pairs: 0 })).toThrow(/at least 1/);
  });
});

describe("a frozen plan", () => {
  it("accepts the same plan and refuses any change with a clear error", () => {
    const { hash } = freezePlan(plan);
    expect(checkFrozenPlan(hash, { ...plan, pairs: 6 })).toEqual({ ok: true });
    const changed = checkFrozenPlan(hash, { ...plan, pairs: 8 });
    expect(changed.ok).toBe(false);
    if (!changed.ok) {
      expect(changed.code).toBe("plan_frozen");
      // The hash could be searched for the seed, so a running experiment's error never quotes it.
      expect(changed.message).not.toContain(hash.slice(0, 6));
      expect(changed.message).not.toMatch(/SHA-256|[0-9a-f]{6}/);
      expect(changed.message).toMatch(/new experiment/);
    }
    expect(checkFrozenPlan(hash, { nonsense: true }).ok).toBe(false);
  });
});
