import type { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorCode } from "@meridian/core";
import type { Context } from "hono";
import type { AccountOptions } from "./accounts";
import type { KeyRing } from "./crypto/key-ring";
import { HttpError } from "./errors";
import type { SearchService } from "./search/search-service";
import type { Store, UserRecord } from "./store/store";

/** What route groups need, handed over by createApp. */
export interface AppDeps {
  /** The encrypting store (store/encrypted-store.ts): what every route reads and writes. */
  store: Store;
  /** Unlocked data keys by session, in memory only. */
  keyRing: KeyRing;
  search: SearchService;
  version: string;
  accounts: AccountOptions;
  now: () => Date;
  /** Honour X-Forwarded-Proto when deciding whether cookies are Secure. */
  trustProxy: boolean;
}

export type AppEnv = {
  Variables: {
    /** Set by the session middleware when the request carries a valid session. */
    user: UserRecord | undefined;
    sessionTokenHash: string | undefined;
    /** The cookie names a live session whose key is not in memory (e.g. after a restart). */
    sessionLocked: boolean;
  };
};

export type App = OpenAPIHono<AppEnv>;

/** The signed-in user; requireUser has already answered 401 when there is none. */
export function userOf(c: Context<AppEnv>): UserRecord {
  const user = c.get("user");
  if (!user) throw new HttpError(401, ErrorCode.unauthenticated, "Sign in first");
  return user;
}
