import { BODY_SCAN, STORIES, spokenMinutes, VOICE_CONTENT_IDS, WIND_DOWN_SETS } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

describe("meridian stories", () => {
  it("lists every story, the body scan and the wind-down sets with minutes at 130 wpm", async () => {
    const io = captureIO();
    expect(await run(["stories"], io), io.err()).toBe(0);
    const out = io.out();
    expect(out).toContain("130 words per minute");
    for (const id of VOICE_CONTENT_IDS) expect(out).toContain(id);
    const train = STORIES.find((s) => s.id === "night-train");
    if (!train) throw new Error("night-train is a story");
    const line = out.split("\n").find((l) => l.includes("night-train")) ?? "";
    expect(line).toContain(`${spokenMinutes(train, 130).toFixed(1)} min`);
    expect(line).toContain(train.title);
    expect(out).toContain(BODY_SCAN.title);
    for (const set of WIND_DOWN_SETS) expect(out).toContain(set.title);
  });

  it("takes another rate, prints JSON, and refuses a bad rate", async () => {
    const io = captureIO();
    expect(await run(["stories", "--rate", "100", "--json"], io), io.err()).toBe(0);
    const { wpm, items } = JSON.parse(io.out());
    expect(wpm).toBe(100);
    expect(items).toHaveLength(VOICE_CONTENT_IDS.length);
    const scan = items.find((i: { id: string }) => i.id === "body-scan");
    expect(scan.kind).toBe("body-scan");
    expect(scan.minutes).toBeCloseTo(spokenMinutes(BODY_SCAN, 100), 1);
    for (const i of items) expect(i.minutes).toBeGreaterThan(0);

    const bad = captureIO();
    expect(await run(["stories", "--rate", "fast"], bad)).toBe(2);
    expect(bad.err()).toMatch(/--rate: must be a number from 80 to 220/);
    const extra = captureIO();
    expect(await run(["stories", "night-train"], extra)).toBe(2);
  });
});
