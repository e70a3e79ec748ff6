import { tzOffsetMinutes } from "@meridian/core";
import { BUILTIN_SCENES } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import type { InsightsSessionRow } from "../store/ritual-store";
import { insightsInput, sceneTriggers, sessionObservation, TRIGGER_SHARE, ZoneClock } from "./observations";

const layer = (generator: string, gainDb?: number, extra: Record<string, unknown> = {}) => ({
  id: `${generator}-${gainDb}`,
  generator,
  ...(gainDb === undefined ? {} : { gainDb }),
  ...extra,
});
const scene = (...layers: unknown[]) => ({ version: 1, layers });

describe("sceneTriggers (share of the scene's power)", () => {
  it("keeps generators with at least 10 % of the power", () => {
    expect(TRIGGER_SHARE).toBe(0.1);
    // rain 1, brown noise 10^-1.4 ≈ 0.040 → 3.8 %: not a trigger.
    expect(sceneTriggers(scene(layer("rain", 0), layer("brown-noise", -14)))).toEqual(["rain"]);
    // Two equal layers: 50 % each; gainDb absent means 0 dB.
    expect(sceneTriggers(scene(layer("rain"), layer("tapping", 0)))).toEqual(["rain", "tapping"]);
  });

  it("puts the boundary at exactly 10 %", () => {
    // p = 1/9 of the other → share 1/10 exactly: 10·log10(1/9) dB.
    const db = 10 * Math.log10(1 / 9);
    expect(sceneTriggers(scene(layer("rain", 0), layer("tapping", db + 1e-9)))).toEqual(["rain", "tapping"]);
    expect(sceneTriggers(scene(layer("rain", 0), layer("tapping", db - 1e-6)))).toEqual(["rain"]);
  });

  it("adds up layers of one generator, and ignores muted and unsoloed layers", () => {
    // Three tapping layers at 5 % each of rain's power: together 15/115 = 13 %.
    const quiet = 10 * Math.log10(0.05);
    expect(
      sceneTriggers(
        scene(layer("rain", 0), layer("tapping", quiet), layer("tapping", quiet), layer("tapping", quiet)),
      ),
    ).toEqual(["rain", "tapping"]);
    expect(sceneTriggers(scene(layer("rain", 0), layer("tapping", 0, { mute: true })))).toEqual(["rain"]);
    expect(sceneTriggers(scene(layer("rain", 0), layer("tapping", -20, { solo: true })))).toEqual([
      "tapping",
    ]);
    // Any solo flag silences the others, even on a muted layer (the engine's rule).
    expect(sceneTriggers(scene(layer("rain", 0), layer("tapping", 0, { solo: true, mute: true })))).toEqual(
      [],
    );
  });

  it("finds nothing in what isn't a scene", () => {
    expect(sceneTriggers(null)).toEqual([]);
    expect(sceneTriggers({ layers: "rain" })).toEqual([]);
    expect(sceneTriggers(scene({ generator: 3 }, null, layer("", 0)))).toEqual([]);
    expect(sceneTriggers(scene(layer("rain", 0, { mute: true })))).toEqual([]);
  });

  it("gives every built-in scene at least one trigger", () => {
    for (const s of BUILTIN_SCENES) expect(sceneTriggers(s.scene).length, s.id).toBeGreaterThan(0);
    const rain = BUILTIN_SCENES.find((s) => s.id === "library-rain");
    expect(sceneTriggers(rain?.scene)).toContain("rain");
  });
});

describe("ZoneClock", () => {
  const zones = [
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
  ];

  it("agrees with Intl for instants in ascending and in random order", () => {
    for (const zone of zones) {
      const start = Date.UTC(2023, 0, 1);
      const ascending = new ZoneClock(zone);
      for (let ms = start; ms < start + 2 * 365 * 86_400_000; ms += 7 * 3_600_000 + 13 * 60_000) {
        expect(ascending.offsetMs(ms), `${zone} ${new Date(ms).toISOString()}`).toBe(
          tzOffsetMinutes(ms, zone) * 60_000,
        );
      }
      const shuffled = new ZoneClock(zone);
      let x = 12345;
      for (let i = 0; i < 300; i++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const ms = start + (x % (730 * 86_400)) * 1000;
        expect(shuffled.offsetMs(ms)).toBe(tzOffsetMinutes(ms, zone) * 60_000);
      }
    }
  });

  it("remembers what it found: a second walk over ten years asks Intl nothing", () => {
    const clock = new ZoneClock("Europe/London");
    const start = Date.UTC(2015, 0, 1, 20);
    const walk = () => {
      for (let d = 0; d < 3650; d++) clock.hourAt(start + d * 86_400_000);
    };
    walk();
    const first = clock.probes;
    expect(first).toBeLessThan(1000); // vs 3,650 look-ups one by one
    walk();
    expect(clock.probes).toBe(first);
    for (let d = 0; d < 3650; d += 97) {
      const ms = start + d * 86_400_000;
      expect(clock.offsetMs(ms)).toBe(tzOffsetMinutes(ms, "Europe/London") * 60_000);
    }
  });

  it("reads the local hour across a DST change", () => {
    const clock = new ZoneClock("Europe/London");
    expect(clock.hourAt(Date.parse("2025-03-30T00:59:00Z"))).toBeCloseTo(59 / 60, 12); // 00:59 GMT
    expect(clock.hourAt(Date.parse("2025-03-30T01:00:00Z"))).toBe(2); // 02:00 BST
    expect(clock.hourAt(Date.parse("2025-10-26T00:30:00Z"))).toBe(1.5); // 01:30 BST
    expect(clock.hourAt(Date.parse("2025-10-26T01:30:00Z"))).toBe(1.5); // 01:30 GMT
  });
});

const row = (over: Partial<InsightsSessionRow> = {}): InsightsSessionRow => ({
  id: "s1",
  status: "checked-out",
  startedAt: "2025-06-01T20:30:00.000Z",
  timeZone: "Europe/London",
  localDate: "2025-06-01",
  checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
  checkOut: { pleasantness: 6, energy: 4, anxiety: 25, tingles: 2 },
  triggers: ["rain", "page-turn"],
  presetId: "library-rain",
  mediaId: "a1",
  condition: JSON.stringify({ kind: "open" }),
  ...over,
});

describe("sessionObservation", () => {
  it("maps a checked-out session", () => {
    expect(sessionObservation(row())).toEqual({
      id: "s1",
      startedAt: "2025-06-01T20:30:00.000Z",
      localDate: "2025-06-01",
      hourLocal: 21.5,
      checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
      checkOut: { pleasantness: 6, energy: 4, anxiety: 25, tingles: 2 },
      triggers: ["rain", "page-turn"],
      presetId: "library-rain",
      mediaId: "a1",
    });
  });

  it("counts abandoned and active sessions as held with no change", () => {
    expect(sessionObservation(row({ status: "abandoned", checkOut: null })).checkOut).toBeNull();
    expect(sessionObservation(row({ status: "active", checkOut: null })).checkOut).toBeNull();
  });

  it("hides the sound of a masked session until it is revealed", () => {
    const masked = JSON.stringify({ kind: "masked", experimentId: "e1", armLabel: "A", revealed: false });
    expect(sessionObservation(row({ condition: masked }))).toMatchObject({
      triggers: [],
      presetId: null,
      mediaId: null,
    });
    const revealed = JSON.stringify({ kind: "masked", experimentId: "e1", armLabel: "A", revealed: true });
    expect(sessionObservation(row({ condition: revealed })).triggers).toEqual(["rain", "page-turn"]);
  });

  it("maps diaries and check-ups, and reads UTC hours directly", () => {
    const input = insightsInput({
      sessions: [
        row({
          timeZone: "UTC",
          startedAt: "2025-06-01T23:45:00.000Z",
          triggers: [],
          presetId: null,
          mediaId: null,
        }),
      ],
      diaries: [
        { nightOf: "2025-06-01", sessionId: "s1", solMinutes: 12, sleepEfficiency: 91.5, quality: 4 },
      ],
      checkups: [{ instrumentId: "gad7", localDate: "2025-06-02", total: 6 }],
    });
    expect(input.sessions[0]).toMatchObject({
      hourLocal: 23.75,
      triggers: [],
      presetId: null,
      mediaId: null,
    });
    expect(input.sleep).toEqual([
      { date: "2025-06-01", solMinutes: 12, sleepEfficiency: 91.5, quality: 4, precededBySessionId: "s1" },
    ]);
    expect(input.checkups).toEqual([{ instrumentId: "gad7", date: "2025-06-02", total: 6 }]);
  });

  it("maps each row object once: the same rows give the same observations", () => {
    const rows = {
      sessions: [row()],
      diaries: [
        { nightOf: "2025-06-01", sessionId: "s1", solMinutes: 12, sleepEfficiency: 91.5, quality: 4 },
      ],
      checkups: [],
    };
    const first = insightsInput(rows);
    const again = insightsInput({ ...rows, sessions: rows.sessions.slice() });
    expect(again.sessions[0]).toBe(first.sessions[0]);
    expect(again.sleep?.[0]).toBe(first.sleep?.[0]);
    // A new row object (as after a write) is mapped afresh.
    const changed = insightsInput({ ...rows, sessions: [row({ localDate: "2025-06-02" })] });
    expect(changed.sessions[0]).not.toBe(first.sessions[0]);
    expect(changed.sessions[0]?.localDate).toBe("2025-06-02");
  });
});
