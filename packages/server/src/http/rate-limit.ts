import { getConnInfo } from "@hono/node-server/conninfo";
import { ErrorCode } from "@meridian/core";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "../errors";
import { budgetAddress } from "./address-key";
import {
  ACCOUNT_POLICY,
  type AttemptBudgets,
  type AttemptOutcome,
  type BackoffPolicy,
  type BudgetKey,
  MemoryAttemptBudgets,
} from "./attempt-budgets";
import type { DeviceCookies } from "./device-cookie";

export {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  type AttemptBudgets,
  type BackoffPolicy,
  DEVICE_POLICY,
  MAX_TRACKED_KEYS,
  SIGNUP_POLICY,
} from "./attempt-budgets";

/**
 * Sign-in attempts, limited with exponential backoff (see attempt-budgets.ts) and counted
 * before the password is checked.
 *
 * A client without a device cookie for the account (an untrusted client) is limited by the
 * account's untrusted budget and by its address's (an IPv6 address's /64). A client presenting a valid device cookie
 * for the account (device-cookie.ts) is limited by that device's own budget only: failures from
 * elsewhere never lock the owner's own browser out, and a stolen or guessing device still gets
 * only its own few attempts.
 */
export class LoginRateLimiter extends MemoryAttemptBudgets {
  constructor(account: BackoffPolicy = ACCOUNT_POLICY, address?: BackoffPolicy, device?: BackoffPolicy) {
    super({ account, ...(address ? { address } : {}), device: device ?? account });
  }
}

/** The client's address: the socket's, or behind a trusted proxy the one it appended last.
 * Budgets are kept per clientAddressKey (an IPv6 address's /64), not per address. */
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

/** The key the client's address budgets are kept under: its IPv4 address, or its IPv6 /64
 * (address-key.ts), so a host cannot rotate through its 2^64 addresses for fresh budgets. */
export function clientAddressKey(c: Context, trustProxy: boolean): string {
  return budgetAddress(clientAddress(c, trustProxy));
}

/** Codes an attempt failed with (a wrong password, a wrong recovery key). */
const FAILURE_CODES = new Set<string>([ErrorCode.invalidCredentials, ErrorCode.recoveryKeyInvalid]);

async function errorCodeOf(res: Response): Promise<string | null> {
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === "string" ? body.error.code : null;
  } catch {
    return null;
  }
}

async function outcomeOf(res: Response): Promise<AttemptOutcome> {
  if (res.status >= 200 && res.status < 300) return "succeeded";
  if (res.status === 401) return "failed";
  // 400 from sign-in, recovery and password re-entry; 403 from account deletion.
  if (res.status !== 400 && res.status !== 403) return "void";
  const code = await errorCodeOf(res);
  return code !== null && FAILURE_CODES.has(code) ? "failed" : "void";
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

function tooMany(c: Context, waitMs: number, what: string) {
  const seconds = Math.ceil(waitMs / 1000);
  return c.json(
    errorBody(ErrorCode.rateLimited, `Too many ${what}. Try again in ${formatWait(seconds)}.`),
    429,
    {
      "Retry-After": String(seconds),
    },
  );
}

/**
 * Guards a sign-in style route (POST with a JSON `username`): reserves an attempt before the
 * route checks anything (429 with Retry-After when the budget is spent), then keeps the charge
 * for a wrong secret, forgives on success and refunds anything else.
 */
export function loginRateLimit(
  budgets: AttemptBudgets,
  devices: DeviceCookies,
  options: {
    trustProxy: boolean;
    now: () => Date;
    /** The account an attempt is against; default: the JSON body's `username`. */
    account?: (c: Context) => string | null;
    /** Give the client a fresh device cookie after a success (sign-in and recovery). */
    issueDeviceCookie?: boolean;
  },
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const address = clientAddressKey(c, options.trustProxy);
    const account = options.account ? options.account(c) : await accountOf(c);
    const device = account === null ? null : await devices.deviceOf(c, account);
    const addressKey: BudgetKey = { kind: "address", id: address };
    // The key a success forgives: the device's, or the account's for untrusted clients.
    const credential: BudgetKey | null =
      device !== null
        ? { kind: "device", id: device }
        : account !== null
          ? { kind: "account", id: account }
          : null;
    // A trusted device is limited by its own budget only; untrusted clients by the account's
    // and their address's.
    let keys: BudgetKey[];
    if (credential === null) keys = [addressKey];
    else if (device !== null) keys = [credential];
    else keys = [credential, addressKey];
    const reservation = await budgets.reserve(keys, options.now().getTime());
    if (!reservation.ok) return tooMany(c, reservation.waitMs, "sign-in attempts");
    let outcome: AttemptOutcome = "void";
    try {
      await next();
      outcome = await outcomeOf(c.res);
    } finally {
      await budgets.settle(
        reservation.ticket,
        outcome,
        options.now().getTime(),
        credential ? [credential] : [],
      );
    }
    if (outcome === "succeeded" && account !== null && options.issueDeviceCookie) {
      await devices.set(c, account, options.trustProxy);
    }
  };
}

/**
 * Sign-up answers "that username is taken" at most a few times per client address (an IPv6
 * client's /64) before backing off like sign-in does, so account names cannot be listed by
 * brute force.
 */
export function signupRateLimit(
  budgets: AttemptBudgets,
  options: { trustProxy: boolean; now: () => Date },
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const keys: BudgetKey[] = [{ kind: "signup", id: clientAddressKey(c, options.trustProxy) }];
    const reservation = await budgets.reserve(keys, options.now().getTime());
    if (!reservation.ok) return tooMany(c, reservation.waitMs, "sign-ups with a taken username");
    let outcome: AttemptOutcome = "void";
    try {
      await next();
      if (c.res.status === 409 && (await errorCodeOf(c.res)) === "already_exists") outcome = "failed";
    } finally {
      await budgets.settle(reservation.ticket, outcome, options.now().getTime());
    }
  };
}

/** After an account was created (setup, sign-up), this browser is one of its devices. */
export function deviceCookieOnCreate(devices: DeviceCookies, trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== "POST" || c.res.status !== 201) return;
    try {
      const created = (await c.res.clone().json()) as { username?: unknown };
      if (typeof created.username === "string") await devices.set(c, created.username, trustProxy);
    } catch {
      // Not a JSON user: no cookie.
    }
  };
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
