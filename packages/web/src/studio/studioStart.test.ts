import { GENERATORS } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { Player } from "../audio/player";
import { EMPTY_SCENE, surpriseMix } from "./mix";
import { MASKED_NOTICE, studioGenerators, studioStart } from "./studioStart";

describe("studioStart", () => {
  it("opens on the player's scene, or empty with a note while an experiment's soundscape plays", () => {
    const mix = surpriseMix(42);
    expect(studioStart({ scene: mix, masked: false })).toEqual({ scene: mix, notice: null });
    expect(studioStart({ scene: null, masked: false })).toEqual({ scene: EMPTY_SCENE, notice: null });
    const hidden = studioStart({ scene: mix, masked: true });
    expect(hidden.scene).toBe(EMPTY_SCENE);
    expect(hidden.scene.layers).toEqual([]);
    expect(hidden.notice).toBe(MASKED_NOTICE);
  });

  it("follows the player: a masked play hides the scene, the next plain scene shows again", () => {
    const player = new Player();
    const sham = { ...surpriseMix(7), name: "Evening A" };
    player.setScene(sham, "Evening A", { masked: true });
    expect(player.snapshot.masked).toBe(true);
    expect(studioStart(player.snapshot).scene).toBe(EMPTY_SCENE);
    // Leaving Tonight empties the player; the studio's own mix is not masked.
    player.setScene(EMPTY_SCENE, EMPTY_SCENE.name);
    expect(player.snapshot.masked).toBe(false);
    const mine = surpriseMix(8);
    player.setScene(mine);
    expect(studioStart(player.snapshot)).toEqual({ scene: mine, notice: null });
  });
});

describe("studioGenerators", () => {
  it("offers every generator except the experiment-only sham", () => {
    const ids = studioGenerators().map((g) => g.id);
    expect(GENERATORS.some((g) => g.id === "sham")).toBe(true);
    expect(ids).not.toContain("sham");
    expect(ids).toHaveLength(GENERATORS.length - 1);
    expect(ids).toContain("rain");
    // A layer that already uses it keeps its own generator listed.
    expect(studioGenerators("sham").map((g) => g.id)).toContain("sham");
  });
});
