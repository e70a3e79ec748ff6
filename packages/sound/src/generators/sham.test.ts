/**
 * The matched bed against five sounds it stands in for: same long-term spectrum (±2 dB per
 * 1/3-octave band, 100 Hz–12 kHz), same loudness (±1 LU), none of the modulation (short-term
 * loudness spread and crest factor), no tonal lines. Figures are printed for the report.
 */
import { describe, expect, it } from "vitest";
import { mid } from "../analysis/filters";
import { shamProfileFor } from "../analysis/long-term-spectrum";
import { renderScene, type Stereo } from "../analysis/render";
import { welch } from "../analysis/spectrum";
import { integratedLoudness } from "../loudness/meter";
import type { Scene, SceneLayer } from "../scene";
import { generatorById } from "./index";
import { shamLayerFor } from "./sham-layer";
import { DEFAULT_PACKED, packProfile, unpackInto } from "./sham-profile";

const FS = 48000;
/** Print a figure for the report (the sound package has no DOM/Node types, so no `console`). */
const report = (line: string): void =>
  (globalThis as { console?: { log(text: string): void } }).console?.log(line);
const SOUNDS = ["keyboard", "tapping", "whispering", "hair-brushing", "rain"].filter((id) =>
  generatorById(id),
);

function solo(layer: SceneLayer, seconds: number, seed: number): Stereo {
  const scene: Scene = { version: 1, fadeIn: 0, layers: [layer] };
  return renderScene(scene, { seconds, seed, sampleRate: FS });
}

/** Standard deviation (dB) of 50 ms mean-square levels of both ears, silent frames floored at −90. */
function shortTermSpreadDb(x: Stereo): number {
  const hop = Math.round(0.05 * FS);
  const levels: number[] = [];
  for (let f = 0; f + hop <= x.l.length; f += hop) {
    let e = 0;
    for (let i = f; i < f + hop; i++) e += (x.l[i] as number) ** 2 + (x.r[i] as number) ** 2;
    levels.push(10 * Math.log10(Math.max(e / (2 * hop), 1e-9)));
  }
  const mean = levels.reduce((s, v) => s + v, 0) / levels.length;
  return Math.sqrt(levels.reduce((s, v) => s + (v - mean) ** 2, 0) / levels.length);
}

/** Peak over RMS of the mid signal, dB. */
function crestDb(x: Stereo): number {
  const m = mid(x.l, x.r);
  let peak = 0;
  let e = 0;
  for (const v of m) {
    peak = Math.max(peak, Math.abs(v));
    e += v * v;
  }
  return 20 * Math.log10(peak / Math.sqrt(e / m.length));
}

/**
 * Largest excess (dB) of a power-spectrum bin over its surroundings, 100 Hz–12 kHz: the larger of
 * the medians of bins 3–7 (18–41 Hz) to its left and to its right (a tone stands above both; the edge of a
 * loud band does not stand above the band's own side).
 */
function tonalPeakDb(x: Stereo): number {
  const size = 8192;
  const psd = welch(mid(x.l, x.r), size);
  const bin = FS / size;
  const median = (from: number, to: number): number => {
    const v: number[] = [];
    for (let j = from; j <= to; j++) v.push(psd[j] as number);
    v.sort((a, b) => a - b);
    return v[v.length >> 1] as number;
  };
  let worst = Number.NEGATIVE_INFINITY;
  for (let k = Math.ceil(100 / bin); k <= Math.floor(12000 / bin); k++) {
    const ref = Math.max(median(k - 7, k - 3), median(k + 3, k + 7));
    worst = Math.max(worst, 10 * Math.log10((psd[k] as number) / ref));
  }
  return worst;
}

describe("sham profile packing", () => {
  it("round-trips 25 band levels within 0.25 dB and clamps to −40 … +20", () => {
    const levels = Array.from({ length: 25 }, (_, k) => -45 + k * 2.7 + (k % 3) * 0.13);
    const packed = packProfile(levels);
    const out = new Float64Array(25);
    ["low", "lowMid", "mid", "highMid", "high"].forEach((name, g) => {
      unpackInto(packed[name] as number, out, g * 5);
    });
    levels.forEach((v, k) => {
      expect(Math.abs((out[k] as number) - Math.min(20, Math.max(-40, v)))).toBeLessThanOrEqual(0.25);
    });
    expect(Object.keys(DEFAULT_PACKED)).toEqual(["low", "lowMid", "mid", "highMid", "high"]);
    expect(() => packProfile([1, 2])).toThrow(/25 band levels/);
  });
});

describe.each(SOUNDS.map((id) => [id] as const))("sham matched to %s", (id) => {
  const layer: SceneLayer = { id: "x", generator: id, position: { azimuth: 30, elevation: 0, distance: 1 } };
  const sham = shamLayerFor(layer, FS, 7);

  it("keeps the layer's id, placement and gain, with the sham generator at variation 0", () => {
    expect(sham.id).toBe("x");
    expect(sham.generator).toBe("sham");
    expect(sham.position).toEqual(layer.position);
    expect(sham.params?.variation).toBe(0);
    expect(Math.abs(sham.gainDb ?? 0)).toBeLessThan(3);
    expect(sham.spread).toBe(generatorById(id)?.channels === 1 ? 0 : 60);
  });

  it("matches the long-term spectrum within ±2 dB per band over 100 Hz–12 kHz", () => {
    const want = shamProfileFor(id, {}, FS, 7);
    const got = shamProfileFor("sham", sham.params ?? {}, FS, 3);
    const diffs: number[] = [];
    // Bands 3 (≈ 100 Hz) … 23 (≈ 10 kHz, upper edge 11.3 kHz).
    for (let k = 3; k <= 23; k++) diffs.push((got[k] as number) - (want[k] as number));
    const worst = Math.max(...diffs.map(Math.abs));
    report(`${id}: worst band difference ${worst.toFixed(2)} dB`);
    expect(worst, diffs.map((d) => d.toFixed(1)).join(" ")).toBeLessThanOrEqual(2);
  });

  it("plays as loud (±1 LU), without the modulation, transients or tonal lines", () => {
    const a = solo(layer, 30, 2);
    const b = solo(sham, 30, 2);
    const la = integratedLoudness(FS, [a.l, a.r]);
    const lb = integratedLoudness(FS, [b.l, b.r]);
    const sa = shortTermSpreadDb(a);
    const sb = shortTermSpreadDb(b);
    const ca = crestDb(a);
    const cb = crestDb(b);
    const ta = tonalPeakDb(a);
    const tb = tonalPeakDb(b);
    report(
      `${id}: loudness ${la.toFixed(2)} vs sham ${lb.toFixed(2)} LUFS; 50 ms level SD ${sa.toFixed(2)} vs ${sb.toFixed(2)} dB; crest ${ca.toFixed(1)} vs ${cb.toFixed(1)} dB; tonal peak ${ta.toFixed(1)} vs ${tb.toFixed(1)} dB`,
    );
    expect(Math.abs(lb - la)).toBeLessThanOrEqual(1);
    expect(sb).toBeLessThan(1);
    expect(sb).toBeLessThan(sa / 2);
    expect(cb).toBeLessThan(ca);
    expect(tb).toBeLessThan(4);
  });
});

describe("sham at any profile", () => {
  it("renders near the −27 LUFS reference for dark, bright and jagged profiles (no match)", () => {
    const profiles = [
      Array.from({ length: 25 }, (_, k) => 10 - k),
      Array.from({ length: 25 }, (_, k) => k - 14),
      Array.from({ length: 25 }, (_, k) => (k % 2 ? 8 : -8)),
    ];
    const got = profiles.map((p) => {
      const x = solo({ id: "s", generator: "sham", params: packProfile(p), spread: 0 }, 20, 1);
      return integratedLoudness(FS, [x.l, x.r]);
    });
    report(`sham reference, dark/bright/jagged: ${got.map((v) => v.toFixed(2)).join(", ")} LUFS`);
    for (const v of got) expect(Math.abs(v + 27)).toBeLessThanOrEqual(1.5);
  });
});

describe("shamLayerFor", () => {
  it("keeps a stereo layer's spread, motion, gain, mute and solo", () => {
    const layer: SceneLayer = {
      id: "bed",
      generator: "rain",
      gainDb: -6,
      mute: true,
      solo: true,
      spread: 80,
      position: { azimuth: -50, elevation: 10, distance: 2 },
      motion: { kind: "orbit", period: 30 },
      variation: 0.9,
    };
    const s = shamLayerFor(layer, FS, 1, { seconds: 4, matchLoudness: false });
    expect(s).toMatchObject({ id: "bed", generator: "sham", gainDb: -6, mute: true, solo: true, spread: 80 });
    expect(s.position).toEqual(layer.position);
    expect(s.motion).toEqual(layer.motion);
    expect(s.variation).toBeUndefined();
    expect(Object.keys(s.params ?? {}).sort()).toEqual([
      "high",
      "highMid",
      "low",
      "lowMid",
      "mid",
      "variation",
    ]);
  });

  it("moves the sham's gain by the measured loudness difference", () => {
    const busy: SceneLayer = { id: "k", generator: "keyboard", params: { speed: 95, softness: 0 } };
    const plain = shamLayerFor(busy, FS, 2, { seconds: 8, matchLoudness: false });
    const matched = shamLayerFor(busy, FS, 2, { seconds: 8 });
    const lufs = (l: SceneLayer): number => {
      const x = solo(l, 8, 2);
      return integratedLoudness(FS, [x.l, x.r]);
    };
    const [t, p, m] = [lufs(busy), lufs(plain), lufs(matched)];
    report(
      `keyboard at speed 95, softness 0: ${t.toFixed(2)} LUFS; sham ${p.toFixed(2)}, matched ${m.toFixed(2)}`,
    );
    expect(plain.gainDb).toBeUndefined();
    expect(Math.abs(p - t)).toBeGreaterThan(1);
    expect(Math.abs(m - t)).toBeLessThan(0.5);
  });

  it("names an unknown generator", () => {
    expect(() => shamLayerFor({ id: "x", generator: "nope" }, FS, 1)).toThrow(/unknown generator "nope"/);
  });
});
