import { describe, expect, it } from "vitest";
import { entryToMarkdown, markdownFileName } from "./markdown";
import { entryLabel, summariseImport } from "./preview";
import { sha256Hex } from "./sha256";

describe("entryToMarkdown", () => {
  it("writes YAML front matter Obsidian reads: date, tags, prompt, moods, scene", () => {
    const md = entryToMarkdown({
      title: 'Rain: "again" #2',
      body: "First line\n\n- a list\n",
      tags: ["good meal", "2024", "sleep"],
      promptText: "What did you notice?\nAnything else?",
      createdAt: "2024-03-05T21:10:00.000Z",
      updatedAt: "2024-03-05T21:30:00.000Z",
      localDate: "2024-03-05",
      timeZone: "Europe/London",
      moodBefore: { pleasantness: 4, energy: 3, anxiety: 62, stress: null },
      moodAfter: { pleasantness: 7, energy: 3, anxiety: 20, stress: 2 },
      scene: "Rain on a tin roof",
    });
    expect(md).toBe(
      [
        "---",
        'title: "Rain: \\"again\\" #2"',
        "date: 2024-03-05",
        'created: "2024-03-05T21:10:00.000Z"',
        'updated: "2024-03-05T21:30:00.000Z"',
        'time_zone: "Europe/London"',
        "tags:",
        '  - "good-meal"',
        '  - "_2024"',
        '  - "sleep"',
        'prompt: "What did you notice?\\nAnything else?"',
        "mood_before:",
        "  pleasantness: 4",
        "  energy: 3",
        "  anxiety: 62",
        "mood_after:",
        "  pleasantness: 7",
        "  energy: 3",
        "  anxiety: 20",
        "  stress: 2",
        'scene: "Rain on a tin roof"',
        "---",
        "",
        "First line",
        "",
        "- a list",
        "",
      ].join("\n"),
    );
  });

  it("leaves out what an entry doesn't have", () => {
    const md = entryToMarkdown({
      title: null,
      body: "",
      tags: [],
      promptText: null,
      createdAt: "2024-01-01T00:00:00.000Z",
      updatedAt: "2024-01-01T00:00:00.000Z",
      localDate: "2024-01-01",
      timeZone: "UTC",
    });
    expect(md).toBe(
      '---\ndate: 2024-01-01\ncreated: "2024-01-01T00:00:00.000Z"\nupdated: "2024-01-01T00:00:00.000Z"\ntime_zone: "UTC"\n---\n\n',
    );
  });
});

describe("markdownFileName", () => {
  it("makes safe, unique names", () => {
    const taken = new Set<string>();
    expect(markdownFileName({ title: "a/b: c*d?", localDate: "2024-01-01" }, taken)).toBe(
      "2024-01-01 a b c d.md",
    );
    expect(markdownFileName({ title: "A/B: C*D?", localDate: "2024-01-01" }, taken)).toBe(
      "2024-01-01 A B C D 2.md",
    );
    expect(markdownFileName({ title: null, localDate: "2024-01-01" }, taken)).toBe("2024-01-01.md");
    expect(markdownFileName({ title: "   ", localDate: "2024-01-01" }, taken)).toBe("2024-01-01 2.md");
    expect(markdownFileName({ title: "..\u0000..", localDate: "2024-01-02" }, taken)).toBe("2024-01-02.md");
    const long = markdownFileName({ title: "x".repeat(300), localDate: "2024-01-03" }, taken);
    expect(long.length).toBeLessThanOrEqual(11 + 80 + 3);
  });
});

describe("sha256Hex", () => {
  it("matches the standard test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("a".repeat(1000))).toBe(
      "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
    );
    // Multi-byte characters and a lone surrogate (encoded as U+FFFD, as Node does).
    expect(sha256Hex("é✓😀\ud800x")).toBe("0f57c80fd6d8d9b3d830cb58fdfef4b3e8ec92600230dd08db8dfd682c9d1126");
  });
});

describe("summariseImport", () => {
  it("counts new and duplicate records, the date range and the first titles", () => {
    const preview = summariseImport(
      "jrnl",
      [
        { kind: "entries", localDate: "2024-02-11", label: "B", duplicate: false },
        { kind: "entries", localDate: "2024-02-10", label: "A", duplicate: true },
        { kind: "entries", localDate: "2024-03-01", label: "C", duplicate: false },
      ],
      ["w"],
    );
    expect(preview).toMatchObject({
      formatLabel: "jrnl JSON export",
      total: 3,
      newCount: 2,
      duplicateCount: 1,
      dateRange: { from: "2024-02-10", to: "2024-03-01" },
      firstTitles: ["A", "B", "C"],
      warnings: ["w"],
    });
    expect(preview.counts.entries).toEqual({ total: 3, new: 2, duplicates: 1 });
    expect(entryLabel(null, "\n## Heading text\nmore")).toBe("Heading text");
  });
});
