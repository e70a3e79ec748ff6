import type { Selectable } from "kysely";
import type { EntriesTable, PromptsTable, UsersTable } from "./schema";
import type { EntryRecord, PromptRecord, SessionRecord, UserRecord } from "./store";

export function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export function fromUser(user: UserRecord): Selectable<UsersTable> {
  return {
    id: user.id,
    username: user.username,
    password_hash: user.passwordHash,
    role: user.role,
    time_zone: user.timeZone,
    created_at: user.createdAt,
  };
}

export function toSession(row: {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}): SessionRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function toEntry(row: Selectable<EntriesTable>, tags: string[]): EntryRecord {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    title: row.title,
    body: row.body,
    promptId: row.prompt_id,
    promptText: row.prompt_text,
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    localDate: row.local_date,
    timeZone: row.time_zone,
    tags,
  };
}

/** Reads the `entryTagsJson` column: JSON text (SQLite), an array (PostgreSQL) or null (none). */
export function parseTagsJson(value: unknown): string[] {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  if (parsed === null || parsed === undefined) return [];
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === "string")) {
    throw new Error("Entry tags did not read back as a list of strings");
  }
  return parsed;
}

export function toPrompt(row: Selectable<PromptsTable>): PromptRecord {
  return {
    id: row.id,
    userId: row.user_id,
    category: row.category,
    text: row.text,
    createdAt: row.created_at,
  };
}

/** Trim, drop empties and duplicates, sort: the stored shape of a tag list. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ""))].sort();
}
