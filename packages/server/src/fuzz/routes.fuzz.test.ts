import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/**
 * Property-based fuzzing of every route in the OpenAPI document with malformed bodies, path
 * parameters, query strings and headers, signed in and not: no answer may be a 5xx, every error
 * must be the JSON error shape, and the process must not crash. 10,000 cases in all.
 */

const CASES_PER_KIND = 2500;
const KINDS = 4;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

interface Operation {
  method: string;
  path: string;
  /** Property names of the JSON body schema (to aim junk at real fields). */
  bodyKeys: string[];
  /** Query parameter names. */
  queryKeys: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: walking an OpenAPI document
type Json = any;

function propertyNames(schema: Json): string[] {
  if (!schema || typeof schema !== "object") return [];
  const names = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const n of propertyNames(part)) names.add(n);
  }
  return [...names];
}

async function operations(h: Harness): Promise<Operation[]> {
  const doc: Json = await (await h.app.request("/api/openapi.json")).json();
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        bodyKeys: propertyNames(schema),
        queryKeys: (op.parameters ?? []).filter((p: Json) => p.in === "query").map((p: Json) => p.name),
      });
    }
  }
  return ops;
}

/** Routes that end the caller's session or account are sent without the real cookie. */
const SESSION_ENDING = new Set([
  "/api/auth/logout",
  "/api/auth/logout-all",
  "/api/me/delete",
  "/api/me/password",
]);

const nasty = fc.constantFrom(
  "",
  " ",
  "..",
  "../..",
  "%",
  "%00",
  "%2F",
  "\u0000",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "😀".repeat(50),
  "a".repeat(5000),
  "2025-02-30",
  "2025-13-01",
  "\ud800",
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), nasty);

const malformedJson = fc.constantFrom(
  "{",
  "[",
  '{"a":',
  '{"body": "x",}',
  "{'single': 1}",
  "\u0000",
  "1e999999",
  '"\\ud800"',
  `${"[".repeat(5000)}${"]".repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
);

function shapedBody(keys: string[]) {
  if (keys.length === 0) return fc.anything();
  return fc.dictionary(fc.constantFrom(...keys), fc.anything({ maxDepth: 3 }), { maxKeys: keys.length });
}

function bodyFor(op: Operation) {
  return fc.oneof(
    shapedBody(op.bodyKeys).map((v) => JSON.stringify(v) ?? "null"),
    fc.json({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
    malformedJson,
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("latin1")),
  );
}

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/json; charset=latin1",
  "garbage/;;;=",
  "",
);

const headerValue = fc.oneof(fc.string({ maxLength: 60 }), nasty).map((v) =>
  // Header values cannot hold control characters or non-Latin-1; Request would refuse them.
  v.replace(/[^\x20-\x7e]/g, "?"),
);

const headerSet = fc.record(
  {
    "content-type": contentType,
    "x-filename": headerValue,
    range: fc.oneof(
      headerValue,
      fc.constantFrom("bytes=0-", "bytes=-1", "bytes=5-2", "bytes=0-1,3-4", "bytes=x"),
    ),
    accept: headerValue,
    "if-none-match": headerValue,
    "x-forwarded-for": headerValue,
    "x-forwarded-proto": headerValue,
    "accept-encoding": headerValue,
    "x-meridian-client": headerValue,
  },
  { requiredKeys: [] },
);

/** Lone surrogates replaced (encodeURIComponent and URLSearchParams refuse them). */
function wellFormed(v: string): string {
  return v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Three in four cases carry the real session (so they reach the validators), one in four not. */
const signedInMostly = fc.constantFrom(true, true, true, false);

function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
}

describe("fuzzing every route", () => {
  let h: Harness;
  let dataDir: string;
  let user: Client;
  let ops: Operation[];
  let goodId = "";
  let total = 0;
  let started = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "meridian-fuzz-"));
    h = await createHarness("sqlite", { dataDir, renderThreads: false });
    const owner = await ownerClient(h, "fuzzowner");
    user = await memberClient(h, owner, "fuzzer");
    ops = await operations(h);
    goodId = (await body(await user.post("/api/entries", { body: "a real entry" }))).id;
    started = performance.now();
  });

  afterAll(async () => {
    const seconds = (performance.now() - started) / 1000;
    const summary = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
    console.info(
      `route fuzzing: ${total} cases over ${ops?.length} operations in ${seconds.toFixed(1)} s (${summary.join(", ")})`,
    );
    await h?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(
    op: Operation,
    url: string,
    init: { body?: string; headers?: Record<string, string>; signedIn: boolean },
  ): Promise<void> {
    const headers: Record<string, string> = { ...init.headers };
    const real = init.signedIn && !SESSION_ENDING.has(op.path);
    headers.cookie = real ? (user.cookie ?? "") : "meridian_session=not-a-real-token";
    if (op.method !== "GET" && headers["x-meridian-client"] === undefined)
      headers["x-meridian-client"] = "fuzz";
    const withBody = op.method !== "GET" && init.body !== undefined;
    const res = await h.app.request(url, {
      method: op.method,
      headers,
      ...(withBody ? { body: init.body } : {}),
    });
    total += 1;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const answer = Buffer.from(await res.arrayBuffer()).toString("utf8");
    if (res.status >= 500) throw new Error(`${op.method} ${url} → ${res.status}: ${answer.slice(0, 300)}`);
    if (res.status >= 400 && res.headers.get("content-type")?.includes("application/json")) {
      const parsed = JSON.parse(answer);
      if (typeof parsed?.error?.code !== "string" || typeof parsed?.error?.message !== "string") {
        throw new Error(
          `${op.method} ${url} → ${res.status} without the error shape: ${answer.slice(0, 200)}`,
        );
      }
    }
  }

  const opIndex = fc.nat();
  const pick = (i: number) => ops[i % ops.length] as Operation;

  const runs = { numRuns: CASES_PER_KIND, ...(seed !== undefined ? { seed } : {}) };
  const jsonHeaders = { "content-type": "application/json" };

  it(`answers malformed bodies with a 4xx, never a 5xx (${CASES_PER_KIND} cases)`, async () => {
    const cases = opIndex.chain((i) =>
      fc.tuple(fc.constant(pick(i)), bodyFor(pick(i)), contentType, signedInMostly),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([op, payload, type, signedIn]) => {
        const url = fillPath(op.path, () => goodId);
        await send(op, url, { body: payload, headers: { "content-type": type }, signedIn });
      }),
      runs,
    );
  });

  it(`answers malformed path parameters with a 4xx, never a 5xx (${CASES_PER_KIND} cases)`, async () => {
    const param = fc.oneof(
      text.map((v) => encodeURIComponent(wellFormed(v))),
      // Sent as they are: broken percent-encodings and dot segments.
      fc.constantFrom("%", "%zz", "%E0%A4%A", "..", "%2e%2e", "a%00b", "%C0%AF", "%ff%fe", "a;b", "a%2Fb"),
    );
    await fc.assert(
      fc.asyncProperty(opIndex, param, signedInMostly, async (i, value, signedIn) => {
        const op = pick(i);
        await send(
          op,
          fillPath(op.path, () => value),
          { body: "{}", headers: jsonHeaders, signedIn },
        );
      }),
      runs,
    );
  });

  it(`answers malformed query strings with a 4xx, never a 5xx (${CASES_PER_KIND} cases)`, async () => {
    const cases = opIndex.chain((i) => {
      const op = pick(i);
      const names = fc.oneof(fc.constantFrom(...(op.queryKeys.length > 0 ? op.queryKeys : ["q"])), text);
      return fc.tuple(fc.constant(op), fc.array(fc.tuple(names, text), { maxLength: 5 }), signedInMostly);
    });
    await fc.assert(
      fc.asyncProperty(cases, async ([op, pairs, signedIn]) => {
        const query = new URLSearchParams(
          pairs.map(([k, v]): [string, string] => [wellFormed(k), wellFormed(v)]),
        ).toString();
        await send(op, `${fillPath(op.path, () => goodId)}?${query}`, { signedIn });
      }),
      runs,
    );
  });

  it(`answers malformed headers with a 4xx, never a 5xx (${CASES_PER_KIND} cases)`, async () => {
    const payload = fc.option(fc.json({ maxDepth: 2 }));
    await fc.assert(
      fc.asyncProperty(opIndex, headerSet, payload, signedInMostly, async (i, headers, json, signedIn) => {
        const op = pick(i);
        const url = fillPath(op.path, () => goodId);
        await send(op, url, { ...(json !== null ? { body: json } : {}), headers, signedIn });
      }),
      runs,
    );
  });

  it("ran every case and the server still answers", async () => {
    expect(total).toBeGreaterThanOrEqual(CASES_PER_KIND * KINDS);
    expect((await user.get("/api/me")).status).toBe(200);
  });
});
