/** Kysely table types. Timestamps are ISO 8601 UTC strings (`Date#toISOString()`), so they
 * sort lexicographically and read back identically on SQLite and PostgreSQL. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: "owner" | "member";
  time_zone: string;
  created_at: string;
}

export interface AuthSessionsTable {
  /** SHA-256 (hex) of the cookie token; the raw token is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}

export interface EntriesTable {
  id: string;
  user_id: string;
  client_id: string | null;
  title: string | null;
  body: string;
  prompt_id: string | null;
  prompt_text: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  local_date: string;
  time_zone: string;
}

export interface EntryTagsTable {
  entry_id: string;
  user_id: string;
  tag: string;
}

export interface PromptsTable {
  id: string;
  user_id: string;
  category: string;
  text: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  settings: SettingsTable;
  entries: EntriesTable;
  entry_tags: EntryTagsTable;
  prompts: PromptsTable;
}
