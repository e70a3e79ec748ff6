/** Sends a file from disk as a streamed response, honouring a single `Range: bytes=…` request
 * (what <audio> elements send to seek). Every answer (200, 206, 416, and HEAD, which Hono answers
 * from the GET) carries `Content-Disposition` and `X-Content-Type-Options: nosniff`: a file is
 * played or downloaded, never rendered as a page or run as a script. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

export interface FileResponseOptions {
  /** One of sniff.ts's SERVABLE_TYPES (the routes check it): never a type taken on trust. */
  contentType: string;
  /** The name the browser is given (`filename` in ASCII, `filename*` in UTF-8). */
  fileName: string;
  /** `attachment` (download) rather than `inline` (play in the page). */
  download?: boolean;
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

/** RFC 5987 value characters: encodeURIComponent leaves ' ( ) * ! unencoded, which are not. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** RFC 6266: a plain-ASCII `filename` (letters, digits, space . _ -; anything else becomes _)
 * for old clients, and the exact name as `filename*`. */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "").trim() || "file";
  const ascii = clean.replace(/[^A-Za-z0-9 ._-]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(clean)}`;
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
    "Content-Disposition": contentDisposition(options.download ? "attachment" : "inline", options.fileName),
    "X-Content-Type-Options": "nosniff",
  });
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
