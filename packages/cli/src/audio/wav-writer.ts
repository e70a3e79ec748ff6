/** Moved to @meridian/server/render (shared with the server's renders); kept for imports. */
export { quantize16, readWav, WavWriter } from "@meridian/server/render";
