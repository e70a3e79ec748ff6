import { z } from "zod";

/** Every failed request answers with this body and a 4xx/5xx status. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Stable machine-readable error codes used across the API. */
export const ErrorCode = {
  validation: "validation_failed",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "revision_conflict",
  exists: "already_exists",
  signupsClosed: "signups_closed",
  setupDone: "setup_already_done",
  invalidCredentials: "invalid_credentials",
  tooLarge: "payload_too_large",
  badJson: "malformed_json",
  /** The session is valid but its encryption key is not in server memory (server restarted). */
  sessionLocked: "session_locked",
  /** A stored record failed authentication (tampered, moved or wrong key); never garbage. */
  decryptFailed: "decrypt_failed",
  /** The entry asked for is stored but does not decrypt; the other entries are unaffected. */
  entryUnreadable: "entry_unreadable",
  /** The prompt, preset, media item, session or sleep diary asked for is stored but does not
   * decrypt (422); lists show every other record and name this one in `unreadable`. */
  recordUnreadable: "record_unreadable",
  recoveryKeyInvalid: "recovery_key_invalid",
  /** A new password is one of the most common ones or trivially guessed (400, with `field`). */
  weakPassword: "weak_password",
  /** Too many failed sign-in attempts: wait the Retry-After seconds. */
  rateLimited: "rate_limited",
} as const;
