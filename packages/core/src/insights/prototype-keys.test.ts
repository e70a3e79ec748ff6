import { describe, expect, it } from "vitest";
import { computeInsights } from "./compute";
import { addDays } from "./dates";
import { eighteenSessions, session } from "./fixtures.test-helpers";

/** Keys every plain object inherits; as trigger, preset or media ids they must stay plain strings. */
const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

describe("insights keyed by strings an object inherits", () => {
  it("names them as they are in the summary, with or without labels, and groups them like any key", () => {
    const sessions = eighteenSessions();
    INHERITED.forEach((key, k) => {
      for (let i = 0; i < 2; i++) {
        const date = addDays("2025-04-01", k * 2 + i);
        sessions.push(session(`p${k}-${i}`, date, 21, 60, 50 - i, [key], { presetId: key, mediaId: key }));
      }
    });
    for (const labels of [undefined, { rain: "rain" }, Object.fromEntries(INHERITED.map((k) => [k, k]))]) {
      const insights = computeInsights({ sessions }, { summary: labels ? { labels } : {} });
      for (const key of INHERITED) {
        for (const groups of [insights.triggers, insights.presets, insights.media]) {
          const g = groups.groups.find((x) => x.key === key);
          expect(g?.sessions).toBe(2);
        }
        const sentence = insights.summary.sentences.find((s) => s.key === key);
        expect(sentence?.text.toLowerCase()).toContain(`${key.toLowerCase()} (2 sessions)`);
      }
      expect(insights.summary.paragraph).not.toMatch(/\[object|native code|function/);
    }
  });
});
