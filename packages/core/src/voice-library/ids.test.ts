import { describe, expect, it } from "vitest";
import { STORY_IDS, WIND_DOWN_IDS } from "./ids";
import { BODY_SCAN, STORIES, WIND_DOWN_SETS } from "./index";

describe("voice library ids", () => {
  it("lists exactly the library's stories, body scan and wind-down sets, in order", () => {
    expect(STORY_IDS).toEqual([...STORIES, BODY_SCAN].map((s) => s.id));
    expect(WIND_DOWN_IDS).toEqual(WIND_DOWN_SETS.map((s) => s.id));
  });
});
