import { describe, expect, it } from "vitest";
import { parseScene } from "./scene";
import { isRandomMediaLayerId, mediaLayerIdFrom, withRandomMediaLayerIds } from "./scene-ids";

/** Deterministic "random" bytes for the test: 0, 1, 2, … */
function counter(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => next++ % 256);
}

describe("own-audio layer ids", () => {
  it("are m- and 12 hex digits", () => {
    expect(mediaLayerIdFrom(Uint8Array.from([0, 1, 0xab, 0xff, 16, 9]))).toBe("m-0001abff1009");
    expect(isRandomMediaLayerId("m-0001abff1009")).toBe(true);
    for (const id of ["after-the-funeral-mum-s-voice", "m-0001abff100", "m-0001ABFF1009", "hum-wav", 7]) {
      expect(isRandomMediaLayerId(id)).toBe(false);
    }
  });

  it("replaces file-name slugs, keeps random ids, order, names and everything else", () => {
    const scene = {
      version: 2,
      name: "m1.sealed-name",
      layers: [{ id: "rain", generator: "rain" }],
      mediaLayers: [
        { id: "after-the-funeral-mum-s-voice", mediaId: "A1", name: "m1.sealed", motion: { kind: "drift" } },
        { id: "m-0123456789ab", mediaId: "B2", name: "m1.other" },
        { id: "hum-wav", mediaId: "C3", gainDb: -3, solo: true },
      ],
    };
    const out = withRandomMediaLayerIds(scene, counter());
    expect(out).not.toBe(scene);
    expect(out.mediaLayers.map((l) => l.id)).toEqual(["m-000102030405", "m-0123456789ab", "m-060708090a0b"]);
    expect(out.mediaLayers.map(({ id: _id, ...rest }) => rest)).toEqual(
      scene.mediaLayers.map(({ id: _id, ...rest }) => rest),
    );
    expect(out.layers).toBe(scene.layers);
    expect(JSON.stringify(out)).not.toMatch(/funeral|hum/);
    expect(parseScene(out).ok).toBe(true);
    // Already random: the same object back.
    expect(withRandomMediaLayerIds(out, counter())).toBe(out);
  });

  it("leaves anything that is not a scene with own-audio layers alone, and never clashes", () => {
    for (const v of [null, "x", 3, [], { version: 1, layers: [] }, { mediaLayers: "no" }]) {
      expect(withRandomMediaLayerIds(v, counter())).toBe(v);
    }
    // Bytes that would repeat the id a generator layer already has are drawn again.
    let calls = 0;
    const stuck = (n: number) => Uint8Array.from({ length: n }, () => (calls++ < 6 ? 0 : 1));
    const out = withRandomMediaLayerIds(
      { layers: [{ id: "m-000000000000" }], mediaLayers: [{ id: "slug" }] },
      stuck,
    );
    expect(out.mediaLayers[0]?.id).toBe("m-010101010101");
  });
});
