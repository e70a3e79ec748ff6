import type {
  CreateEntry,
  Entry,
  InstanceSettings,
  NewAccount,
  Prompt,
  PromptCategory,
  SearchHit,
  SignedIn,
  Signup,
  UnreadableEntry,
  UnreadableRecordInfo,
  UpdateEntry,
  User,
} from "@meridian/core";
import { request } from "./http";

export interface SetupStatus {
  needsOwner: boolean;
  signupsOpen: boolean;
}
export interface EntryList {
  entries: Entry[];
  nextCursor: string | null;
  /** Entries of this page the server could not decrypt (shown apart, never dropped silently). */
  unreadable: UnreadableEntry[];
}
export interface DayCount {
  date: string;
  count: number;
}
export interface TagCount {
  tag: string;
  count: number;
}
export interface EntryQuery {
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Typed wrappers for every route in docs/api-routes.md that the web app uses. */
export const api = {
  setupStatus: () => request<SetupStatus>("GET", "/api/setup"),
  setup: (body: Signup) => request<NewAccount>("POST", "/api/setup", { body }),
  signup: (body: Signup) => request<NewAccount>("POST", "/api/auth/signup", { body }),
  login: (username: string, password: string) =>
    request<SignedIn>("POST", "/api/auth/login", { body: { username, password } }),
  logout: () => request<null>("POST", "/api/auth/logout"),
  logoutEverywhere: () => request<null>("POST", "/api/auth/logout-all"),
  recover: (body: { username: string; recoveryKey: string; newPassword: string }) =>
    request<User>("POST", "/api/auth/recover", { body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request<User>("POST", "/api/me/password", { body }),
  newRecoveryKey: (password: string) =>
    request<{ recoveryKey: string }>("POST", "/api/me/recovery-key", { body: { password } }),
  me: () => request<User>("GET", "/api/me"),
  updateMe: (body: { timeZone?: string }) => request<User>("PATCH", "/api/me", { body }),

  adminSettings: () => request<InstanceSettings>("GET", "/api/admin/settings"),
  updateAdminSettings: (body: InstanceSettings) =>
    request<InstanceSettings>("PATCH", "/api/admin/settings", { body }),
  adminUsers: () => request<{ users: User[] }>("GET", "/api/admin/users"),
  adminAddUser: (body: Signup) => request<NewAccount>("POST", "/api/admin/users", { body }),

  entries: (q: EntryQuery = {}) => request<EntryList>("GET", "/api/entries", { query: { ...q } }),
  entry: (id: string) => request<Entry>("GET", `/api/entries/${encodeURIComponent(id)}`),
  createEntry: (body: CreateEntry, opts: { keepalive?: boolean } = {}) =>
    request<Entry>("POST", "/api/entries", { body, keepalive: opts.keepalive ?? false }),
  updateEntry: (id: string, body: UpdateEntry, opts: { keepalive?: boolean } = {}) =>
    request<Entry>("PUT", `/api/entries/${encodeURIComponent(id)}`, {
      body,
      keepalive: opts.keepalive ?? false,
    }),
  deleteEntry: (id: string) => request<null>("DELETE", `/api/entries/${encodeURIComponent(id)}`),
  days: (from: string, to: string) =>
    request<{ days: DayCount[] }>("GET", "/api/entries/days", { query: { from, to } }),
  onThisDay: (date?: string) =>
    request<{ entries: Entry[] }>("GET", "/api/entries/on-this-day", { query: { date } }),
  tags: () => request<{ tags: TagCount[] }>("GET", "/api/tags"),
  search: (q: string, limit = 30) =>
    request<{ hits: SearchHit[] }>("GET", "/api/search", { query: { q, limit } }),

  prompts: (category?: PromptCategory) =>
    request<{ prompts: Prompt[]; unreadable?: UnreadableRecordInfo[] }>("GET", "/api/prompts", {
      query: { category },
    }),
  randomPrompt: (category?: PromptCategory, exclude?: string) =>
    request<Prompt>("GET", "/api/prompts/random", { query: { category, exclude } }),
  createPrompt: (category: PromptCategory, text: string) =>
    request<Prompt>("POST", "/api/prompts", { body: { category, text } }),
  deletePrompt: (id: string) => request<null>("DELETE", `/api/prompts/${encodeURIComponent(id)}`),
};
