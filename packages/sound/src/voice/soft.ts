/**
 * Soft-spoken: the same words, lower, calmer and breathier. Pitch is moved by LP-PSOLA: the
 * speech's LPC residual (its glottal pulses, formants removed) is cut into two-period grains at
 * its pulses and laid out again at the new periods, then filtered by the speech's own formant
 * envelope, so the voice keeps its vowels and its timing while its pitch drops by `lower`
 * semitones and its contour narrows to `narrow` of its range around the mean. Where voiced, the
 * excitation loses some of its upper harmonics (a slacker glottis) and gains shaped breath noise
 * at the residual's level; unvoiced stretches pass untouched. A gentle high shelf rounds off the
 * top, and `proximity` adds the low-shelf lift of a close microphone.
 */
import { Biquad } from "../dsp/biquad";
import { Rng } from "../rng";
import { atSample, frameRms, matchEnvelope } from "./frames";
import { analyseLpc, deEmphasis, lpcResidual, lpcSynthesis, preEmphasis } from "./lpc";
import { trackPitch } from "./pitch";
import { softVoicing } from "./whisper";

export interface SoftOptions {
  readonly seed: number;
  /** 0–1: close-microphone low shelf (0 = none, 1 = +8 dB below ~200 Hz). */
  readonly proximity?: number;
  /** Semitones the mean pitch drops (default 2.5). */
  readonly lower?: number;
  /** Share of the pitch range kept around the mean (default 0.65). */
  readonly narrow?: number;
  /** Breath noise amplitude relative to the residual, above ~1.5 kHz (default 1.5). */
  readonly breath?: number;
}

interface Marks {
  readonly at: number[];
  readonly period: number[];
  readonly voiced: boolean[];
}

/** Pitch marks on the residual: one per glottal pulse where voiced, every 5 ms where not. */
function pitchMarks(res: Float64Array, fs: number, f0At: (n: number) => number): Marks {
  const n = res.length;
  const energy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    energy[i] = ((res[i - 1] ?? 0) ** 2 + 2 * (res[i] as number) ** 2 + (res[i + 1] ?? 0) ** 2) / 4;
  }
  const hopU = Math.round(0.005 * fs);
  const marks: Marks = { at: [], period: [], voiced: [] };
  let t = 0;
  let wasVoiced = false;
  while (t < n) {
    const f0 = f0At(t);
    if (f0 > 0) {
      const period = fs / f0;
      // The strongest pulse near one period on: energy weighted towards the expected place, so
      // the marks do not hop between a period's two peaks (closure, opening) and alternate.
      const expect = t + period;
      const lo = Math.round(wasVoiced ? t + 0.75 * period : t + 1);
      const hi = Math.min(n - 1, Math.round(wasVoiced ? t + 1.25 * period : t + period));
      let best = lo;
      let bestScore = -1;
      for (let i = lo; i <= hi; i++) {
        const d = wasVoiced ? (i - expect) / (0.25 * period) : 0;
        const score = (energy[i] as number) * (1 - 0.6 * d * d);
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best >= n) break;
      marks.at.push(best);
      marks.period.push(period);
      marks.voiced.push(true);
      t = best;
      wasVoiced = true;
    } else {
      t += hopU;
      marks.at.push(t);
      marks.period.push(hopU);
      marks.voiced.push(false);
      wasVoiced = false;
    }
  }
  return marks;
}

/** Overlap-add of Hann grains of the residual at new pitch periods. */
function relayGrains(res: Float64Array, marks: Marks, ratioAt: (period: number) => number): Float64Array {
  const n = res.length;
  const out = new Float64Array(n);
  const count = marks.at.length;
  if (count === 0) return out;
  let ts = marks.at[0] as number;
  let j = 0;
  while (ts < n) {
    while (
      j + 1 < count &&
      Math.abs((marks.at[j + 1] as number) - ts) <= Math.abs((marks.at[j] as number) - ts)
    )
      j++;
    const m = marks.at[j] as number;
    const period = marks.period[j] as number;
    const half = Math.max(2, Math.round(period));
    const at = Math.round(ts);
    for (let i = -half; i < half; i++) {
      const src = m + i;
      const dst = at + i;
      if (src < 0 || src >= n || dst < 0 || dst >= n) continue;
      const w = 0.5 + 0.5 * Math.cos((Math.PI * i) / half);
      out[dst] = (out[dst] as number) + (res[src] as number) * w;
    }
    ts += marks.voiced[j] ? period / ratioAt(period) : period;
  }
  return out;
}

export function softSpoken(input: Float32Array, fs: number, opts: SoftOptions): Float64Array {
  const lower = opts.lower ?? 2.5;
  const narrow = opts.narrow ?? 0.65;
  const breath = opts.breath ?? 1.5;
  const proximity = Math.min(1, Math.max(0, opts.proximity ?? 0));
  const rng = new Rng((opts.seed ^ 0x50f7c0de) >>> 0);
  const x = Float64Array.from(input);
  const xp = preEmphasis(x, 0.9);
  const an = analyseLpc(xp, fs);
  const res = lpcResidual(xp, an);
  // Pitch: track, and the mean of log f0 over voiced frames.
  const track = trackPitch(input, fs);
  const tHop = Math.round(track.hop * fs);
  const centre = Math.round(0.02 * fs);
  let sum = 0;
  let cnt = 0;
  for (const f of track.f0) {
    if (f > 0) {
      sum += Math.log(f);
      cnt++;
    }
  }
  const mu = cnt > 0 ? sum / cnt : Math.log(120);
  const f0At = (n: number): number => {
    const f = Math.round((n - centre) / tHop);
    return track.f0[Math.min(Math.max(f, 0), track.f0.length - 1)] ?? 0;
  };
  const drop = -lower / 12;
  const ratioAt = (period: number): number => {
    const lf = Math.log(fs / period);
    return 2 ** drop * Math.exp((narrow - 1) * (lf - mu));
  };
  const marks = pitchMarks(res, fs, f0At);
  const moved = relayGrains(res, marks, ratioAt);
  const envHop = Math.round(0.02 * fs);
  matchEnvelope(moved, frameRms(res, envHop), envHop, 8);
  // Breathier excitation where voiced.
  const { hop: vHop, v } = softVoicing(track, fs);
  // Breath follows the residual's level over 40 ms (not its old pulses, which no longer line up).
  const resHop = Math.round(0.02 * fs);
  const resRms = frameRms(res, resHop);
  const lp = new Biquad(fs).lowpass(1800, 0.6);
  // Aspiration lives above the first formant: a steep high-pass keeps it out of F1, where it
  // would blur the pitch (and read as a lower octave to a pitch detector).
  const hp = new Biquad(fs).highpass(1500, Math.SQRT1_2);
  const hp2 = new Biquad(fs).highpass(1500, Math.SQRT1_2);
  const e = new Float64Array(x.length);
  for (let n = 0; n < e.length; n++) {
    const m = moved[n] as number;
    const voiced = atSample(v, vHop, Math.max(0, n - centre));
    const noise = hp2.tick(hp.tick(rng.gauss() * atSample(resRms, resHop, n)));
    const soft = 0.55 * lp.tick(m) + 0.45 * m + breath * noise;
    e[n] = voiced * soft + (1 - voiced) * m;
  }
  const y = deEmphasis(lpcSynthesis(e, an), 0.9);
  const shelf = new Biquad(fs).highshelf(Math.min(3500, fs * 0.3), Math.SQRT1_2, -7);
  const top = new Biquad(fs).lowpass(Math.min(9000, fs * 0.45), Math.SQRT1_2);
  const near = new Biquad(fs).lowshelf(200, Math.SQRT1_2, 8 * proximity);
  for (let n = 0; n < y.length; n++) y[n] = near.tick(top.tick(shelf.tick(y[n] as number)));
  return y;
}
