/**
 * Streams a request body to a file on disk, never holding it whole in memory: at most the
 * sniffing head (a few KiB) and one chunk at a time. Stops early (and removes the file) when the
 * head is not audio we take or the body passes the limit.
 */
import { mkdir, open, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { SNIFF_BYTES, type SniffedAudio, sniffAudio } from "./sniff";

export type UploadFailure = "unsupported" | "too_large" | "empty" | "quota" | "interrupted";

export type UploadResult<T = SniffedAudio> =
  | { ok: true; audio: T; sizeBytes: number }
  | { ok: false; reason: UploadFailure };

/** Writes `body` to `path` (created with its folder); on any failure nothing is left at `path`.
 * `sniff` types the head by content (audio by default; the video upload passes sniffVideo).
 * `reserve(size)` is asked before bytes up to `size` are kept (the storage quota): false stops
 * the upload ("quota"). A body that breaks off (the client went away) ends as "interrupted". */
export async function streamUpload<T = SniffedAudio>(
  body: ReadableStream<Uint8Array> | null,
  path: string,
  limitBytes: number,
  sniff: (head: Uint8Array, complete: boolean) => T | null = sniffAudio as unknown as (
    head: Uint8Array,
    complete: boolean,
  ) => T | null,
  reserve: (size: number) => Promise<boolean> = async () => true,
): Promise<UploadResult<T>> {
  if (!body) return { ok: false, reason: "empty" };
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, "wx");
  const reader = body.getReader();
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  let sniffed = false;
  let audio: T | null = null;
  let failure: UploadFailure | null = null;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        failure = "interrupted";
        break;
      }
      const { done, value } = chunk;
      if (done) break;
      if (value.length === 0) continue;
      size += value.length;
      if (size > limitBytes) {
        failure = "too_large";
        break;
      }
      if (!(await reserve(size))) {
        failure = "quota";
        break;
      }
      if (!sniffed) {
        const joined: Uint8Array = new Uint8Array(head.length + value.length);
        joined.set(head);
        joined.set(value, head.length);
        head = joined;
        if (head.length >= SNIFF_BYTES) {
          audio = sniff(head, false);
          if (!audio) {
            failure = "unsupported";
            break;
          }
          await fh.write(head);
          sniffed = true;
          head = new Uint8Array(0);
        }
        continue;
      }
      await fh.write(value);
    }
    if (failure === null && !sniffed) {
      // The whole body was shorter than the sniffing head.
      if (head.length === 0) failure = "empty";
      else {
        audio = sniff(head, true);
        if (!audio) failure = "unsupported";
        else await fh.write(head);
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    await fh.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
  if (failure !== null) await reader.cancel().catch(() => {});
  await fh.close();
  if (failure !== null || audio === null) {
    await rm(path, { force: true });
    return { ok: false, reason: failure ?? "unsupported" };
  }
  return { ok: true, audio, sizeBytes: size };
}
