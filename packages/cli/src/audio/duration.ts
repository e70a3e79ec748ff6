/** Moved to @meridian/server/render (shared with the server's renders); kept for imports. */
export { formatDuration, parseDuration } from "@meridian/server/render";
