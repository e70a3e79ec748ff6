import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, type BudgetKey, MemoryAttemptBudgets, type Reservation } from "./attempt-budgets";

const account = (id: string): BudgetKey => ({ kind: "account", id });
const address = (id: string): BudgetKey => ({ kind: "address", id });
const keys = (a: string, ip: string) => [account(a), address(ip)];

function ticketOf(r: Reservation): unknown {
  if (!r.ok) throw new Error(`refused: wait ${r.waitMs} ms`);
  return r.ticket;
}

/** One failed attempt, reserved and settled. */
function fail(b: MemoryAttemptBudgets, a: string, ip: string, now: number): void {
  b.settle(ticketOf(b.reserve(keys(a, ip), now)), "failed", now);
}

describe("MemoryAttemptBudgets", () => {
  it("lets the free attempts through, then doubles the wait after each failure", () => {
    const b = new MemoryAttemptBudgets();
    const t0 = 1_000_000;
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      expect(b.waitMs(keys("ana", "10.0.0.1"), t0)).toBe(0);
      fail(b, "ana", "10.0.0.1", t0);
    }
    expect(b.reserve(keys("ana", "10.0.0.1"), t0)).toEqual({ ok: false, waitMs: 1000 });
    expect(b.waitMs(keys("ana", "10.0.0.1"), t0 + 1000)).toBe(0);
    fail(b, "ana", "10.0.0.1", t0 + 1000);
    expect(b.waitMs(keys("ana", "10.0.0.1"), t0 + 1000)).toBe(2000);
    fail(b, "ana", "10.0.0.1", t0 + 3000);
    expect(b.waitMs(keys("ana", "10.0.0.1"), t0 + 3000)).toBe(4000);
    // Another account from another address is not affected.
    expect(b.waitMs(keys("ben", "10.0.0.2"), t0 + 3000)).toBe(0);
  });

  it("counts an attempt when it is reserved, before its outcome is known", () => {
    const b = new MemoryAttemptBudgets();
    const pending = Array.from({ length: 20 }, () => b.reserve(keys("ana", "10.0.0.1"), 0));
    expect(pending.filter((r) => r.ok)).toHaveLength(ACCOUNT_POLICY.free);
    expect(pending.slice(ACCOUNT_POLICY.free).every((r) => !r.ok)).toBe(true);
  });

  it("refunds an attempt that checked nothing, and restores the wait it had", () => {
    const b = new MemoryAttemptBudgets();
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) fail(b, "ana", "10.0.0.1", 0);
    const r = b.reserve(keys("ana", "10.0.0.1"), 5000);
    b.settle(ticketOf(r), "void", 5000);
    // Back to five failures at t = 0: one second after the last, not after the refunded one.
    expect(b.waitMs(keys("ana", "10.0.0.1"), 1000)).toBe(0);
    const fresh = b.reserve(keys("bob", "10.0.0.2"), 0);
    b.settle(ticketOf(fresh), "void", 0);
    expect(b.size("account")).toBe(1);
  });

  it("caps the wait and forgets after an hour without failures", () => {
    const b = new MemoryAttemptBudgets();
    let now = 0;
    for (let i = 0; i < 20; i++) {
      now += b.waitMs([account("ana")], now);
      b.settle(ticketOf(b.reserve([account("ana")], now)), "failed", now);
    }
    expect(b.waitMs([account("ana")], now)).toBe(ACCOUNT_POLICY.maxMs);
    expect(b.waitMs([account("ana")], now + ACCOUNT_POLICY.forgetAfterMs + 1)).toBe(0);
  });

  it("a success resets the credential but not an address guessing at many accounts", () => {
    const b = new MemoryAttemptBudgets();
    for (let i = 0; i < 20; i++) fail(b, `user${i}`, "10.0.0.1", 0);
    expect(b.waitMs([account("someone-else"), address("10.0.0.1")], 0)).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) fail(b, "ana", "10.0.0.2", 0);
    const ok = b.reserve(keys("ana", "10.0.0.2"), 0);
    b.settle(ticketOf(ok), "succeeded", 0, [account("ana")]);
    expect(b.waitMs([account("ana")], 0)).toBe(0);
    expect(b.waitMs([address("10.0.0.1")], 0)).toBeGreaterThan(0);
  });

  it("a failure settled after a concurrent success still counts", () => {
    const b = new MemoryAttemptBudgets();
    const wrong = b.reserve([account("ana")], 0);
    const right = b.reserve([account("ana")], 0);
    b.settle(ticketOf(right), "succeeded", 0, [account("ana")]);
    b.settle(ticketOf(wrong), "failed", 0);
    for (let i = 0; i < ACCOUNT_POLICY.free - 1; i++) {
      b.settle(ticketOf(b.reserve([account("ana")], 0)), "failed", 0);
    }
    expect(b.waitMs([account("ana")], 0)).toBe(1000);
  });
});
