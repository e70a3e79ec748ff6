import type { ExperimentsStore } from "./experiments-store";
import type { RitualStore } from "./ritual-store";
import type { StudioStore } from "./studio-store";
import type { RecordList } from "./unreadable";
import type { VaultStore } from "./vault-store";

/** The one storage interface. Every method that touches journal data takes the owning
 * user's id and scopes its query by it; nothing here returns another user's rows. */

export type StorageKind = "sqlite" | "postgres";

/** Where a store's data lives (backups read it; see backup/verified-backup.ts). */
export type StoreLocation =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; schema: string | undefined };
export type Role = "owner" | "member";

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  timeZone: string;
  createdAt: string;
}

export type FirstOwnerResult =
  | { status: "created"; user: UserRecord }
  | { status: "owner_exists" }
  | { status: "username_taken" };

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface SessionWithUser {
  session: SessionRecord;
  user: UserRecord;
}

export interface EntryRecord {
  id: string;
  userId: string;
  clientId: string | null;
  title: string | null;
  body: string;
  promptId: string | null;
  promptText: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  localDate: string;
  timeZone: string;
  /** Sorted, distinct. */
  tags: string[];
}

export type { RecordList, UnreadableRecord, UnreadableTable } from "./unreadable";

/** Entries as a list method gives them (see RecordList: unreadable ones are named apart). */
export type EntryList = RecordList<EntryRecord>;

export interface NewEntry {
  id: string;
  clientId: string | null;
  title: string | null;
  body: string;
  promptId: string | null;
  promptText: string | null;
  tags: string[];
  createdAt: string;
  localDate: string;
  timeZone: string;
  /** Imports only (restoring an archive): the stored revision and last change; default 1 and createdAt. */
  revision?: number;
  updatedAt?: string;
}

/** Fields an update may change; `undefined` keeps the stored value. */
export interface EntryChanges {
  title?: string | null;
  body: string;
  promptId?: string | null;
  promptText?: string | null;
  tags?: string[];
  updatedAt: string;
}

export type UpdateResult =
  | { status: "updated"; entry: EntryRecord }
  | { status: "not_found" }
  | { status: "conflict"; current: EntryRecord };

export interface EntryCursor {
  createdAt: string;
  id: string;
}

export interface EntryQuery {
  tag?: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  limit: number;
  /** Only entries strictly older than this position (newest-first order). */
  after?: EntryCursor;
}

export interface PromptRecord {
  id: string;
  userId: string;
  category: string;
  text: string;
  createdAt: string;
}

export interface Store {
  readonly kind: StorageKind;
  /** Where the data lives: the SQLite file, or the PostgreSQL URL and schema. */
  readonly location: StoreLocation;
  /** Sessions, sleep diaries and check-ups (ritual-store.ts). */
  readonly ritual: RitualStore;
  /** Studio presets and own media (studio-store.ts). */
  readonly studio: StudioStore;
  /** Wrapped keys and encrypted tag names (vault-store.ts). */
  readonly vault: VaultStore;
  /** Blinded n-of-1 experiments and their evenings (experiments-store.ts). */
  readonly experiments: ExperimentsStore;
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // users
  /** Inserts the user; null when the username is taken. */
  insertUser(user: UserRecord): Promise<UserRecord | null>;
  /** Inserts the owner only if no owner exists yet, atomically (safe against concurrent setups). */
  insertFirstOwner(user: UserRecord): Promise<FirstOwnerResult>;
  hasOwner(): Promise<boolean>;
  countOwners(): Promise<number>;
  findUserById(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateUserTimeZone(id: string, timeZone: string): Promise<UserRecord | null>;
  /** Deletes the user and (by cascade) everything they own. */
  deleteUser(id: string): Promise<boolean>;

  // instance settings (JSON values)
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown): Promise<void>;
  /** Stores `value` only when the key has none yet (a concurrent writer's value is kept). */
  setSettingIfAbsent(key: string, value: unknown): Promise<void>;

  // sessions
  insertSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  /** The session and its user in one query; null for an unknown token (or a user gone). */
  findSessionWithUser(tokenHash: string): Promise<SessionWithUser | null>;
  touchSession(tokenHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  // entries
  /** The client id an import stores for a record's source key (`daylio:…`, see
   * crypto/import-keys.ts): keyed per account by the encrypting store; any other id as it is.
   * The plain store, which keeps everything in the clear, returns it unchanged. */
  importClientId(userId: string, clientId: string): string;
  /** Idempotent on (userId, clientId): returns the existing entry with created=false. */
  createEntry(userId: string, entry: NewEntry): Promise<{ entry: EntryRecord; created: boolean }>;
  getEntry(userId: string, id: string): Promise<EntryRecord | null>;
  getEntries(userId: string, ids: readonly string[]): Promise<EntryList>;
  /** Optimistic concurrency: applies only when the stored revision equals baseRevision. */
  updateEntry(userId: string, id: string, baseRevision: number, changes: EntryChanges): Promise<UpdateResult>;
  deleteEntry(userId: string, id: string): Promise<boolean>;
  /** Newest first (createdAt desc, id desc). */
  listEntries(userId: string, query: EntryQuery): Promise<EntryList>;
  /** Every entry of the user, for building the search index. */
  allEntries(userId: string): Promise<EntryList>;
  countByDay(userId: string, from: string, to: string): Promise<{ date: string; count: number }[]>;
  /** Entries whose localDate has the given MM-DD and is before `beforeDate` (YYYY-MM-DD). */
  entriesOnMonthDay(userId: string, monthDay: string, beforeDate: string): Promise<EntryList>;
  countTags(userId: string): Promise<{ tag: string; count: number }[]>;
  /** Moves every entry's tag `from` onto `to` (as stored), keeping one where both were; the
   * entries' revisions stay. Returns how many entries carried `from`. */
  mergeTag(userId: string, from: string, to: string): Promise<number>;

  // user-defined prompts
  insertPrompt(prompt: PromptRecord): Promise<PromptRecord>;
  listPrompts(userId: string, category?: string): Promise<RecordList<PromptRecord>>;
  getPrompt(userId: string, id: string): Promise<PromptRecord | null>;
  deletePrompt(userId: string, id: string): Promise<boolean>;
}
