import { ErrorCode } from "@meridian/core";
import { HttpError } from "../errors";

/**
 * A stored ciphertext did not authenticate: flipped bytes, a value moved from another record,
 * field or user, a wrong key, or a value that is not ciphertext at all. Never returned as text.
 * Answered 409 (the stored record conflicts with the key that should open it), not 500.
 */
export class DecryptError extends HttpError {
  readonly context: string;
  /** The "table.column" that failed, when known. */
  readonly where: string | undefined;
  constructor(context: string, where?: string) {
    super(409, ErrorCode.decryptFailed, "A stored record could not be decrypted; nothing was changed");
    this.name = "DecryptError";
    this.context = context;
    this.where = where;
  }
}

/** The entry asked for exists but does not decrypt (422: the request is fine, the stored
 * record is not). Lists and search show every other entry and name this one as unreadable. */
export class EntryUnreadableError extends HttpError {
  constructor() {
    super(
      422,
      ErrorCode.entryUnreadable,
      "This entry could not be decrypted; your other entries are not affected. The server log names the field.",
    );
    this.name = "EntryUnreadableError";
  }
}

/** A prompt, preset, media item, session or sleep diary asked for on its own exists but does not
 * decrypt (422, like EntryUnreadableError); lists show every other record and name this one. */
export class RecordUnreadableError extends HttpError {
  constructor(what: string) {
    super(
      422,
      ErrorCode.recordUnreadable,
      `This ${what} could not be decrypted; your other records are not affected. The server log names the field.`,
    );
    this.name = "RecordUnreadableError";
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
