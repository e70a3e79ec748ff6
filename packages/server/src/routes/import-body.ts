import { ErrorCode } from "@meridian/core";
import { fileTooLargeMessage } from "../archive/import-limits";
import { HttpError } from "../errors";

/** 400: the file can't be imported (also: no body, or the upload broke off). */
export const IMPORT_INVALID = "import_invalid";

const MIN_GROWTH = 1024 * 1024;

/**
 * An import's raw body, at most `limit` bytes (413 past it, stopping as soon as it is passed),
 * read straight into one growable SharedArrayBuffer that the parse thread reads without a copy:
 * the body is held once. The buffer starts at the declared Content-Length (when there is one)
 * and grows, at least doubling, when the body is longer or has no length; it can never pass
 * `limit`. A body that breaks off (the client went away) is refused with 400.
 */
export async function readImportBody(
  stream: ReadableStream<Uint8Array> | null,
  contentLength: string | undefined,
  limit: number,
): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, ErrorCode.tooLarge, fileTooLargeMessage(limit));
  const declared = Number.parseInt(contentLength ?? "", 10);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!stream) throw new HttpError(400, IMPORT_INVALID, "Send the file as the request body");
  const buffer = new SharedArrayBuffer(Number.isFinite(declared) && declared > 0 ? declared : 0, {
    maxByteLength: limit,
  });
  let bytes = new Uint8Array(buffer);
  let size = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const chunk = await reader.read().catch(() => {
        throw new HttpError(400, IMPORT_INVALID, "The upload broke off before the whole file arrived");
      });
      if (chunk.done) break;
      const value = chunk.value;
      if (size + value.length > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      if (size + value.length > buffer.byteLength) {
        buffer.grow(Math.min(limit, Math.max(size + value.length, buffer.byteLength * 2, MIN_GROWTH)));
        bytes = new Uint8Array(buffer);
      }
      bytes.set(value, size);
      size += value.length;
    }
  } finally {
    reader.releaseLock();
  }
  return new Uint8Array(buffer, 0, size);
}
