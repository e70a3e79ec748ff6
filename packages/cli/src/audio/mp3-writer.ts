/** Moved to @meridian/server/render (shared with the server's renders); kept for imports. */
export { MP3_SAMPLE_RATES, Mp3Writer } from "@meridian/server/render";
