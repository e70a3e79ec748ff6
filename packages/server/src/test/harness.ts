import { type CreateAppOptions, createApp, type MeridianApp } from "../app";
import { KeyRing } from "../crypto/key-ring";
import { encryptStore } from "../store/encrypted-store";
import type { StorageKind, Store } from "../store/store";
import { openTestStore, type TestStore } from "../store/testing";

/** Test driver: a real app over a real, fresh store, and clients that keep their cookie. */

export const FAST_HASHING = { memoryCost: 256, timeCost: 1, parallelism: 1 };
export const PASSWORD = "correct horse battery";

export interface Harness {
  app: MeridianApp;
  /** The raw store: what is on disk (ciphertext for user text). */
  store: Store;
  /** The encrypting store the app uses, sharing its key ring (keys of signed-in clients). */
  secureStore: Store;
  keyRing: KeyRing;
  client(): Client;
  dispose(): Promise<void>;
}

export async function createHarness(
  kind: StorageKind = "sqlite",
  options: Partial<CreateAppOptions> = {},
): Promise<Harness> {
  const t: TestStore = await openTestStore(kind);
  const keyRing = options.keyRing ?? new KeyRing();
  const app = createApp({
    keyRing,
    store: t.store,
    version: "9.9.9-test",
    webDistDir: null,
    passwordHashing: FAST_HASHING,
    ...options,
  });
  return {
    app,
    store: t.store,
    secureStore: encryptStore(t.store, keyRing),
    keyRing,
    client: () => new Client(app),
    dispose: async () => {
      await app.dispose();
      await t.dispose();
    },
  };
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** Leave out X-Meridian-Client (to test the CSRF guard). */
  noClientHeader?: boolean;
  /** Send this raw string instead of JSON-encoding the body. */
  raw?: string;
}

export class Client {
  cookie: string | undefined;
  constructor(private readonly app: MeridianApp) {}

  async send(method: string, path: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (!options.noClientHeader && method !== "GET") headers["x-meridian-client"] = "test";
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    const res = await this.app.request(path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie?.startsWith("meridian_session=")) {
      const pair = setCookie.split(";")[0] ?? "";
      this.cookie = pair === "meridian_session=" ? undefined : pair;
    }
    return res;
  }

  get(path: string, options?: SendOptions) {
    return this.send("GET", path, undefined, options);
  }
  post(path: string, body?: unknown, options?: SendOptions) {
    return this.send("POST", path, body, options);
  }
  put(path: string, body?: unknown, options?: SendOptions) {
    return this.send("PUT", path, body, options);
  }
  patch(path: string, body?: unknown, options?: SendOptions) {
    return this.send("PATCH", path, body, options);
  }
  delete(path: string, options?: SendOptions) {
    return this.send("DELETE", path, undefined, options);
  }
}

/** JSON body of a response, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
export async function body(res: Response): Promise<any> {
  return res.clone().json();
}

/** Creates the owner through POST /api/setup and returns a signed-in client. */
export async function ownerClient(h: Harness, username = "owner"): Promise<Client> {
  const c = h.client();
  const res = await c.post("/api/setup", { username, password: PASSWORD, timeZone: "UTC" });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return c;
}

/** Creates a member through the owner's admin route, then signs them in. */
export async function memberClient(
  h: Harness,
  owner: Client,
  username: string,
  timeZone = "UTC",
): Promise<Client> {
  const created = await owner.post("/api/admin/users", { username, password: PASSWORD, timeZone });
  if (created.status !== 201)
    throw new Error(`create member failed: ${created.status} ${await created.text()}`);
  const c = h.client();
  const res = await c.post("/api/auth/login", { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return c;
}

/** Signs an existing user in (e.g. again, after a test moved the clock past the session). */
export async function login(h: Harness, username: string): Promise<Client> {
  const c = h.client();
  const res = await c.post("/api/auth/login", { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return c;
}
