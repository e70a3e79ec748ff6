import { getConnInfo } from "@hono/node-server/conninfo";
import { ErrorCode } from "@meridian/core";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "../errors";

/**
 * Sign-in attempts limited per account and per client address, with exponential backoff.
 *
 * Each key (an account name, an address) counts its failed attempts. The first `free` failures
 * cost nothing; after that every further attempt must wait `baseMs · 2^(failures − free)`
 * (capped at `maxMs`) from the last failure. A success resets the account's count (not the
 * address's: one address guessing at many accounts keeps its count). A key forgets its failures
 * after `forgetAfterMs` without one.
 *
 * In memory: right for the single-process server Meridian is (a restart forgets the counts).
 * Several processes behind one proxy would each count separately.
 */
export interface BackoffPolicy {
  /** Failures allowed before any waiting. */
  free: number;
  baseMs: number;
  maxMs: number;
  forgetAfterMs: number;
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

/** Most keys remembered per kind; past this the oldest are forgotten first (bounded memory). */
export const MAX_TRACKED_KEYS = 50_000;

interface Failures {
  count: number;
  lastAt: number;
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

  fail(key: string, now: number): void {
    const entry = this.#current(key, now);
    this.#keys.delete(key);
    this.#keys.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now });
    if (this.#keys.size > MAX_TRACKED_KEYS) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
  }

  reset(key: string): void {
    this.#keys.delete(key);
  }

  get size(): number {
    return this.#keys.size;
  }
}

export class LoginRateLimiter {
  readonly accounts: BackoffCounter;
  readonly addresses: BackoffCounter;

  constructor(account: BackoffPolicy = ACCOUNT_POLICY, address: BackoffPolicy = ADDRESS_POLICY) {
    this.accounts = new BackoffCounter(account);
    this.addresses = new BackoffCounter(address);
  }

  /** Milliseconds to wait before this account may be tried from this address (0: go ahead). */
  waitMs(account: string | null, address: string, now: number): number {
    return Math.max(
      account === null ? 0 : this.accounts.waitMs(account, now),
      this.addresses.waitMs(address, now),
    );
  }

  failed(account: string | null, address: string, now: number): void {
    if (account !== null) this.accounts.fail(account, now);
    this.addresses.fail(address, now);
  }

  succeeded(account: string): void {
    this.accounts.reset(account);
  }
}

/** The client's address: the socket's, or behind a trusted proxy the one it appended last. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process requests (tests, app.request) have no socket.
    return "unknown";
  }
}

/** Codes an attempt failed with (a wrong password, a wrong recovery key). */
const FAILURE_CODES = new Set<string>([ErrorCode.invalidCredentials, ErrorCode.recoveryKeyInvalid]);

async function isFailedAttempt(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  // 400 from sign-in, recovery and password re-entry; 403 from account deletion.
  if (res.status !== 400 && res.status !== 403) return false;
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === "string" && FAILURE_CODES.has(body.error.code);
  } catch {
    return false;
  }
}

async function accountOf(c: Context): Promise<string | null> {
  try {
    const body: unknown = await c.req.json();
    if (body && typeof body === "object" && "username" in body && typeof body.username === "string") {
      const name = body.username.trim().toLowerCase();
      return name.length > 0 && name.length <= 64 ? name : null;
    }
  } catch {
    // Malformed JSON: the route's validator answers it; only the address counts.
  }
  return null;
}

/**
 * Guards a sign-in style route (POST with a JSON `username`): answers 429 with Retry-After
 * while the account or address must wait, counts failed attempts, resets on success.
 */
export function loginRateLimit(
  limiter: LoginRateLimiter,
  options: {
    trustProxy: boolean;
    now: () => Date;
    /** The account an attempt is against; default: the JSON body's `username`. */
    account?: (c: Context) => string | null;
  },
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const address = clientAddress(c, options.trustProxy);
    const account = options.account ? options.account(c) : await accountOf(c);
    const wait = limiter.waitMs(account, address, options.now().getTime());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return c.json(
        errorBody(ErrorCode.rateLimited, `Too many sign-in attempts. Try again in ${formatWait(seconds)}.`),
        429,
        { "Retry-After": String(seconds) },
      );
    }
    await next();
    const now = options.now().getTime();
    if (c.res.status >= 200 && c.res.status < 300) {
      if (account !== null) limiter.succeeded(account);
    } else if (await isFailedAttempt(c.res)) {
      limiter.failed(account, address, now);
    }
  };
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
