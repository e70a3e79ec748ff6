import { describe, expect, it } from "vitest";
import { parseDayOne, unescapeDayOne } from "./day-one";
import { DAYLIO_MOODS, parseDaylio } from "./daylio";
import { readImportText } from "./detect";
import { DAY_ONE_JOURNAL, DAYLIO_CSV, DAYLIO_CSV_OLD, JRNL_EXPORT } from "./fixtures.test-helpers";
import { ImportFormatError, normaliseTag } from "./imported";
import { parseJrnl } from "./jrnl";

describe("Day One", () => {
  const result = parseDayOne(JSON.parse(DAY_ONE_JOURNAL));

  it("keeps the instant, dates the entry in its own zone and takes a heading as the title", () => {
    const [tokyo, newYork, berlin] = result.entries;
    expect(tokyo).toMatchObject({
      key: "dayone:3F2A9C1B8E7D4A6B9C0D1E2F3A4B5C6D",
      createdAt: "2023-11-04T22:47:10.000Z",
      timeZone: "Asia/Tokyo",
      localDate: "2023-11-05", // 07:47 the next morning in Tokyo
      title: "Couldn't settle. Tried the rain scene",
      tags: ["evening-routine", "sleep", "starred"],
    });
    // 00:30 UTC on 31 March is still 30 March in New York (EDT, UTC−4).
    expect(newYork).toMatchObject({ localDate: "2024-03-30", title: null, tags: [] });
    expect(newYork?.body).toBe("Morning pages.\nShort one today, *still* tired.");
    expect(berlin).toMatchObject({
      title: "Three good things",
      localDate: "2024-06-01",
      tags: ["gratitude"],
    });
  });

  it("removes needless escapes and photo links, keeps escapes that stop a list", () => {
    expect(result.entries[0]?.body).toBe(
      "Lay down at 7:30. Listened for 20 minutes (maybe more)!\n\n1\\. tea\n2\\. book\n\\- not a list",
    );
    expect(unescapeDayOne("a\\.b \\![x](y) \\*kept\\*")).toBe("a.b \\![x](y) \\*kept\\*");
  });

  it("says what it left out: photos and tags without letters", () => {
    expect(result.warnings[0]).toBe(
      "1 photo or other attachments in 1 entry were not imported; only the text, tags and dates are",
    );
    expect(result.warnings).toContain('Entry 3: the tag "!!!" has no letters or digits and was left out');
  });

  it("takes modifiedDate as the entry's last change (never before its creation), else the creation", () => {
    const [tokyo, newYork] = result.entries;
    expect(tokyo).toMatchObject({
      createdAt: "2023-11-04T22:47:10.000Z",
      updatedAt: "2023-11-05T07:02:00.000Z",
    });
    expect(newYork).toMatchObject({
      createdAt: "2024-03-31T00:30:00.000Z",
      updatedAt: "2024-03-31T00:30:00.000Z",
    });
    const odd = parseDayOne({
      entries: [
        { uuid: "A1", creationDate: "2024-01-02T00:00:00Z", modifiedDate: "2024-01-01T00:00:00Z", text: "x" },
        { uuid: "B2", creationDate: "2024-01-02T00:00:00Z", modifiedDate: "last week", text: "y" },
      ],
    });
    expect(odd.entries.map((e) => e.updatedAt)).toEqual([
      "2024-01-02T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
    ]);
    expect(odd.warnings).toContain(
      'Entry 2: "modifiedDate" is not an ISO 8601 date and time; its last change is taken as its creation',
    );
  });

  it("refuses an entry without a date, naming it", () => {
    const bad = {
      entries: [
        { uuid: "A1", creationDate: "2024-01-01T00:00:00Z" },
        { uuid: "B2", text: "x" },
      ],
    };
    expect(() => parseDayOne(bad)).toThrow(
      new ImportFormatError('Entry 2: "creationDate" should be an ISO 8601 date and time'),
    );
  });
});

describe("jrnl", () => {
  const result = parseJrnl(JSON.parse(JRNL_EXPORT), "Europe/London");

  it("reads wall-clock dates in the account's zone, strips @ from tags and tags starred entries", () => {
    const [first, second, third] = result.entries;
    expect(first).toMatchObject({
      title: "Long day at @work.",
      body: "Meetings until six.\nWalked home the long way and felt better.",
      createdAt: "2024-02-10T19:45:00.000Z",
      localDate: "2024-02-10",
      tags: ["work"],
    });
    expect(second).toMatchObject({ createdAt: "2024-02-11T08:05:00.000Z", tags: ["starred", "walk"] });
    expect(third).toMatchObject({ body: "", localDate: "2024-02-12" });
    expect(result.warnings[0]).toContain("read as Europe/London");
  });

  it("gives every entry a stable key: the same file twice gives the same keys", () => {
    const again = parseJrnl(JSON.parse(JRNL_EXPORT), "Europe/London");
    expect(again.entries.map((e) => e.key)).toEqual(result.entries.map((e) => e.key));
    expect(new Set(result.entries.map((e) => e.key)).size).toBe(3);
    for (const e of result.entries) expect(e.key).toMatch(/^jrnl:[0-9a-f]{40}$/);
  });

  it("warns about an entry whose body is null or missing (imported empty), not about an empty one", () => {
    const read = parseJrnl(
      {
        entries: [
          { title: "Null", body: null, date: "2024-02-10", time: "10:00" },
          { title: "Empty", body: "", date: "2024-02-10", time: "11:00" },
          { title: "Missing", date: "2024-02-10", time: "12:00" },
        ],
      },
      "UTC",
    );
    expect(read.entries.map((e) => e.body)).toEqual(["", "", ""]);
    expect(read.warnings.slice(1)).toEqual([
      'Entry 1 ("Null") has no text ("body" is null); it would be imported as an empty entry',
      'Entry 3 ("Missing") has no text ("body" is missing); it would be imported as an empty entry',
    ]);
    expect(result.warnings).toHaveLength(1);
  });

  it("refuses a bad time, naming the entry", () => {
    const bad = { entries: [{ title: "x", body: "", date: "2024-02-10", time: "25:00" }] };
    expect(() => parseJrnl(bad, "UTC")).toThrow('Entry 1: "time" should be a time written HH:MM');
  });
});

describe("Daylio", () => {
  const result = parseDaylio(DAYLIO_CSV, "Europe/Paris");

  it("maps mood and activities into tags and a rating, the note into the body", () => {
    const [dinner, morning, deadline, nap] = result.entries;
    expect(dinner).toMatchObject({
      title: "Dinner with Sam",
      body: 'Pasta, wine, and "that" story again.\nHome by ten.',
      tags: ["daylio", "friends", "good-meal", "mood-good", "reading"],
      createdAt: "2024-05-03T19:15:00.000Z", // 21:15 in Paris (CEST, UTC+2)
      localDate: "2024-05-03",
    });
    expect(morning).toMatchObject({ title: "Mood: meh (5/9)", body: "", tags: ["daylio", "mood-meh"] });
    expect(deadline?.body).toBe(
      "Deadline moved up.\r\nCouldn't switch off, so wrote this instead.".replace("\r\n", "\n"),
    );
    expect(deadline?.createdAt).toBe("2024-05-04T20:40:00.000Z");
    expect(nap).toMatchObject({
      title: "Mood: sleepy-ish",
      tags: ["daylio", "mood-sleepy-ish", "nap", "rain"],
    });
    expect(result.warnings).toContain(
      '"sleepy-ish" is not one of Daylio\'s five default moods; it is kept as a tag without a 1–9 rating',
    );
    expect(DAYLIO_MOODS).toEqual({ rad: 9, good: 7, meh: 5, bad: 3, awful: 1 });
  });

  it("treats constructor, __proto__ and toString as unknown moods, not as Object's properties", () => {
    const csv = [
      "full_date,time,mood",
      "2024-01-01,10:00,constructor",
      "2024-01-02,10:00,__proto__",
      "2024-01-03,10:00,toString",
    ].join("\n");
    const result = parseDaylio(csv, "UTC");
    expect(result.entries.map((e) => e.title)).toEqual([
      "Mood: constructor",
      "Mood: __proto__",
      "Mood: toString",
    ]);
    for (const mood of ["constructor", "__proto__", "toString"]) {
      expect(result.warnings).toContain(
        `"${mood}" is not one of Daylio's five default moods; it is kept as a tag without a 1–9 rating`,
      );
    }
  });

  it("reads the older layout and tells identical rows apart", () => {
    const old = parseDaylio(DAYLIO_CSV_OLD, "UTC");
    expect(old.entries).toHaveLength(2);
    expect(old.entries[0]?.title).toBe("Mood: rad (9/9)");
    expect(old.entries[1]?.key).toBe(`${old.entries[0]?.key}#1`);
  });

  it("refuses a row with a bad date, a missing column or a broken quote, naming the line", () => {
    expect(() => parseDaylio("full_date,time,mood\n2024-13-01,10:00,good\n", "UTC")).toThrow(
      'Line 2: full_date "2024-13-01" is not a date written YYYY-MM-DD',
    );
    expect(() => parseDaylio("full_date,time\n2024-01-01,10:00\n", "UTC")).toThrow('no "mood" column');
    expect(() => parseDaylio('full_date,time,mood,note\n2024-01-01,10:00,good,"open\n', "UTC")).toThrow(
      "This Daylio CSV is malformed. Line 2: a quoted field is never closed",
    );
    expect(() => parseDaylio("full_date,time,mood\n2024-01-01,10:00\n", "UTC")).toThrow(
      "Line 2 has 2 fields",
    );
  });
});

describe("readImportText", () => {
  it("detects each format", () => {
    expect(readImportText(DAY_ONE_JOURNAL, { timeZone: "UTC" }).format).toBe("dayone");
    expect(readImportText(JRNL_EXPORT, { timeZone: "UTC" }).format).toBe("jrnl");
    expect(readImportText(DAYLIO_CSV, { timeZone: "UTC" }).format).toBe("daylio");
  });

  it("names what is wrong with an unreadable file", () => {
    expect(() => readImportText("", { timeZone: "UTC" })).toThrow("The file is empty");
    expect(() => readImportText('{"entries": [', { timeZone: "UTC" })).toThrow(/not valid JSON/);
    expect(() => readImportText('{"hello": 1}', { timeZone: "UTC" })).toThrow(/not a Meridian archive/);
    expect(() => readImportText("just some words", { timeZone: "UTC" })).toThrow(/Unknown file type/);
    expect(() => readImportText('{"format":"meridian-archive","version":2}', { timeZone: "UTC" })).toThrow(
      "archive.json is not valid: version: Only archive version 1 can be read",
    );
  });
});

describe("normaliseTag", () => {
  it("fits foreign tags to Meridian's rules", () => {
    expect(normaliseTag("@Work")).toBe("work");
    expect(normaliseTag("#good meal!")).toBe("good-meal");
    expect(normaliseTag("  -x ")).toBe("x");
    expect(normaliseTag("!!!")).toBeNull();
    expect(normaliseTag("a".repeat(60))).toHaveLength(40);
  });
});
