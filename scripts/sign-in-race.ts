/**
 * Concurrent sign-in probe: `npx tsx scripts/sign-in-race.ts [--attempts 100] [--serve path/to/serve.ts]`.
 * Starts the real server on a loopback port (SQLite in a temporary folder, production argon2id),
 * creates the owner, then sends that many sign-ins at once, all wrong but #50, which is right.
 * Every answer other than 429 was checked against the password hash, so the line it prints says
 * how many guesses got past the limiter (the policy allows 5). Exits 1 if more did, or #50 got in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    attempts: { type: "string", default: "100" },
    serve: { type: "string", default: "packages/server/src/serve.ts" },
  },
});
const attempts = Number(values.attempts);
if (!Number.isInteger(attempts) || attempts < 50) {
  console.error("--attempts must be a whole number of at least 50");
  process.exit(2);
}
const { serve } = (await import(
  pathToFileURL(resolve(values.serve)).href
)) as typeof import("../packages/server/src/serve");
const dataDir = mkdtempSync(join(tmpdir(), "meridian-sign-in-race-"));
const server = await serve({ port: 0, host: "127.0.0.1", dataDir, webDistDir: null, log: () => {} });
const PASSWORD = "correct horse battery";
const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
try {
  const setup = await post("/api/setup", { username: "owner", password: PASSWORD, timeZone: "UTC" });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`);
  const answers = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      post("/api/auth/login", { username: "owner", password: i === 49 ? PASSWORD : `wrong guess ${i}` }),
    ),
  );
  const statuses = answers.map((r) => r.status);
  const count = (s: number) => statuses.filter((x) => x === s).length;
  const checked = attempts - count(429);
  console.log(
    `${attempts} concurrent sign-ins: ${checked} checked (401: ${count(401)}, 200: ${count(200)}), ` +
      `${count(429)} answered 429; the right password at #50 answered ${statuses[49]}`,
  );
  process.exitCode = checked > 5 || statuses[49] === 200 ? 1 : 0;
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
