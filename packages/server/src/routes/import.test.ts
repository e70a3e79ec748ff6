import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFile } from "../archive/seed.test-helpers";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/** Day One, jrnl and Daylio files written for these tests. */
const dayOne = (entries: unknown[]) => JSON.stringify({ metadata: { version: "1.0" }, entries });
const DAY_ONE = dayOne([
  {
    uuid: "11111111111111111111111111111111",
    creationDate: "2024-01-05T23:30:00Z",
    timeZone: "Europe/Berlin",
    text: "# Late walk\n\nCold air\\. Good\\!",
    tags: ["walk"],
    starred: true,
  },
  {
    uuid: "22222222222222222222222222222222",
    creationDate: "2024-01-07T08:00:00Z",
    timeZone: "UTC",
    text: "Coffee and pages.",
  },
]);
const JRNL = JSON.stringify({
  tags: { "@home": 1 },
  entries: [
    {
      title: "Quiet evening.",
      body: "Read by the lamp.",
      date: "2023-12-30",
      time: "21:00",
      tags: ["@home"],
      starred: false,
    },
  ],
});
const DAYLIO =
  'full_date,date,weekday,time,mood,activities,note_title,note\n2024-02-01,Feb 1,Thursday,8:00 pm,rad,"family | cooking",,"Soup, bread, and a long talk."\n';

describe("import routes", () => {
  let h: Harness;
  let ana: Client;
  let ben: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    ana = await ownerClient(h, "ana");
    ben = await memberClient(h, ana, "ben", "Europe/Paris");
  });
  afterAll(async () => h.dispose());

  const titles = async (c: Client) =>
    (await body(await c.get("/api/entries?limit=100"))).entries
      .map((e: { title: string | null }) => e.title)
      .sort();

  it("previews a Day One file, imports it, and a second import finds only duplicates", async () => {
    const preview = await sendFile(h, ana, "/api/import/preview", DAY_ONE);
    expect(preview.status).toBe(200);
    expect(await body(preview)).toEqual({
      format: "dayone",
      formatLabel: "Day One JSON export",
      total: 2,
      newCount: 2,
      duplicateCount: 0,
      counts: expect.objectContaining({ entries: { total: 2, new: 2, duplicates: 0 } }),
      dateRange: { from: "2024-01-06", to: "2024-01-07" },
      firstTitles: ["Late walk", "Coffee and pages."],
      warnings: [],
    });
    expect(await titles(ana)).toEqual([]);

    const imported = await body(await sendFile(h, ana, "/api/import", DAY_ONE));
    expect(imported).toMatchObject({ imported: 2, newCount: 2 });
    const { entries } = await body(await ana.get("/api/entries?limit=100"));
    const walk = entries.find((e: { title: string }) => e.title === "Late walk");
    expect(walk).toMatchObject({
      body: "Cold air. Good!",
      tags: ["starred", "walk"],
      createdAt: "2024-01-05T23:30:00.000Z",
      localDate: "2024-01-06",
      timeZone: "Europe/Berlin",
    });
    // Searchable at once.
    const hits = await body(await ana.get("/api/search?q=cold"));
    expect(hits.hits.map((x: { entry: { title: string } }) => x.entry.title)).toEqual(["Late walk"]);

    const again = await body(await sendFile(h, ana, "/api/import/preview", DAY_ONE));
    expect(again).toMatchObject({ newCount: 0, duplicateCount: 2 });
    expect(await body(await sendFile(h, ana, "/api/import", DAY_ONE))).toMatchObject({
      imported: 0,
      duplicateCount: 2,
    });
    expect(await titles(ana)).toEqual(["Late walk", null]);
    // Another account importing the same file gets its own copies.
    expect(await body(await sendFile(h, ben, "/api/import", DAY_ONE))).toMatchObject({ imported: 2 });
  });

  it("imports jrnl and Daylio files in the account's time zone", async () => {
    expect(await body(await sendFile(h, ben, "/api/import", JRNL))).toMatchObject({
      format: "jrnl",
      imported: 1,
    });
    const daylio = await body(await sendFile(h, ben, "/api/import", DAYLIO));
    expect(daylio).toMatchObject({ format: "daylio", imported: 1, firstTitles: ["Mood: rad (9/9)"] });
    const { entries } = await body(await ben.get("/api/entries?limit=100"));
    expect(entries.find((e: { title: string }) => e.title === "Quiet evening.")).toMatchObject({
      createdAt: "2023-12-30T20:00:00.000Z", // 21:00 in Paris
      tags: ["home"],
    });
    expect(entries.find((e: { title: string }) => e.title === "Mood: rad (9/9)")).toMatchObject({
      body: "Soup, bread, and a long talk.",
      tags: ["cooking", "daylio", "family", "mood-rad"],
    });
  });

  it("refuses a malformed file with a clear message and imports nothing of it", async () => {
    const before = await titles(ana);
    const bad = dayOne([
      { uuid: "33333333333333333333333333333333", creationDate: "2024-03-01T10:00:00Z", text: "fine" },
      { uuid: "44444444444444444444444444444444", creationDate: "yesterday", text: "broken" },
    ]);
    for (const path of ["/api/import/preview", "/api/import"]) {
      const res = await sendFile(h, ana, path, bad);
      expect(res.status).toBe(400);
      expect(await body(res)).toEqual({
        error: {
          code: "import_invalid",
          message: 'Entry 2: "creationDate" should be an ISO 8601 date and time',
        },
      });
    }
    const cases: [string | Uint8Array, RegExp][] = [
      ["", /Send the file|empty/],
      ['{"entries": [', /not valid JSON/],
      ["hello", /Unknown file type/],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /zip file is damaged/],
      [new Uint8Array([0xff, 0xfe, 0x00]), /not UTF-8 text/],
      ["full_date,time,mood\n2024-01-01,10:00,good,extra\n", /Line 2 has 4 fields/],
    ];
    for (const [data, message] of cases) {
      const res = await sendFile(h, ana, "/api/import", data);
      expect(res.status).toBe(400);
      expect((await body(res)).error.message).toMatch(message);
    }
    expect(await titles(ana)).toEqual(before);
  });

  it("reads a Day One export zip (photos left out, other journals named) and refuses NUL characters", async () => {
    const zip = zipSync({
      "Journal.json": strToU8(
        DAY_ONE.replace("Late walk", "Zipped walk").replaceAll("1111", "5555").replaceAll("2222", "6666"),
      ),
      "Travel.json": strToU8(dayOne([])),
      "photos/0cc175b9c0f1b6a831c399e269772661.jpeg": new Uint8Array([0xff, 0xd8, 0xff]),
    });
    const preview = await body(await sendFile(h, ben, "/api/import/preview", zip));
    expect(preview).toMatchObject({ format: "dayone", newCount: 2 });
    expect(preview.warnings).toContain(
      "Only Journal.json was read; the zip also holds Travel.json (import those one at a time)",
    );
    const nul = dayOne([
      { uuid: "77777777777777777777777777777777", creationDate: "2024-01-01T00:00:00Z", text: "# a\u0000b" },
    ]);
    const res = await sendFile(h, ben, "/api/import", nul);
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toBe("Entry 1 contains a NUL character");
  });

  it("answers 413 with JSON past 50 MB, 401 signed out, 403 without the client header", async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x20);
    const res = await sendFile(h, ana, "/api/import", big);
    expect(res.status).toBe(413);
    expect(await body(res)).toEqual({
      error: { code: "payload_too_large", message: "The file is larger than the import limit of 50 MB." },
    });
    expect((await sendFile(h, h.client(), "/api/import", JRNL)).status).toBe(401);
    const noHeader = await h.app.request("/api/import", {
      method: "POST",
      headers: { cookie: ana.cookie ?? "" },
      body: JRNL,
    });
    expect(noHeader.status).toBe(403);
  });

  it("exports an entry as Markdown only for its owner", async () => {
    const { entries } = await body(await ana.get("/api/entries?limit=1"));
    const id = entries[0].id;
    expect((await ana.get(`/api/export/entries/${id}`)).status).toBe(200);
    const other = await ben.get(`/api/export/entries/${id}`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(entries[0].body);
    expect((await ana.get("/api/export?format=pdf")).status).toBe(400);
  });

  it("answers 413 past each configured cap (file, unpacked size, files in a zip, records), writing nothing", async () => {
    const capped = await createHarness("sqlite", {
      importLimits: { bodyBytes: 64 * 1024, inflatedBytes: 1024 * 1024, zipFiles: 3, records: 2 },
    });
    try {
      const cy = await ownerClient(capped, "cy");
      const tooLarge = async (data: Uint8Array | string, message: string | RegExp) => {
        const res = await sendFile(capped, cy, "/api/import/preview", data);
        expect(res.status).toBe(413);
        const answer = await body(res);
        expect(answer.error.code).toBe("payload_too_large");
        expect(answer.error.message).toMatch(message);
      };
      await tooLarge(
        new Uint8Array(64 * 1024 + 1).fill(0x20),
        "The file is larger than the import limit of 0.1 MB.",
      );
      await tooLarge(
        zipSync({ "Journal.json": new Uint8Array(1024 * 1024 + 1).fill(0x20) }),
        "The zip unpacks to more than 1 MB; an import may unpack to at most that",
      );
      await tooLarge(
        zipSync({
          "Journal.json": strToU8(DAY_ONE),
          "a.txt": strToU8("a"),
          "b.txt": strToU8("b"),
          "c.txt": strToU8("c"),
        }),
        "The zip holds 4 files; an import takes at most 3",
      );
      const three = JSON.stringify({
        entries: [1, 2, 3].map((d) => ({ title: "t", body: "b", date: `2024-01-0${d}`, time: "10:00" })),
      });
      await tooLarge(three, "The file holds 3 records; an import takes at most 2 at a time");
      const [header, row] = DAYLIO.split("\n");
      await tooLarge(`${header}\n${row}\n${row}\n${row}\n`, /holds 3 records/);
      expect(await titles(cy)).toEqual([]);
      // Under the caps, the same account imports as usual.
      expect((await sendFile(capped, cy, "/api/import", DAY_ONE)).status).toBe(200);
    } finally {
      await capped.dispose();
    }
  });

  it("lists its 429 and 503 answers in the OpenAPI document", async () => {
    const doc = await body(await h.app.request("/api/openapi.json"));
    for (const path of ["/api/import/preview", "/api/import"]) {
      const responses = doc.paths[path].post.responses;
      expect(Object.keys(responses).sort()).toEqual(["200", "400", "401", "403", "413", "429", "503"]);
      expect(responses["400"].description).toMatch(/import_invalid/);
      expect(responses["413"].description).toMatch(/payload_too_large/);
      expect(responses["429"].description).toMatch(/import_busy.*MERIDIAN_IMPORT_CONCURRENCY/s);
      expect(responses["429"].headers["Retry-After"]).toBeDefined();
      expect(responses["503"].description).toMatch(/import_unavailable/);
      expect(responses["503"].content["application/json"]).toBeDefined();
    }
  });
});
