export type { DayCount, EntryList, EntryQuery, SetupStatus, TagCount } from "./client";
export { api } from "./client";
export { ApiError, ConflictError, errorMessage, isUnauthenticated, NetworkError } from "./errors";
