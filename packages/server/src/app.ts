import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorCode } from "@meridian/core";
import type { Context } from "hono";
import type { ImportLimits } from "./archive/import-limits";
import type { AppDeps, AppEnv } from "./context";
import { KeyRing } from "./crypto/key-ring";
import type { BeforeMigrate } from "./crypto/legacy";
import { verifiedBackupBeforeMigrate } from "./crypto/legacy-backup";
import { defaultHook, errorBody, handleError } from "./errors";
import { sessionMiddleware } from "./http/auth";
import { DeviceCookies } from "./http/device-cookie";
import { apiBodyLimits, csrfGuard } from "./http/guards";
import {
  type AttemptBudgets,
  deviceCookieOnCreate,
  LoginRateLimiter,
  loginRateLimit,
  signupRateLimit,
} from "./http/rate-limit";
import { securityHeaders, strictTransportSecurity } from "./http/security-headers";
import { staticSite } from "./http/static";
import { DEFAULT_MEDIA_LIMIT_MB, rendersDir, type StudioFiles } from "./media/paths";
import type { PasswordHashing } from "./passwords";
import { RenderService } from "./render/render-service";
import { registerAccountDeleteRoutes } from "./routes/account-delete";
import { registerAdminRoutes } from "./routes/admin";
import { registerAuthRoutes } from "./routes/auth";
import { registerCheckupRoutes } from "./routes/checkups";
import { registerCrisisRoutes } from "./routes/crisis";
import { registerEntryRoutes } from "./routes/entries";
import { registerExperimentRoutes } from "./routes/experiments";
import { registerExportRoutes } from "./routes/export";
import { registerHealthRoutes } from "./routes/health";
import { registerImportRoutes } from "./routes/import";
import { registerInsightsRoutes } from "./routes/insights";
import { registerMeRoutes } from "./routes/me";
import { registerMediaRoutes } from "./routes/media";
import { registerPresetRoutes } from "./routes/presets";
import { registerPromptRoutes } from "./routes/prompts";
import { registerRenderRoutes } from "./routes/renders";
import { registerSearchRoutes } from "./routes/search";
import { registerSessionRoutes } from "./routes/sessions";
import { registerSetupRoutes } from "./routes/setup";
import { registerSleepDiaryRoutes } from "./routes/sleep-diaries";
import { registerTestClockRoutes } from "./routes/test-clock";
import { SearchService, type SearchServiceOptions } from "./search/search-service";
import { SESSION_COOKIE } from "./sessions";
import { encryptStore } from "./store/encrypted-store";
import type { Store } from "./store/store";
import { LevelMeter } from "./studio/level-runner";
import type { TestClock } from "./time";

export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));

export interface CreateAppOptions {
  store: Store;
  version: string;
  /** Built web app to serve; default packages/web/dist. null serves no web app (API only). */
  webDistDir?: string | null;
  /** Search index eviction tuning. */
  search?: SearchServiceOptions;
  /** argon2id cost. Leave unset in production; tests may pass cheaper parameters. */
  passwordHashing?: PasswordHashing;
  /** Trust X-Forwarded-Proto from a TLS-terminating reverse proxy (Secure cookies). */
  trustProxy?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  /** End-to-end tests only (MERIDIAN_TEST_CLOCK=1): a settable clock, with POST /api/test/clock. */
  testClock?: TestClock;
  /** Uploaded media (`media/<userId>/<id>`) and render files (`renders/`); default ./data. */
  dataDir?: string;
  /** Largest media upload in bytes (default 200 MB; MERIDIAN_MEDIA_LIMIT_MB via serve). */
  mediaLimitBytes?: number;
  /** Each user's uploads and kept renders together, in bytes (default 2 GB; MERIDIAN_MEDIA_QUOTA_MB). */
  mediaQuotaBytes?: number;
  /** Server renders in worker threads (default true); false: on the event loop, chunked. */
  renderThreads?: boolean;
  /** Caps of an import (archive/import-limits.ts; MERIDIAN_IMPORT_* via serve). */
  importLimits?: Partial<ImportLimits>;
  /** Unlocked keys by session (default: a new, empty ring — as after a restart). */
  keyRing?: KeyRing;
  /** Before a pre-encryption account is encrypted at its first sign-in. Default: a verified
   * backup in <dataDir>/backups, removed once the encrypted rows read back. */
  beforeEncryptionMigration?: BeforeMigrate;
  /** Sign-in and sign-up attempt budgets (default: a new LoginRateLimiter; in memory, per process). */
  loginRateLimiter?: AttemptBudgets;
}

export type MeridianApp = OpenAPIHono<AppEnv> & {
  /** Stops background timers (search index eviction, key sweep) and running renders; resolves
   * once their descriptions are written. */
  dispose(): Promise<void>;
};

/** The whole HTTP surface as a fetch-shaped Hono app; opens no port and no database. */
export function createApp(options: CreateAppOptions): MeridianApp {
  const dataDir = resolve(options.dataDir ?? "./data");
  let search: SearchService | undefined;
  const keyRing = options.keyRing ?? new KeyRing();
  keyRing.onDropUser((userId) => search?.forget(userId));
  const store = encryptStore(options.store, keyRing);
  search = new SearchService(store, options.search);
  // Keys of sessions that expired without another request leave memory within a minute.
  const keySweep = setInterval(() => keyRing.sweep(new Date()), 60_000);
  keySweep.unref();
  const beforeMigrate: BeforeMigrate =
    options.beforeEncryptionMigration ?? verifiedBackupBeforeMigrate(options.store, dataDir);
  const deps: AppDeps = {
    store,
    keyRing,
    search,
    version: options.version,
    accounts: {
      ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
      beforeMigrate,
    },
    now: options.now ?? options.testClock?.now ?? (() => new Date()),
    trustProxy: options.trustProxy ?? false,
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const studioFiles: StudioFiles = {
    dataDir,
    mediaLimitBytes: options.mediaLimitBytes ?? DEFAULT_MEDIA_LIMIT_MB * 1024 * 1024,
    ...(options.mediaQuotaBytes !== undefined ? { quotaBytes: options.mediaQuotaBytes } : {}),
  };
  const renders = new RenderService({
    dir: rendersDir(studioFiles),
    now: deps.now,
    ...(options.renderThreads !== undefined ? { threads: options.renderThreads } : {}),
  });

  app.use("*", securityHeaders, strictTransportSecurity(deps.trustProxy));
  app.use("/api/*", apiBodyLimits(), csrfGuard, sessionMiddleware(deps));
  const signInLimiter = options.loginRateLimiter ?? new LoginRateLimiter();
  const devices = new DeviceCookies(store);
  const limitSignIn = loginRateLimit(signInLimiter, devices, { ...deps, issueDeviceCookie: true });
  app.use("/api/auth/login", limitSignIn);
  app.use("/api/auth/recover", limitSignIn);
  app.use("/api/auth/signup", signupRateLimit(signInLimiter, deps));
  app.use("/api/auth/signup", deviceCookieOnCreate(devices, deps.trustProxy));
  app.use("/api/setup", deviceCookieOnCreate(devices, deps.trustProxy));
  // Re-entering the password while signed in counts against the signed-in account (and address);
  // a request without a session is answered 401 by the route and guesses nothing.
  const userOfRequest = (c: Context) => (c as Context<AppEnv>).get("user");
  const limitReentry = loginRateLimit(signInLimiter, devices, {
    ...deps,
    account: (c) => userOfRequest(c)?.username ?? null,
  });
  for (const path of ["/api/me/password", "/api/me/recovery-key", "/api/me/delete"]) {
    app.use(path, (c, next) => (userOfRequest(c) ? limitReentry(c, next) : next()));
  }

  registerHealthRoutes(app, deps);
  registerSetupRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerMeRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerEntryRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerPromptRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerSleepDiaryRoutes(app, deps);
  registerCheckupRoutes(app, deps);
  registerInsightsRoutes(app, deps);
  registerCrisisRoutes(app);
  const levels = new LevelMeter();
  registerPresetRoutes(app, deps, levels);
  registerExperimentRoutes(app, deps, levels);
  registerMediaRoutes(app, deps, studioFiles, renders);
  registerRenderRoutes(app, deps, renders, studioFiles);
  registerExportRoutes(app, deps, studioFiles);
  registerImportRoutes(app, deps, studioFiles, renders, options.importLimits);
  registerAccountDeleteRoutes(app, deps, studioFiles, renders);
  if (options.testClock) registerTestClockRoutes(app, options.testClock);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "Session cookie set by /api/setup, /api/auth/signup and /api/auth/login",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Meridian API",
      version: options.version,
      description:
        "Change requests (POST/PUT/PATCH/DELETE) that carry the session cookie must also send the header X-Meridian-Client.",
    },
  });

  app.all("/api/*", (c) => c.json(errorBody(ErrorCode.notFound, "No such API route"), 404));
  if (options.webDistDir !== null) {
    app.on(["GET", "HEAD"], "*", staticSite(options.webDistDir ?? DEFAULT_WEB_DIST_DIR));
  }
  app.notFound((c) => c.json(errorBody(ErrorCode.notFound, "Not found"), 404));
  app.onError(handleError);

  return Object.assign(app, {
    dispose: async () => {
      clearInterval(keySweep);
      deps.search.dispose();
      await levels.dispose();
      // Lets running renders stop and their descriptions land before the caller goes on.
      await renders.dispose();
    },
  });
}
