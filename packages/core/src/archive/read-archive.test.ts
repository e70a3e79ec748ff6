import { describe, expect, it } from "vitest";
import { readArchive } from "./detect";
import { type Archive, archiveJson } from "./schema";

const T = "2024-03-01T20:00:00.000Z";

/** A small archive as `meridian export` writes it. */
function sample(): Archive {
  return {
    format: "meridian-archive",
    version: 1,
    exportedAt: T,
    account: { username: "ana", timeZone: "Europe/London", createdAt: T },
    entries: [
      {
        id: "e1",
        clientId: "client-entry-0001",
        title: "Rain",
        body: "Soft.",
        promptId: "p1",
        promptText: "What did you hear?",
        revision: 3,
        createdAt: T,
        updatedAt: T,
        localDate: "2024-03-01",
        timeZone: "Europe/London",
        tags: ["evening routine", "rain"],
      },
    ],
    prompts: [{ id: "p1", category: "sleep", text: "What did you hear?", createdAt: T }],
    sessions: [
      {
        id: "s1",
        clientId: null,
        status: "checked-out",
        startedAt: T,
        endedAt: T,
        timeZone: "Europe/London",
        localDate: "2024-03-01",
        checkIn: { pleasantness: 4, energy: 5, anxiety: 50 },
        checkOut: { pleasantness: 6, energy: 4, anxiety: 20, tingles: 0, tingleLocations: [], relaxation: 7 },
        scene: { version: 1, name: "Rain", layers: [] },
        media: [{ kind: "own-audio", audioId: "m1", name: "hum.wav" }],
        entryId: "e1",
        promptId: null,
        condition: { kind: "open" },
        createdAt: T,
        updatedAt: T,
      },
    ],
    sleepDiaries: [],
    checkups: [],
    presets: [],
    media: [
      {
        id: "m1",
        kind: "audio",
        name: "hum.wav",
        sizeBytes: 4,
        details: {
          format: "wav",
          contentType: "audio/wav",
          durationSeconds: 1,
          loudnessLufs: -20,
          gainDb: -3,
          loudnessSource: "server",
        },
        createdAt: T,
        file: "media/m1",
      },
    ],
  };
}

const broken = (change: (a: Archive & Record<string, unknown>) => void) => {
  const a = JSON.parse(JSON.stringify(sample()));
  change(a);
  return () => readArchive(a);
};

describe("readArchive", () => {
  it("accepts an export and gives back the records as written (same JSON bytes)", () => {
    const a = sample();
    expect(archiveJson(readArchive(JSON.parse(archiveJson(a))))).toBe(archiveJson(a));
  });

  it("names the first thing wrong", () => {
    expect(
      broken((a) => ((a.entries[0] as { createdAt: string }).createdAt = "2024-03-01T21:00:00+01:00")),
    ).toThrow("archive.json is not valid: entries.0.createdAt: should be an ISO 8601 UTC date and time (…Z)");
    expect(broken((a) => (a.entries[0] as { tags: string[] }).tags.push("!!!"))).toThrow(
      /entries\.0\.tags\.2: is not a tag/,
    );
    expect(
      broken((a) => ((a.sessions[0] as { checkIn: { anxiety: number } }).checkIn.anxiety = 101)),
    ).toThrow("archive.json is not valid: sessions.0.checkIn.anxiety: Anxiety should be from 0 to 100");
    expect(broken((a) => ((a.sessions[0] as { entryId: string }).entryId = "elsewhere"))).toThrow(
      "sessions.0.entryId names an entry that is not in the archive",
    );
    expect(broken((a) => ((a.media[0] as { file: string | null }).file = null))).toThrow(
      /media\.0\.file should name the file/,
    );
    expect(
      broken((a) => ((a.media[0] as { details: Record<string, unknown> }).details.gainDb = "loud")),
    ).toThrow(/media\.0\.details\.gainDb/);
    expect(
      broken((a) => a.prompts.push({ id: "p1", category: "sleep", text: "again", createdAt: T })),
    ).toThrow("two prompts share the id p1");
    expect(broken((a) => ((a.prompts[0] as { category: string }).category = "secrets"))).toThrow(
      /prompts\.0\.category/,
    );
    expect(
      broken((a) =>
        a.presets.push({
          id: "x",
          name: "Bad",
          scene: { version: 1, layers: [{ generator: "nope" }] },
          createdAt: T,
          updatedAt: T,
        }),
      ),
    ).toThrow(/presets\.0\.scene: is not a valid scene/);
  });
});
