/**
 * First-load JavaScript of the built app (what the sign-in and Today pages fetch before any lazy
 * route): the entry script and every module index.html preloads, in bytes and gzipped bytes.
 *   npm run build -w @meridian/web && node packages/web/scripts/first-load-size.mjs
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let bytes = 0;
let gzip = 0;
for (const f of files) {
  const body = readFileSync(join(dist, f));
  bytes += body.length;
  gzip += gzipSync(body, { level: 9 }).length;
  console.log(`${f.padEnd(48)} ${String(body.length).padStart(8)}`);
}
console.log(`first-load JS: ${files.length} files, ${bytes} bytes, ${gzip} gzipped`);
