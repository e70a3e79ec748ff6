import { createHash, randomBytes } from "node:crypto";

/** 128-bit random id, URL-safe (22 characters). */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}

/** 256-bit random session token, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
