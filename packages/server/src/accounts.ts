import { z } from "@hono/zod-openapi";
import { PasswordSchema, RoleSchema, TimeZoneSchema, type User, UsernameSchema } from "@meridian/core";
import { newId } from "./ids";
import { DEFAULT_PASSWORD_HASHING, hashPassword, type PasswordHashing, verifyPassword } from "./passwords";
import { presentUser } from "./presenters/user";
import type { Role, Store, UserRecord } from "./store/store";

/** Account functions shared by the HTTP routes and the `meridian user` CLI. */

export type AccountErrorCode =
  | "validation_failed"
  | "already_exists"
  | "setup_already_done"
  | "not_found"
  | "last_owner";

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
}

export interface NewUserInput {
  username: string;
  password: string;
  timeZone?: string;
  role?: Role;
}

const NewUserSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  timeZone: TimeZoneSchema.default("UTC"),
  role: RoleSchema.default("member"),
});

async function buildUser(input: NewUserInput, options: AccountOptions): Promise<UserRecord> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AccountError("validation_failed", issue?.message ?? "Invalid input", issue?.path.join("."));
  }
  const { username, password, timeZone, role } = parsed.data;
  return {
    id: newId(),
    username,
    passwordHash: await hashPassword(password, options.passwordHashing ?? DEFAULT_PASSWORD_HASHING),
    role,
    timeZone,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
  };
}

/** Creates a user (member unless role says otherwise). Throws AccountError. */
export async function createUser(
  store: Store,
  input: NewUserInput,
  options: AccountOptions = {},
): Promise<User> {
  const user = await buildUser(input, options);
  const inserted = await store.insertUser(user);
  if (!inserted) throw new AccountError("already_exists", "That username is taken", "username");
  return presentUser(inserted);
}

/** Creates the instance owner, only while no owner exists (race-safe). Throws AccountError. */
export async function createOwner(
  store: Store,
  input: NewUserInput,
  options: AccountOptions = {},
): Promise<User> {
  if (await store.hasOwner())
    throw new AccountError("setup_already_done", "This instance already has an owner");
  const user = await buildUser({ ...input, role: "owner" }, options);
  const result = await store.insertFirstOwner(user);
  if (result.status === "owner_exists") {
    throw new AccountError("setup_already_done", "This instance already has an owner");
  }
  if (result.status === "username_taken") {
    throw new AccountError("already_exists", "That username is taken", "username");
  }
  return presentUser(result.user);
}

// A real argon2id hash of a random string, so unknown usernames cost as much as wrong passwords.
let dummyHash: Promise<string> | undefined;

/** The user when the credentials match, otherwise null (same answer for unknown users). */
export async function verifyLogin(store: Store, username: string, password: string): Promise<User | null> {
  const user = await store.findUserByUsername(username.trim().toLowerCase());
  if (!user) {
    dummyHash ??= hashPassword(newId());
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? presentUser(user) : null;
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
