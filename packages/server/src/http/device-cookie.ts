import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Store } from "../store/store";
import { isHttps } from "./auth";

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies").
 *
 * A browser that signs in successfully gets `meridian_device = <nonce>.<mac>`, where mac is
 * HMAC-SHA-256 under a server secret of the account name and the nonce. The name is not in the
 * cookie: a cookie is valid only for the account it was issued for. A sign-in that presents a
 * valid cookie for the account it names is limited by that device's own budget, not by the
 * account's lockout, so an attacker guessing from elsewhere locks out only untrusted clients
 * and never the owner's own browser. A forged cookie, or one for another account, is ignored.
 *
 * The secret is made once per instance and kept in the settings table (`device_cookie_secret`),
 * so cookies survive restarts and hold for every process on one database.
 */
export const DEVICE_COOKIE = "meridian_device";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const SECRET_SETTING = "device_cookie_secret";

export class DeviceCookies {
  readonly #store: Store;
  #secret: Promise<Buffer> | undefined;

  constructor(store: Store) {
    this.#store = store;
  }

  /** The instance's secret: read, or made on first use (a racing writer's value wins for all). */
  secret(): Promise<Buffer> {
    this.#secret ??= (async () => {
      let value = await this.#store.getSetting(SECRET_SETTING);
      if (typeof value !== "string") {
        // Insert-if-absent: two processes starting together on one database keep one secret.
        await this.#store.setSettingIfAbsent(SECRET_SETTING, randomBytes(32).toString("base64"));
        value = await this.#store.getSetting(SECRET_SETTING);
      }
      if (typeof value !== "string") throw new Error("The device cookie secret could not be stored");
      return Buffer.from(value, "base64");
    })().catch((error: unknown) => {
      this.#secret = undefined;
      throw error;
    });
    return this.#secret;
  }

  async #mac(account: string, nonce: string): Promise<Buffer> {
    return createHmac("sha256", await this.secret())
      .update(`${account}\n${nonce}`)
      .digest();
  }

  /** A new cookie value for this account. */
  async issue(account: string): Promise<string> {
    const nonce = randomBytes(16).toString("base64url");
    return `${nonce}.${(await this.#mac(account, nonce)).toString("base64url")}`;
  }

  /** The device's id (its nonce) when `value` is a valid cookie for `account`, else null. */
  async verify(value: string | undefined, account: string): Promise<string | null> {
    if (!value || value.length > 200) return null;
    const [nonce, mac, extra] = value.split(".");
    if (!nonce || !mac || extra !== undefined || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) return null;
    const given = Buffer.from(mac, "base64url");
    const expected = await this.#mac(account, nonce);
    return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
  }

  /** The device id of the request's cookie for `account`, or null (an untrusted client). */
  deviceOf(c: Context, account: string): Promise<string | null> {
    return this.verify(getCookie(c, DEVICE_COOKIE), account);
  }

  /** Gives the client a fresh device cookie for `account` (after a successful sign-in). */
  async set(c: Context, account: string, trustProxy: boolean): Promise<void> {
    setCookie(c, DEVICE_COOKIE, await this.issue(account), {
      httpOnly: true,
      sameSite: "Lax",
      path: "/api",
      secure: isHttps(c, trustProxy),
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
  }
}
