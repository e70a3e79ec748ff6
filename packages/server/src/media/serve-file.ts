/** Sends a file from disk as a streamed response, honouring a single `Range: bytes=…` request
 * (what <audio> elements send to seek). */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

export interface FileResponseOptions {
  contentType: string;
  /** `attachment; filename=…` when set. */
  downloadName?: string;
  /** Called once the whole body has been read by the client side (not on a Range request). */
  onComplete?: () => void;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive [start, end]; "invalid" when unsatisfiable;
 * null when there is no single range to honour (send the whole file). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "invalid" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (!a && !b) return null;
  let start: number;
  let end: number;
  if (!a) {
    const n = Number(b);
    if (n === 0) return "invalid";
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(a);
    end = b ? Math.min(Number(b), size - 1) : size - 1;
  }
  if (start >= size || start > end) return "invalid";
  return { start, end };
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function fileResponse(
  path: string,
  rangeHeader: string | undefined,
  options: FileResponseOptions,
): Promise<Response> {
  const { size } = await stat(path);
  const headers = new Headers({
    "Content-Type": options.contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
  });
  if (options.downloadName !== undefined)
    headers.set("Content-Disposition", contentDisposition(options.downloadName));
  const range = parseRange(rangeHeader, size);
  if (range === "invalid") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.set("Content-Type", "application/json");
    const body = { error: { code: "range_not_satisfiable", message: `The file has ${size} bytes` } };
    return new Response(JSON.stringify(body), { status: 416, headers });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  headers.set("Content-Length", String(size === 0 ? 0 : end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  if (size === 0) {
    options.onComplete?.();
    return new Response(null, { status: 200, headers });
  }
  const stream = createReadStream(path, { start, end });
  if (!range && options.onComplete) stream.once("end", options.onComplete);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: range ? 206 : 200,
    headers,
  });
}
