/**
 * Whisper: speech re-excited with noise. The (pre-emphasised) speech is analysed by LPC every
 * 5 ms; each frame's envelope is warped upwards and its resonances widened by 400 Hz (the open
 * glottis of a whisper lifts F1/F2 by 10–15 % and damps them: measured on speech engine output,
 * the formants sit ~14 % higher). The all-pole filter is driven by seeded white noise where the
 * speech was voiced and by the speech's own residual where it was not, so fricatives and plosive
 * bursts keep their exact shape and timing (crisp sibilants). Vowels come out ~8 dB under the
 * consonants, as they do in a whisper; a 350 Hz high-pass removes the chest the voice no longer has.
 */
import { Biquad } from "../dsp/biquad";
import { Rng } from "../rng";
import { atSample, frameRms, matchEnvelope } from "./frames";
import {
  analyseLpc,
  deEmphasis,
  envelope,
  lagWindow,
  levinson,
  lpcResidual,
  lpcSynthesis,
  preEmphasis,
  reflectionToPredictor,
  spectrumToAutocorr,
} from "./lpc";
import { type PitchTrack, trackPitch } from "./pitch";

export interface WhisperOptions {
  readonly seed: number;
  /**
   * Frequency scale of the envelope below ~3 kHz (default 1.05). With the widened bandwidths
   * (which lift the envelope's balance too) the formants measure ~14 % higher on speech
   * engine output (`formantScale`), within the 10–15 % real whispers show.
   */
  readonly formantShift?: number;
  /** Level of the whispered vowels relative to the consonants, dB (default −8). */
  readonly vowelDb?: number;
  /** Hz every formant bandwidth widens by (default 400): whispered formants are broad. */
  readonly widenHz?: number;
  /** 0–1: a whisper at the ear gains warmth (low shelf at 400 Hz, up to +6 dB). */
  readonly proximity?: number;
}

const BINS = 129;

/** Map each output bin to the source bin it reads: ×1/shift below `knee` Hz, easing to 1 at Nyquist. */
function warpTable(fs: number, shift: number): Float64Array {
  const nyq = fs / 2;
  const knee = Math.min(3000, nyq * 0.6);
  const t = new Float64Array(BINS);
  for (let b = 0; b < BINS; b++) {
    const f = (nyq * b) / (BINS - 1);
    const src = f < knee ? f / shift : knee / shift + ((f - knee) * (nyq - knee / shift)) / (nyq - knee);
    t[b] = (src / nyq) * (BINS - 1);
  }
  return t;
}

/** Voicing per 10 ms frame as a soft 0–1 value from the detector's clarity. */
export function softVoicing(track: PitchTrack, fs: number): { hop: number; v: Float64Array } {
  const v = new Float64Array(track.clarity.length);
  for (let f = 0; f < v.length; f++) {
    const c = track.clarity[f] as number;
    v[f] = track.active[f] === 0 ? 0 : Math.min(1, Math.max(0, (c - 0.2) / 0.2));
  }
  // Widen voiced stretches by a frame each way, so onsets and ends are covered too.
  const d = new Float64Array(v.length);
  for (let f = 0; f < v.length; f++) d[f] = Math.max(v[f - 1] ?? 0, v[f] as number, v[f + 1] ?? 0);
  // The detector frames are 40 ms long, centred 20 ms after their start.
  return { hop: Math.round(track.hop * fs), v: d };
}

export function whisper(input: Float32Array, fs: number, opts: WhisperOptions): Float64Array {
  const shift = opts.formantShift ?? 1.05;
  const vowelGain = 10 ** ((opts.vowelDb ?? -8) / 20);
  const rng = new Rng((opts.seed ^ 0x77a15e2d) >>> 0);
  const xp = preEmphasis(input, 0.9);
  const an = analyseLpc(xp, fs);
  const res = lpcResidual(xp, an);
  const p = an.order;
  // Warped, widened coefficients.
  const warp = warpTable(fs, shift);
  const kW = new Float64Array(an.k.length);
  // Bandwidth expansion: every resonance widens by `widen` Hz (poles pulled in by γ).
  const gamma = Math.exp((-Math.PI * (opts.widenHz ?? 400)) / fs);
  const a = new Float64Array(p + 1);
  const env = new Float64Array(BINS);
  const warped = new Float64Array(BINS);
  const r = new Float64Array(p + 1);
  const kk = new Float64Array(p);
  for (let f = 0; f < an.frames; f++) {
    reflectionToPredictor(an.k.subarray(f * p, f * p + p), p, a);
    for (let j = 1; j <= p; j++) a[j] = (a[j] as number) * gamma ** j;
    envelope(a, BINS, env);
    for (let b = 0; b < BINS; b++) {
      const s = warp[b] as number;
      const i = Math.floor(s);
      const t = s - i;
      warped[b] = (env[i] as number) * (1 - t) + (env[Math.min(i + 1, BINS - 1)] as number) * t;
    }
    spectrumToAutocorr(warped, p, r);
    lagWindow(r, fs, 20);
    levinson(r, p, a, kk);
    kW.set(kk, f * p);
  }
  // Excitation: noise at the residual's level where voiced, the residual itself elsewhere.
  const { hop: vHop, v } = softVoicing(trackPitch(input, fs), fs);
  const vOffset = Math.round(0.02 * fs);
  // The residual's level over 40 ms windows: a whisper has no glottal pulses, so its noise must
  // not pulse with the speech's pitch (it would also read as periodic to a pitch detector).
  const resHop = Math.round(0.02 * fs);
  const resRms = frameRms(res, resHop);
  const e = new Float64Array(input.length);
  for (let n = 0; n < e.length; n++) {
    const voiced = atSample(v, vHop, Math.max(0, n - vOffset));
    const noise = rng.gauss() * atSample(resRms, resHop, n);
    e[n] = voiced * noise + (1 - voiced) * (res[n] as number);
  }
  const y = deEmphasis(lpcSynthesis(e, an, kW), 0.75);
  // Level envelope: the input's, with voiced stretches lowered.
  const hop = Math.round(0.01 * fs);
  const target = frameRms(input, hop);
  for (let f = 0; f < target.length; f++) {
    const voiced = atSample(v, vHop, Math.max(0, f * hop - vOffset));
    target[f] = (target[f] as number) * (1 - voiced + voiced * vowelGain);
  }
  matchEnvelope(y, target, hop);
  const hp1 = new Biquad(fs).highpass(350, Math.SQRT1_2);
  const hp2 = new Biquad(fs).highpass(350, Math.SQRT1_2);
  const near = new Biquad(fs).lowshelf(400, Math.SQRT1_2, 6 * Math.min(1, Math.max(0, opts.proximity ?? 0)));
  for (let n = 0; n < y.length; n++) y[n] = near.tick(hp2.tick(hp1.tick(y[n] as number)));
  return y;
}
