import { ErrorCode } from "@meridian/core";
import { HttpError } from "../errors";

/**
 * A stored ciphertext did not authenticate: flipped bytes, a value moved from another record,
 * field or user, a wrong key, or a value that is not ciphertext at all. Never returned as text.
 * Answered 409 (the stored record conflicts with the key that should open it), not 500.
 */
export class DecryptError extends HttpError {
  readonly context: string;
  constructor(context: string) {
    super(409, ErrorCode.decryptFailed, "A stored record could not be decrypted; nothing was changed");
    this.name = "DecryptError";
    this.context = context;
  }
}

/** The user's data key is not in server memory (server restarted, session expired or signed
 * out elsewhere): the client must sign in again to unlock the journal. */
export class SessionLockedError extends HttpError {
  constructor() {
    super(401, ErrorCode.sessionLocked, "Sign in again to unlock your journal");
    this.name = "SessionLockedError";
  }
}
