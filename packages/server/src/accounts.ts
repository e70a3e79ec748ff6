import { z } from "@hono/zod-openapi";
import { PasswordSchema, RoleSchema, TimeZoneSchema, type User, UsernameSchema } from "@meridian/core";
import {
  createAccountKeys,
  passwordWrap,
  recoveryWrap,
  unlockWithPassword,
  unlockWithRecoveryKey,
} from "./crypto/account-keys";
import type { UserKey } from "./crypto/keys";
import { type BeforeMigrate, encryptLegacyAccount, type PreMigrationBackup } from "./crypto/legacy";
import { newId } from "./ids";
import { passwordWeakness } from "./password-strength";
import { DEFAULT_PASSWORD_HASHING, hashPassword, type PasswordHashing, verifyPassword } from "./passwords";
import { presentUser } from "./presenters/user";
import type { Role, Store, UserRecord } from "./store/store";

/** Account functions shared by the HTTP routes and the `meridian user` CLI. */

export type AccountErrorCode =
  | "validation_failed"
  | "already_exists"
  | "setup_already_done"
  | "not_found"
  | "last_owner"
  | "invalid_credentials"
  | "recovery_key_invalid"
  | "weak_password";

export class AccountError extends Error {
  readonly code: AccountErrorCode;
  readonly field: string | undefined;
  constructor(code: AccountErrorCode, message: string, field?: string) {
    super(message);
    this.name = "AccountError";
    this.code = code;
    this.field = field;
  }
}

export interface AccountOptions {
  /** argon2id cost; defaults to production parameters. Only tests should lower it. */
  passwordHashing?: PasswordHashing;
  now?: () => Date;
  /** Runs before a pre-encryption account's rows are encrypted (a verified backup). */
  beforeMigrate?: BeforeMigrate;
}

/** A new account: the user, their unlocked key, and the recovery key to show once. */
export interface CreatedAccount {
  user: User;
  key: UserKey;
  recoveryKey: string;
}

const costOf = (options: AccountOptions) => options.passwordHashing ?? DEFAULT_PASSWORD_HASHING;
const nowOf = (options: AccountOptions) => options.now?.() ?? new Date();

export interface NewUserInput {
  username: string;
  password: string;
  timeZone?: string;
  role?: Role;
}

/** Throws weak_password (on `field`) when the password is too easy to guess. */
function refuseWeak(password: string, username: string, field: string): void {
  const weakness = passwordWeakness(password, [username]);
  if (weakness) throw new AccountError("weak_password", weakness, field);
}

/** Checks a new password's length (core's schema) and strength. Throws AccountError. */
function checkNewPassword(password: string, username: string, field: string): void {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) {
    throw new AccountError("validation_failed", parsed.error.issues[0]?.message ?? "Invalid password", field);
  }
  refuseWeak(password, username, field);
}

const NewUserSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  timeZone: TimeZoneSchema.default("UTC"),
  role: RoleSchema.default("member"),
});

async function buildUser(
  input: NewUserInput,
  options: AccountOptions,
): Promise<{ record: UserRecord; password: string }> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AccountError("validation_failed", issue?.message ?? "Invalid input", issue?.path.join("."));
  }
  const { username, password, timeZone, role } = parsed.data;
  refuseWeak(password, username, "password");
  const record: UserRecord = {
    id: newId(),
    username,
    passwordHash: await hashPassword(password, costOf(options)),
    role,
    timeZone,
    createdAt: nowOf(options).toISOString(),
  };
  return { record, password };
}

/** Creates and stores the account's data key, wrapped by the password and a recovery key. */
async function withKeys(store: Store, user: UserRecord, password: string, options: AccountOptions) {
  const keys = await createAccountKeys(user.id, password, costOf(options), nowOf(options));
  await store.vault.insertUserKeys(keys.record);
  return { user: presentUser(user), key: keys.key, recoveryKey: keys.recoveryKey };
}

/** Creates a user (member unless role says otherwise). Throws AccountError. */
export async function createUser(
  store: Store,
  input: NewUserInput,
  options: AccountOptions = {},
): Promise<CreatedAccount> {
  const { record, password } = await buildUser(input, options);
  const inserted = await store.insertUser(record);
  if (!inserted) throw new AccountError("already_exists", "That username is taken", "username");
  return withKeys(store, inserted, password, options);
}

/** Creates the instance owner, only while no owner exists (race-safe). Throws AccountError. */
export async function createOwner(
  store: Store,
  input: NewUserInput,
  options: AccountOptions = {},
): Promise<CreatedAccount> {
  if (await store.hasOwner())
    throw new AccountError("setup_already_done", "This instance already has an owner");
  const { record, password } = await buildUser({ ...input, role: "owner" }, options);
  const result = await store.insertFirstOwner(record);
  if (result.status === "owner_exists") {
    throw new AccountError("setup_already_done", "This instance already has an owner");
  }
  if (result.status === "username_taken") {
    throw new AccountError("already_exists", "That username is taken", "username");
  }
  return withKeys(store, result.user, password, options);
}

// A real argon2id hash of a random string, so unknown usernames cost as much as wrong passwords.
let dummyHash: Promise<string> | undefined;

/** The user's record when the credentials match, otherwise null (same work for unknown users). */
async function checkPassword(store: Store, username: string, password: string): Promise<UserRecord | null> {
  const user = await store.findUserByUsername(username.trim().toLowerCase());
  if (!user) {
    dummyHash ??= hashPassword(newId());
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** A signed-in account with its key unlocked. */
export interface UnlockedAccount {
  user: User;
  key: UserKey;
  /** Set when this sign-in just encrypted a pre-encryption account: its first recovery key. */
  recoveryKey?: string;
  /** The verified backup taken before that migration; the caller discards it once the
   * migrated rows read back. */
  backup?: PreMigrationBackup | null;
}

/**
 * Checks the password and opens the account's data key. An account from before encryption
 * gets its keys now and its rows encrypted (see crypto/legacy.ts). Null for wrong credentials.
 */
export async function signIn(
  store: Store,
  username: string,
  password: string,
  options: AccountOptions = {},
): Promise<UnlockedAccount | null> {
  const user = await checkPassword(store, username, password);
  if (!user) return null;
  const record = await store.vault.getUserKeys(user.id);
  if (!record) {
    const migrated = await encryptLegacyAccount(
      store,
      user.id,
      password,
      costOf(options),
      nowOf(options),
      options.beforeMigrate,
    );
    if (migrated) {
      return {
        user: presentUser(user),
        key: migrated.key,
        recoveryKey: migrated.recoveryKey,
        backup: migrated.backup,
      };
    }
    // Another sign-in migrated the account meanwhile: open the keys it stored.
    return signIn(store, username, password, options);
  }
  const key = await unlockWithPassword(record, password);
  if (!key) throw new Error(`The password of ${user.id} matches its hash but does not open its key`);
  return { user: presentUser(user), key };
}

/** Changes the password: checks the current one, then re-wraps the data key (no entry is
 * re-encrypted) and stores the new login hash in the same transaction. */
export async function changePassword(
  store: Store,
  userId: string,
  currentPassword: string,
  newPassword: string,
  options: AccountOptions = {},
): Promise<UserKey> {
  const user = await store.findUserById(userId);
  checkNewPassword(newPassword, user?.username ?? "", "newPassword");
  const record = await store.vault.getUserKeys(userId);
  const key =
    user && record && (await verifyPassword(user.passwordHash, currentPassword))
      ? await unlockWithPassword(record, currentPassword)
      : null;
  if (!key)
    throw new AccountError("invalid_credentials", "Your current password is not right", "currentPassword");
  await rewrap(store, key, newPassword, options);
  return key;
}

async function rewrap(store: Store, key: UserKey, password: string, options: AccountOptions): Promise<void> {
  const wrap = await passwordWrap(key, password, costOf(options));
  const passwordHash = await hashPassword(password, costOf(options));
  await store.vault.updatePasswordWrap(key.userId, {
    ...wrap,
    passwordHash,
    updatedAt: nowOf(options).toISOString(),
  });
}

/**
 * Sets a new password with the recovery key (forgotten password). The data key is re-wrapped,
 * so every entry stays readable; the recovery key itself stays valid. The caller ends the
 * account's other sessions.
 */
export async function resetPasswordWithRecoveryKey(
  store: Store,
  username: string,
  recoveryKey: string,
  newPassword: string,
  options: AccountOptions = {},
): Promise<UnlockedAccount> {
  checkNewPassword(newPassword, username.trim().toLowerCase(), "newPassword");
  const user = await store.findUserByUsername(username.trim().toLowerCase());
  const record = user ? await store.vault.getUserKeys(user.id) : null;
  const key = record ? unlockWithRecoveryKey(record, recoveryKey) : null;
  if (!user || !key) {
    throw new AccountError(
      "recovery_key_invalid",
      "That username and recovery key do not match an account",
      "recoveryKey",
    );
  }
  await rewrap(store, key, newPassword, options);
  return { user: presentUser(user), key };
}

/** A new recovery key (after the password is re-entered); the previous one stops working. */
export async function regenerateRecoveryKey(
  store: Store,
  userId: string,
  password: string,
  options: AccountOptions = {},
): Promise<string> {
  const user = await store.findUserById(userId);
  const record = await store.vault.getUserKeys(userId);
  const key =
    user && record && (await verifyPassword(user.passwordHash, password))
      ? await unlockWithPassword(record, password)
      : null;
  if (!key) throw new AccountError("invalid_credentials", "That password is not right", "password");
  const { change, recoveryKey } = recoveryWrap(userId, key.dataKey, nowOf(options));
  key.wipe();
  await store.vault.updateRecoveryWrap(userId, change);
  return recoveryKey;
}

/** The user when the credentials match, otherwise null (same answer for unknown users). */
export async function verifyLogin(store: Store, username: string, password: string): Promise<User | null> {
  const user = await checkPassword(store, username, password);
  return user ? presentUser(user) : null;
}

export async function listUsers(store: Store): Promise<User[]> {
  return (await store.listUsers()).map(presentUser);
}

/** Removes a user (by username or id) and everything they own. The last owner cannot be removed. */
export async function removeUser(store: Store, usernameOrId: string): Promise<User> {
  const user =
    (await store.findUserByUsername(usernameOrId.trim().toLowerCase())) ??
    (await store.findUserById(usernameOrId));
  if (!user) throw new AccountError("not_found", `No user named ${usernameOrId}`);
  if (user.role === "owner" && (await store.countOwners()) <= 1) {
    throw new AccountError("last_owner", "The instance owner cannot be removed");
  }
  await store.deleteUser(user.id);
  return presentUser(user);
}
