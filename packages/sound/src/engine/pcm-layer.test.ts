import { describe, expect, it } from "vitest";
import { fft } from "../analysis/fft";
import { integratedLoudness } from "../loudness/meter";
import { Rng } from "../rng";
import type { PcmLayer, Scene } from "../scene";
import { styleSpeech } from "../voice/style";
import { syntheticSpeech } from "../voice/test-speech";
import { createEngine, type Engine } from "./engine";
import { PcmSource } from "./pcm-source";

const FS = 48000;

function sine(freq: number, rate: number, seconds: number, amp = 0.25, phase = 0): Float32Array {
  const n = Math.round(seconds * rate);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return x;
}

function pcmScene(layer: Partial<PcmLayer> = {}, extra: Partial<Scene> = {}): Scene {
  return { version: 1, fadeIn: 0, layers: [], pcmLayers: [{ id: "voice", ...layer }], ...extra };
}

function engineWith(scene: Scene, seed = 1): Engine {
  const engine = createEngine({ sampleRate: FS, seed });
  engine.setScene(scene);
  return engine;
}

function render(engine: Engine, seconds: number, block = 128): { l: Float32Array; r: Float32Array } {
  const n = Math.round(seconds * FS);
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let f = 0; f < n; f += block) engine.process(l.subarray(f), r.subarray(f), Math.min(block, n - f));
  return { l, r };
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  const a = Math.round(from);
  const b = Math.round(to);
  for (let i = a; i < b; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / Math.max(1, b - a));
}

function db(x: number): number {
  return 20 * Math.log10(Math.max(x, 1e-12));
}

/** Largest |x[i] − x[i−1]| over [from, to). */
function maxStep(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.max(1, Math.round(from)); i < Math.round(to); i++)
    m = Math.max(m, Math.abs((x[i] as number) - (x[i - 1] as number)));
  return m;
}

/** THD+N of a sine in x (dB): power outside ±4 bins of the peak vs the peak's, Blackman–Harris window. */
function thdDb(x: Float32Array): number {
  const n = 1 << Math.floor(Math.log2(x.length));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const w = 0.35875 - 0.48829 * Math.cos(t) + 0.14128 * Math.cos(2 * t) - 0.01168 * Math.cos(3 * t);
    re[i] = (x[i] as number) * w;
  }
  fft(re, im);
  let peak = 1;
  for (let b = 1; b < n / 2; b++) {
    if (
      (re[b] as number) ** 2 + (im[b] as number) ** 2 >
      (re[peak] as number) ** 2 + (im[peak] as number) ** 2
    )
      peak = b;
  }
  let sig = 0;
  let rest = 0;
  for (let b = 1; b < n / 2; b++) {
    const p = (re[b] as number) ** 2 + (im[b] as number) ** 2;
    if (Math.abs(b - peak) <= 4) sig += p;
    else rest += p;
  }
  return 10 * Math.log10(rest / sig);
}

describe("PCM layer", () => {
  it("places a pushed tone: azimuth −90 is louder left, +90 louder right", () => {
    for (const [az, sign] of [
      [-90, 1],
      [90, -1],
    ] as const) {
      const engine = engineWith(pcmScene({ position: { azimuth: az, elevation: 0, distance: 1 } }));
      expect(engine.pushPcm("voice", sine(3000, FS, 1), 1, FS)).toBe(FS);
      const { l, r } = render(engine, 1);
      const diff = db(rms(l, 4800)) - db(rms(r, 4800));
      expect(diff * sign).toBeGreaterThan(6);
    }
  });

  it("moves with the layer's motion (a sweep carries it from ear to ear)", () => {
    const engine = engineWith(pcmScene({ motion: { kind: "sweep", period: 2, depth: 90 } }));
    engine.pushPcm("voice", sine(3000, 22050, 2), 1, 22050, { endOfStream: true });
    const { l, r } = render(engine, 2);
    const balance: number[] = [];
    for (let w = 0; w < 8; w++) {
      const a = (w * FS) / 4;
      balance.push(db(rms(l, a, a + FS / 4)) - db(rms(r, a, a + FS / 4)));
    }
    expect(Math.max(...balance)).toBeGreaterThan(6);
    expect(Math.min(...balance)).toBeLessThan(-6);
  });

  it("goes through the limiter: a full-scale tone at +12 dB peaks under −1 dBFS", () => {
    const engine = engineWith(
      pcmScene({ gainDb: 12, position: { azimuth: -60, elevation: 0, distance: 0.2 } }),
    );
    engine.pushPcm("voice", sine(300, FS, 1, 1), 1, FS);
    const { l, r } = render(engine, 1);
    let peak = 0;
    for (let i = 0; i < l.length; i++)
      peak = Math.max(peak, Math.abs(l[i] as number), Math.abs(r[i] as number));
    expect(db(peak)).toBeLessThan(-1);
    expect(db(peak)).toBeGreaterThan(-3);
  });

  it("is bit-identical whatever the block sizes (128 vs random 1–3000)", () => {
    const clip = sine(440, 16000, 1.5, 0.3);
    const scene = pcmScene({ channels: 2, spread: 50, motion: { kind: "orbit", period: 1 } });
    const a = engineWith(scene, 9);
    a.pushPcm("voice", clip, 1, 16000, { endOfStream: true });
    const ra = render(a, 2, 128);
    const b = engineWith(scene, 9);
    b.pushPcm("voice", clip, 1, 16000, { endOfStream: true });
    const n = 2 * FS;
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    const rng = new Rng(3);
    for (let f = 0; f < n; ) {
      const m = Math.min(n - f, 1 + Math.floor(rng.float() * 3000));
      b.process(l.subarray(f), r.subarray(f), m);
      f += m;
    }
    expect(l).toEqual(ra.l);
    expect(r).toEqual(ra.r);
  });

  it("converts 22050 → 48000 Hz cleanly: a 1 kHz sine comes out with THD+N under −60 dB", () => {
    const engine = engineWith(pcmScene());
    engine.pushPcm("voice", sine(1000, 22050, 1.5, 0.2), 1, 22050);
    const { l } = render(engine, 1.2);
    const thd = thdDb(l.subarray(FS / 4, FS / 4 + 32768));
    expect(thd).toBeLessThan(-60);
  });

  it("converts other rates too: 44.1 and 16 kHz up, 96 kHz down without aliasing", () => {
    const run = (x: Float32Array, rate: number): Float32Array => {
      const src = new PcmSource(FS, 1);
      src.push(x, 1, rate, { endOfStream: true });
      const out = new Float32Array(FS);
      src.process(out, out, 0, out.length);
      return out.subarray(FS / 8, FS / 8 + 32768);
    };
    expect(thdDb(run(sine(997, 44100, 1.2, 0.5), 44100))).toBeLessThan(-70);
    expect(thdDb(run(sine(3100, 16000, 1.2, 0.5), 16000))).toBeLessThan(-70);
    expect(thdDb(run(sine(5000, 96000, 1.2, 0.5), 96000))).toBeLessThan(-70);
    // A 30 kHz tone at 96 kHz is above the engine's Nyquist: it must vanish, not fold to 18 kHz.
    expect(rms(run(sine(30000, 96000, 1.2, 0.5), 96000))).toBeLessThan(0.5 * 10 ** (-80 / 20));
  });

  it("chunking does not change the stream: pushes of random sizes = one push", () => {
    const clip = sine(1234, 44100, 1, 0.3);
    const one = new PcmSource(FS, 1);
    one.push(clip, 1, 44100, { endOfStream: true });
    const many = new PcmSource(FS, 1);
    const rng = new Rng(5);
    for (let at = 0; at < clip.length; ) {
      const m = Math.min(clip.length - at, 1 + Math.floor(rng.float() * 2000));
      many.push(clip.subarray(at, at + m), 1, 44100, { endOfStream: at + m === clip.length });
      at += m;
    }
    const a = new Float32Array(FS * 1.1);
    const b = new Float32Array(FS * 1.1);
    const spare = new Float32Array(a.length);
    one.process(a, spare, 0, a.length);
    many.process(b, spare, 0, b.length);
    expect(many.status().framesPlayed).toBe(one.status().framesPlayed);
    expect(b).toEqual(a);
  });

  it("underrun gives silence, not garbage, and the stream reports its end", () => {
    const engine = engineWith(pcmScene());
    engine.pushPcm("voice", sine(500, FS, 0.5, 0.3), 1, FS);
    const { l, r } = render(engine, 1);
    expect(l.every(Number.isFinite) && r.every(Number.isFinite)).toBe(true);
    // The limiter delays by a few ms; 50 ms after the queue ran dry the output is silent.
    expect(maxStep(l, 0.55 * FS, FS)).toBe(0);
    expect(rms(l, 0.55 * FS, FS)).toBe(0);
    expect(engine.pcmStatus("voice")).toEqual({ framesPlayed: FS / 2, framesQueued: 0, ended: false });
    engine.pushPcm("voice", new Float32Array(0), 1, FS, { endOfStream: true });
    expect(engine.pcmStatus("voice")?.ended).toBe(true);
  });

  it("no clicks where the queue starts, runs dry, ends, or is cleared", () => {
    const engine = engineWith(pcmScene());
    // A cosine starts at its peak: without a fade-in its first sample would be a step.
    const tone = sine(200, FS, 0.5, 0.5, Math.PI / 2);
    engine.pushPcm("voice", tone, 1, FS);
    const a = render(engine, 0.7); // plays 0.5 s, then runs dry mid-cycle
    engine.pushPcm("voice", tone, 1, FS, { endOfStream: true });
    const b = render(engine, 0.3); // plays, then cleared mid-cycle
    engine.clearPcm("voice");
    const c = render(engine, 0.1);
    engine.pushPcm("voice", tone, 1, FS, { endOfStream: true });
    const d = render(engine, 0.7); // plays to its end
    const steady = maxStep(a.l, 0.1 * FS, 0.4 * FS);
    expect(steady).toBeGreaterThan(0.005);
    for (const x of [a.l, b.l, c.l, d.l]) expect(maxStep(x, 0, x.length)).toBeLessThan(1.3 * steady);
    expect(engine.pcmStatus("voice")?.ended).toBe(true);
  });

  it("back-pressure: a full ring accepts no more until it plays", () => {
    const engine = engineWith(pcmScene({ bufferSeconds: 1 }));
    const clip = sine(300, FS, 3);
    const first = engine.pushPcm("voice", clip, 1, FS);
    expect(first).toBe(FS);
    expect(engine.pushPcm("voice", clip.subarray(first), 1, FS)).toBe(0);
    render(engine, 0.25);
    expect(engine.pushPcm("voice", clip.subarray(first), 1, FS)).toBe(FS / 4);
    // Resampled input: what is accepted fills the ring, plus the converter's half kernel
    // (35 input frames it holds until the frames after them arrive).
    const e2 = engineWith(pcmScene({ bufferSeconds: 1 }));
    const took = e2.pushPcm("voice", sine(300, 16000, 3), 1, 16000);
    expect(took).toBeGreaterThan(15990);
    expect(took).toBeLessThanOrEqual(16000 + 36);
    expect(e2.pcmStatus("voice")?.framesQueued).toBeLessThanOrEqual(FS);
  });

  it("loops a whole clip once its end is marked", () => {
    const engine = engineWith(pcmScene({ loop: true }));
    engine.pushPcm("voice", sine(400, FS, 0.3, 0.3), 1, FS, { endOfStream: true });
    const { l } = render(engine, 1.5);
    const st = engine.pcmStatus("voice");
    expect(st?.ended).toBe(false);
    expect(st?.framesPlayed).toBe(1.5 * FS);
    // Still sounding at the end, and the loop seams do not click.
    expect(rms(l, 1.4 * FS, 1.5 * FS)).toBeGreaterThan(0.05);
    expect(maxStep(l, 0.2 * FS, l.length)).toBeLessThan(1.3 * maxStep(l, 0.05 * FS, 0.25 * FS));
  });

  it("takes stereo into a mono layer and mono into a stereo one; mute silences it", () => {
    const engine = engineWith(pcmScene({ channels: 2 }));
    const st = new Float32Array(2 * FS);
    for (let i = 0; i < FS; i++) {
      st[2 * i] = 0.2 * Math.sin((2 * Math.PI * 300 * i) / FS);
      st[2 * i + 1] = 0.2 * Math.sin((2 * Math.PI * 300 * i) / FS);
    }
    expect(engine.pushPcm("voice", st, 2, FS)).toBe(FS);
    expect(rms(render(engine, 0.5).l, 4800)).toBeGreaterThan(0.05);
    engine.setLayerParam("voice", "mute", true);
    const muted = render(engine, 0.4);
    expect(rms(muted.l, 0.3 * FS)).toBeLessThan(1e-4);
  });

  it("a scene edit keeps the layer's queue playing; a new channel count replaces the layer", () => {
    const engine = engineWith(pcmScene());
    engine.pushPcm("voice", sine(300, FS, 2), 1, FS);
    render(engine, 0.5);
    engine.setScene(pcmScene({ gainDb: -3, position: { azimuth: 40, elevation: 0, distance: 0.5 } }));
    render(engine, 0.5);
    expect(engine.pcmStatus("voice")).toEqual({ framesPlayed: FS, framesQueued: FS, ended: false });
    engine.setScene(pcmScene({ channels: 2 }));
    expect(engine.pcmStatus("voice")).toEqual({ framesPlayed: 0, framesQueued: 0, ended: false });
  });

  it("is calibrated like a generator: PCM at −27 LUFS plays at −27 LUFS ±0.5 at the default position", () => {
    const syllables = Array.from(
      { length: 24 },
      (_, i) => ["sa", "li", "to", "me", "shu", "na"][i % 6] as string,
    );
    const speech = styleSpeech(syntheticSpeech({ sampleRate: 22050, seed: 2, syllables }), 22050, "soft", {
      seed: 1,
    });
    const rng = new Rng(4);
    const pair = new Float32Array(2 * 22050 * 6);
    for (let i = 0; i < pair.length; i++) pair[i] = 0.05 * rng.gauss();
    const l = new Float32Array(pair.length / 2);
    const r = new Float32Array(pair.length / 2);
    for (let i = 0; i < l.length; i++) {
      l[i] = pair[2 * i] as number;
      r[i] = pair[2 * i + 1] as number;
    }
    const g = 10 ** ((-27 - integratedLoudness(22050, [l, r])) / 20);
    for (let i = 0; i < pair.length; i++) pair[i] = (pair[i] as number) * g;
    for (const [channels, pcm] of [
      [1, speech],
      [2, pair],
    ] as const) {
      const engine = engineWith(pcmScene({ channels, bufferSeconds: 40 }));
      engine.pushPcm("voice", pcm, channels, 22050, { endOfStream: true });
      const out = render(engine, pcm.length / channels / 22050, 4096);
      expect(Math.abs(integratedLoudness(FS, [out.l, out.r]) + 27)).toBeLessThan(0.5);
    }
  });

  it("sits beside generator layers, solo applies across both, and bad input is refused clearly", () => {
    const scene: Scene = {
      version: 1,
      fadeIn: 0,
      layers: [{ id: "rain", generator: "rain" }],
      pcmLayers: [{ id: "voice", solo: true }],
    };
    const engine = engineWith(scene);
    expect(engine.layerVoices().map((v) => v.id)).toEqual(["rain"]);
    const { l } = render(engine, 0.5);
    expect(rms(l, 0.2 * FS)).toBe(0); // the soloed voice layer is empty, the rain is not soloed
    expect(engine.pushPcm("nope", sine(300, FS, 0.1), 1, FS)).toBe(0);
    expect(engine.pcmStatus("nope")).toBeUndefined();
    expect(() => engine.pushPcm("voice", new Float32Array(3), 2, FS)).toThrow(/whole number/);
    expect(() => engine.pushPcm("voice", new Float32Array(4), 1, 100)).toThrow(/sampleRate/);
    expect(() => engine.pushPcm("voice", new Float32Array(4), 3 as 1, FS)).toThrow(/channels/);
    expect(() => engine.pushPcm("voice", Float32Array.of(0, Number.NaN), 1, FS)).toThrow(/samples\[1\]/);
    expect(engine.pcmStatus("voice")?.framesQueued).toBe(0); // nothing half-queued
    expect(() => engine.setScene({ ...scene, pcmLayers: [{ id: "rain" }] })).toThrow(/duplicate layer id/);
    // Removing the layer: pushes go nowhere.
    engine.setScene({ ...scene, pcmLayers: [] });
    expect(engine.pushPcm("voice", sine(300, FS, 0.1), 1, FS)).toBe(0);
  });
});
