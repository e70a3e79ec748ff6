import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { Context } from "hono";
import { getMimeType } from "hono/utils/mime";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Meridian</title></head>
<body><h1>Meridian is running</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> in the Meridian folder, then reload this page.</p>
<p>The API is available under <a href="/api/health">/api/health</a>.</p></body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function fileResponse(body: Uint8Array, path: string, cacheControl: string, head: boolean): Response {
  const type = getMimeType(path) ?? "application/octet-stream";
  return new Response(head ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      "Content-Type": type,
      "Cache-Control": cacheControl,
      "Content-Length": String(body.byteLength),
    },
  });
}

/**
 * Serves the built web app from distDir: files as they are (long-lived cache for hashed
 * /assets/*), index.html for every other path (SPA routing), never anything outside distDir.
 */
export function staticSite(distDir: string) {
  const root = resolve(distDir);
  const indexPath = join(root, "index.html");
  return async (c: Context): Promise<Response> => {
    const head = c.req.method === "HEAD";
    if (!(await isFile(indexPath))) {
      return c.html(NOT_BUILT_PAGE, 200, { "Cache-Control": "no-cache" });
    }
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return c.text("Bad request", 400);
    }
    const target = resolve(root, `.${relative}`);
    const inside = target.startsWith(root + sep);
    if (inside && !relative.includes("\0") && target !== indexPath && (await isFile(target))) {
      const immutable = relative.startsWith("/assets/");
      return fileResponse(
        await readFile(target),
        target,
        immutable ? "public, max-age=31536000, immutable" : "no-cache",
        head,
      );
    }
    // Missing hashed assets or files with an extension are real 404s, not the SPA page.
    if (relative.startsWith("/assets/") || (extname(relative) !== "" && extname(relative) !== ".html")) {
      return c.text("Not found", 404);
    }
    return fileResponse(await readFile(indexPath), indexPath, "no-cache", head);
  };
}
