import { describe, expect, it } from "vitest";
import { bandFraction, welch } from "../analysis/spectrum";
import { Biquad } from "../dsp/biquad";
import { integratedLoudness } from "../loudness/meter";
import { truePeakDb } from "../loudness/true-peak";
import { formantScale } from "./formants";
import { pitchStats, trackPitch, voicedShare } from "./pitch";
import { softSpoken } from "./soft";
import { styleSpeech, VOICE_STYLE_PAUSES, VOICE_STYLES } from "./style";
import { syntheticSpeech } from "./test-speech";

const FS = 22050;
const phrase = syntheticSpeech({ sampleRate: FS, seed: 3 });
const phrase16 = syntheticSpeech({
  sampleRate: 16000,
  seed: 8,
  f0: 210,
  syllables: ["shi", "mo", "ke", "la", "su", "ti", "no", "fa", "ri"],
});
const soft = styleSpeech(phrase, FS, "soft", { seed: 1 });
const whisper = styleSpeech(phrase, FS, "whisper", { seed: 1 });

function maxStep(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.max(1, Math.round(from)); i < Math.round(to); i++)
    m = Math.max(m, Math.abs((x[i] as number) - (x[i - 1] as number)));
  return m;
}

/**
 * How harmonic the 1.5–4 kHz band is: its normalised autocorrelation at the pitch period (best
 * within ±3 %), averaged over voiced frames. Breath noise lowers it.
 */
function upperHarmonicity(y: ArrayLike<number>, fs: number): number {
  const track = trackPitch(y, fs);
  const hp = new Biquad(fs).highpass(1500, Math.SQRT1_2);
  const lp = new Biquad(fs).lowpass(4000, Math.SQRT1_2);
  const band = Float64Array.from(y, (v) => lp.tick(hp.tick(v)));
  const hop = Math.round(track.hop * fs);
  const size = Math.round(0.04 * fs);
  let sum = 0;
  let frames = 0;
  track.f0.forEach((f0, f) => {
    if (f0 <= 0) return;
    const s = f * hop;
    let best = 0;
    for (let lag = Math.floor((0.97 * fs) / f0); lag <= Math.ceil((1.03 * fs) / f0); lag++) {
      let acc = 0;
      let e0 = 0;
      let e1 = 0;
      for (let i = s; i < s + size; i++) {
        const a = band[i] as number;
        const c = band[i + lag] ?? 0;
        acc += a * c;
        e0 += a * a;
        e1 += c * c;
      }
      best = Math.max(best, acc / (Math.sqrt(e0 * e1) || 1));
    }
    sum += best;
    frames++;
  });
  return sum / frames;
}

describe("voice styles", () => {
  it("the test phrase is speech-like: mostly voiced, with a pitch contour", () => {
    expect(voicedShare(phrase, FS)).toBeGreaterThan(0.6);
    expect(voicedShare(phrase, FS)).toBeLessThan(0.97);
    expect(pitchStats(phrase, FS).range).toBeGreaterThan(4);
  });

  it("whisper has no pitch: fewer than 5 % of active frames voiced (two voices, two rates)", () => {
    expect(voicedShare(whisper, FS)).toBeLessThan(0.05);
    const w16 = styleSpeech(phrase16, 16000, "whisper", { seed: 4 });
    expect(voicedShare(phrase16, 16000)).toBeGreaterThan(0.6);
    expect(voicedShare(w16, 16000)).toBeLessThan(0.05);
  });

  it("soft-spoken stays voiced (> 30 %), lower and with a narrower pitch range", () => {
    for (const [x, fs, y] of [
      [phrase, FS, soft],
      [phrase16, 16000, styleSpeech(phrase16, 16000, "soft", { seed: 2 })],
    ] as const) {
      expect(voicedShare(y, fs)).toBeGreaterThan(0.3);
      const a = pitchStats(x, fs);
      const b = pitchStats(y, fs);
      expect(b.mean).toBeLessThan(a.mean - 1.5); // semitones
      expect(b.range).toBeLessThan(0.8 * a.range);
    }
  });

  it("soft-spoken is breathier: noise between the upper harmonics", () => {
    const input = upperHarmonicity(phrase, FS);
    const clean = upperHarmonicity(softSpoken(phrase, FS, { seed: 1, breath: 0 }), FS);
    const breathy = upperHarmonicity(soft, FS);
    expect(breathy).toBeLessThan(input - 0.04);
    expect(breathy).toBeLessThan(clean - 0.1);
  });

  it("every style at −27 LUFS ±1 with the true peak ≤ −1 dBTP, a peaky utterance too", () => {
    // A loud plosive burst: a crest factor the peak control has to handle.
    const peaky = Float32Array.from(phrase);
    for (let i = 0; i < 60; i++)
      peaky[20000 + i] = (peaky[20000 + i] as number) + (i % 2 ? 0.9 : -0.9) * Math.exp(-i / 15);
    for (const style of VOICE_STYLES) {
      for (const x of [phrase, peaky]) {
        const y = styleSpeech(x, FS, style, { seed: 5 });
        expect(y.length).toBe(x.length);
        expect(Math.abs(integratedLoudness(FS, [y]) + 27)).toBeLessThan(1);
        expect(truePeakDb([y])).toBeLessThanOrEqual(-1);
      }
    }
  });

  it("is deterministic for the same input and seed; the seed changes the noise", () => {
    expect(styleSpeech(phrase, FS, "whisper", { seed: 1 })).toEqual(whisper);
    expect(styleSpeech(phrase, FS, "soft", { seed: 1 })).toEqual(soft);
    expect(styleSpeech(phrase, FS, "whisper", { seed: 2 })).not.toEqual(whisper);
  });

  it("fades the utterance edges: no click at the start or end", () => {
    for (const style of VOICE_STYLES) {
      // Speech that starts and ends mid-vowel, at full level.
      const cut = phrase.subarray(Math.round(0.45 * FS), Math.round(2.2 * FS));
      const y = styleSpeech(cut, FS, style, { seed: 3 });
      expect(Math.abs(y[0] as number)).toBeLessThan(1e-3);
      expect(Math.abs(y[y.length - 1] as number)).toBeLessThan(1e-3);
      const steady = maxStep(y, 0.1 * FS, y.length - 0.1 * FS);
      // Cut mid-vowel without a fade, the first sample would step by ~the vowel's amplitude
      // (several times the largest sample-to-sample step inside the speech).
      const n = Math.round(0.01 * FS);
      expect(maxStep(y, 0, n)).toBeLessThan(1.5 * steady);
      expect(maxStep(y, y.length - n, y.length)).toBeLessThan(1.5 * steady);
    }
  });

  it("whisper raises the formants (LPC envelopes over the vowels); soft-spoken keeps them", () => {
    const track = trackPitch(phrase, FS);
    const vowel = (t: number): boolean => (track.f0[Math.round((t - 0.02) / track.hop)] ?? 0) > 0;
    const raised = formantScale(phrase, whisper, FS, vowel);
    expect(raised).toBeGreaterThan(1.08);
    expect(raised).toBeLessThan(1.3);
    expect(Math.abs(formantScale(phrase, soft, FS, vowel) - 1)).toBeLessThan(0.03);
  });

  it("soft-spoken rolls off the top; whisper keeps the hiss of its consonants", () => {
    const share = (x: Float32Array, lo: number): number => bandFraction(welch(x, 1024), FS, lo, FS / 2);
    expect(share(soft, 6000)).toBeLessThan(0.5 * share(phrase, 6000));
    expect(share(whisper, 4000)).toBeGreaterThan(share(phrase, 4000));
  });

  it("proximity adds a low shelf to both voices", () => {
    const low = (x: Float32Array, hi: number): number => bandFraction(welch(x, 2048), FS, 50, hi);
    expect(low(styleSpeech(phrase, FS, "soft", { seed: 1, proximity: 1 }), 250)).toBeGreaterThan(
      1.5 * low(soft, 250),
    );
    const near = styleSpeech(phrase, FS, "whisper", { seed: 1, proximity: 1 });
    expect(low(near, 500)).toBeGreaterThan(1.5 * low(whisper, 500));
  });

  it("pauses: longer after a sentence than after a comma", () => {
    for (const style of VOICE_STYLES) {
      const p = VOICE_STYLE_PAUSES[style];
      expect(p.comma).toBeGreaterThan(0.2);
      expect(p.sentence).toBeGreaterThan(p.comma);
    }
  });

  it("short utterances (a word, a breath) come out finite and at level", () => {
    for (const style of VOICE_STYLES) {
      for (const seconds of [0.002, 0.05, 0.25]) {
        const x = phrase.subarray(Math.round(0.4 * FS), Math.round((0.4 + seconds) * FS));
        const y = styleSpeech(x, FS, style, { seed: 1 });
        expect(y.length).toBe(x.length);
        expect(y.every(Number.isFinite)).toBe(true);
      }
      const word = phrase.subarray(Math.round(0.4 * FS), Math.round(0.65 * FS));
      const y = styleSpeech(word, FS, style, { seed: 1 });
      const tiled = new Float32Array(FS * 2);
      for (let i = 0; i < tiled.length; i++) tiled[i] = y[i % y.length] as number;
      expect(Math.abs(integratedLoudness(FS, [tiled]) + 27)).toBeLessThan(1);
      expect(truePeakDb([y])).toBeLessThanOrEqual(-1);
    }
  });

  it("bad input: an empty utterance stays empty, silence stays silent, nonsense is refused", () => {
    expect(styleSpeech(new Float32Array(0), FS, "soft", { seed: 1 }).length).toBe(0);
    const quiet = styleSpeech(new Float32Array(FS), FS, "whisper", { seed: 1 });
    expect(quiet.every((v) => v === 0)).toBe(true);
    expect(() => styleSpeech(phrase, 100, "soft", { seed: 1 })).toThrow(/sampleRate/);
    expect(() => styleSpeech(phrase, FS, "shout" as "soft", { seed: 1 })).toThrow(/style/);
    const bad = Float32Array.from(phrase);
    bad[10] = Number.NaN;
    expect(() => styleSpeech(new Float32Array(121 * 8000), 8000, "soft", { seed: 1 })).toThrow(
      /sentence by sentence/,
    );
    expect(() => styleSpeech(bad, FS, "whisper", { seed: 1 })).toThrow(/samples\[10\]/);
  });
});
