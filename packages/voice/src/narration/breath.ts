/**
 * A quiet breath for the wordless whisper: seeded noise shaped like an inhalation through a
 * half-open mouth. Pink-tilted noise through two resonances (the vocal tract at rest, ~650 Hz
 * and ~1.7 kHz, each a little different per breath), high-passed at 250 Hz, under a slow swell
 * and quicker release. Level about 22 dB under the −27 LUFS whisper it sits between.
 */
import { Rng } from "@meridian/sound";

/** RMS at the breath's loudest (the whisper around it is ≈ 0.045 RMS at −27 LUFS). */
const PEAK_RMS = 0.0035;

class Resonator {
  private b0 = 0;
  private a1 = 0;
  private a2 = 0;
  private y1 = 0;
  private y2 = 0;
  private x1 = 0;
  private x2 = 0;
  constructor(freq: number, q: number, sampleRate: number) {
    const w = (2 * Math.PI * freq) / sampleRate;
    const alpha = Math.sin(w) / (2 * q);
    const a0 = 1 + alpha;
    this.b0 = alpha / a0;
    this.a1 = (-2 * Math.cos(w)) / a0;
    this.a2 = (1 - alpha) / a0;
  }
  /** RBJ band-pass (0 dB peak). */
  tick(x: number): number {
    const y = this.b0 * x - this.b0 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** One breath, `seconds` long (0.25–1.2), the same samples for the same seed. */
export function breath(sampleRate: number, seconds: number, seed: number): Float32Array {
  const rng = new Rng(seed >>> 0);
  const n = Math.max(1, Math.round(Math.min(1.2, Math.max(0.25, seconds)) * sampleRate));
  const low = new Resonator(600 + rng.float() * 120, 1.6, sampleRate);
  const high = new Resonator(1550 + rng.float() * 350, 2.2, sampleRate);
  const mixHigh = 0.55 + rng.float() * 0.3;
  const hp = Math.exp((-2 * Math.PI * 250) / sampleRate);
  // Paul Kellet's economy pink filter state.
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let hpX = 0;
  let hpY = 0;
  const raw = new Float32Array(n);
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const white = rng.float() * 2 - 1;
    p0 = 0.99765 * p0 + white * 0.099046;
    p1 = 0.963 * p1 + white * 0.2965164;
    p2 = 0.57 * p2 + white * 1.0526913;
    const pink = (p0 + p1 + p2 + white * 0.1848) * 0.2;
    const shaped = low.tick(pink) + mixHigh * high.tick(pink) + 0.15 * pink;
    hpY = hp * (hpY + shaped - hpX);
    hpX = shaped;
    raw[i] = hpY;
    energy += hpY * hpY;
  }
  const rms = Math.sqrt(energy / n) || 1;
  // Swell over the first 60 %, release over the rest (sine-shaped: starts and ends at zero).
  const peakAt = 0.55 + rng.float() * 0.1;
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1 || 1);
    const env =
      t < peakAt
        ? Math.sin((Math.PI / 2) * (t / peakAt)) ** 2
        : Math.cos((Math.PI / 2) * ((t - peakAt) / (1 - peakAt))) ** 2;
    raw[i] = ((raw[i] as number) / rms) * PEAK_RMS * 1.4 * env;
  }
  return raw;
}
