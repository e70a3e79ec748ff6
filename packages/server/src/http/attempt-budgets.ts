/**
 * Budgets of password (or recovery key) attempts, with exponential backoff.
 *
 * Each key (an account's untrusted clients, one device, a client address…) counts its failed
 * attempts. The first `free` failures cost nothing; after that every further attempt must wait
 * `baseMs · 2^(failures − free)` (capped at `maxMs`) from the last failure. A key forgets its
 * failures after `forgetAfterMs` without one.
 *
 * An attempt is charged BEFORE the password is checked: `reserve` decides and counts in one
 * step, so a hundred concurrent guesses cannot all pass a check that none of them has yet
 * counted against. The outcome then settles the charge: a failure keeps it, a success forgives
 * the credential's key, anything else (a validation error) refunds it.
 *
 * `AttemptBudgets` is the interface the sign-in middleware talks to; `MemoryAttemptBudgets`
 * keeps the counts in this process's memory — right for the single server process Meridian is
 * (a restart forgets them; several processes would each count alone). A shared implementation
 * (the database, Redis) must make `reserve` atomic across processes; the middleware awaits
 * every call, so it may be asynchronous.
 */
export interface BackoffPolicy {
  /** Failures allowed before any waiting. */
  free: number;
  baseMs: number;
  maxMs: number;
  forgetAfterMs: number;
}

/** Kinds of budget; each has its own policy. */
export type BudgetKind = "account" | "device" | "address" | "signup";

export interface BudgetKey {
  kind: BudgetKind;
  id: string;
}

export type Reservation = { ok: true; ticket: unknown } | { ok: false; waitMs: number };

/** How an attempt ended: a wrong secret, a right one, or no check at all (refunded). */
export type AttemptOutcome = "failed" | "succeeded" | "void";

type MaybePromise<T> = T | Promise<T>;

export interface AttemptBudgets {
  /** Atomically: if every key may try now, charge each one attempt; otherwise the longest wait. */
  reserve(keys: readonly BudgetKey[], now: number): MaybePromise<Reservation>;
  /** Settles a reservation. On success, `forgive` lists the keys whose count starts over (the
   * others are refunded). */
  settle(
    ticket: unknown,
    outcome: AttemptOutcome,
    now: number,
    forgive?: readonly BudgetKey[],
  ): MaybePromise<void>;
}

export const ACCOUNT_POLICY: BackoffPolicy = {
  free: 5,
  baseMs: 1000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** An address may sign several people in (a household behind one router): more leeway. */
export const ADDRESS_POLICY: BackoffPolicy = {
  free: 20,
  baseMs: 1000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** A browser that signed in before: its own budget, as strict as an account's. */
export const DEVICE_POLICY: BackoffPolicy = ACCOUNT_POLICY;

/** "That username is taken" answers per client address (sign-up enumeration). */
export const SIGNUP_POLICY: BackoffPolicy = {
  free: 5,
  baseMs: 2000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** Most keys remembered per kind; past this the oldest are forgotten first (bounded memory). */
export const MAX_TRACKED_KEYS = 50_000;

interface Failures {
  count: number;
  lastAt: number;
}

interface Charge {
  key: string;
  /** The entry charged; a reset or forgetting replaces it. */
  entry: Failures;
  at: number;
  previousLastAt: number | undefined;
}

class BackoffCounter {
  readonly #policy: BackoffPolicy;
  readonly #keys = new Map<string, Failures>();

  constructor(policy: BackoffPolicy) {
    this.#policy = policy;
  }

  #current(key: string, now: number): Failures | undefined {
    const entry = this.#keys.get(key);
    if (entry && now - entry.lastAt > this.#policy.forgetAfterMs) {
      this.#keys.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Milliseconds until `key` may try again (0: now). */
  waitMs(key: string, now: number): number {
    const entry = this.#current(key, now);
    if (!entry || entry.count < this.#policy.free) return 0;
    const exponent = Math.min(entry.count - this.#policy.free, 30);
    const delay = Math.min(this.#policy.baseMs * 2 ** exponent, this.#policy.maxMs);
    return Math.max(0, entry.lastAt + delay - now);
  }

  /** Counts one attempt now (as a failure until settled otherwise). */
  charge(key: string, now: number): Charge {
    const entry = this.#current(key, now) ?? { count: 0, lastAt: now };
    const previousLastAt = entry.count > 0 ? entry.lastAt : undefined;
    entry.count += 1;
    entry.lastAt = now;
    // Re-inserted: the map's order is least recently charged first.
    this.#keys.delete(key);
    this.#keys.set(key, entry);
    if (this.#keys.size > MAX_TRACKED_KEYS) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
    return { key, entry, at: now, previousLastAt };
  }

  /** The attempt failed. If the count was reset meanwhile, the failure is counted anew. */
  keep(charge: Charge, now: number): void {
    if (this.#keys.get(charge.key) !== charge.entry) this.charge(charge.key, now);
  }

  /** The attempt was not a guess: take the charge back. */
  refund(charge: Charge): void {
    const entry = this.#keys.get(charge.key);
    if (entry !== charge.entry) return;
    entry.count -= 1;
    if (entry.count <= 0) {
      this.#keys.delete(charge.key);
      return;
    }
    // Unless charged again since, the last failure is the one before this attempt.
    if (entry.lastAt === charge.at && charge.previousLastAt !== undefined) {
      entry.lastAt = charge.previousLastAt;
    }
  }

  reset(key: string): void {
    this.#keys.delete(key);
  }

  get size(): number {
    return this.#keys.size;
  }
}

interface Ticket {
  charges: { kind: BudgetKind; charge: Charge }[];
}

export class MemoryAttemptBudgets implements AttemptBudgets {
  readonly #counters: Record<BudgetKind, BackoffCounter>;

  constructor(policies: Partial<Record<BudgetKind, BackoffPolicy>> = {}) {
    this.#counters = {
      account: new BackoffCounter(policies.account ?? ACCOUNT_POLICY),
      device: new BackoffCounter(policies.device ?? DEVICE_POLICY),
      address: new BackoffCounter(policies.address ?? ADDRESS_POLICY),
      signup: new BackoffCounter(policies.signup ?? SIGNUP_POLICY),
    };
  }

  /** Milliseconds until every key may try again (0: now). Looks only; charges nothing. */
  waitMs(keys: readonly BudgetKey[], now: number): number {
    return Math.max(0, ...keys.map((k) => this.#counters[k.kind].waitMs(k.id, now)));
  }

  // Synchronous from the check to the charge: no other request can run in between.
  reserve(keys: readonly BudgetKey[], now: number): Reservation {
    const wait = this.waitMs(keys, now);
    if (wait > 0) return { ok: false, waitMs: wait };
    const ticket: Ticket = {
      charges: keys.map((k) => ({ kind: k.kind, charge: this.#counters[k.kind].charge(k.id, now) })),
    };
    return { ok: true, ticket };
  }

  settle(ticket: unknown, outcome: AttemptOutcome, now: number, forgive: readonly BudgetKey[] = []): void {
    for (const { kind, charge } of (ticket as Ticket).charges) {
      const counter = this.#counters[kind];
      if (outcome === "failed") counter.keep(charge, now);
      else if (outcome === "succeeded" && forgive.some((k) => k.kind === kind && k.id === charge.key)) {
        counter.reset(charge.key);
      } else counter.refund(charge);
    }
  }

  /** Keys remembered of a kind (for tests of the memory bound). */
  size(kind: BudgetKind): number {
    return this.#counters[kind].size;
  }
}
