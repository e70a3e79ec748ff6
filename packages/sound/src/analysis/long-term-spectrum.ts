/**
 * Long-term spectrum in 1/3-octave bands, and the spectral profile a "matched bed" (the `sham`
 * generator) needs to copy a generator: the energy of a sound per band, from a Welch power
 * spectrum (Hann, 50 % overlap, 16384-point FFT so the lowest bands hold several bins), with
 * partial bins at the band edges weighted by their overlap. Pure; offline use only.
 */
import { defaultParams, type GeneratorDef } from "../generator";
import { generatorById } from "../generators/index";
import { fft } from "./fft";
import { BAND_COUNT, bandEdgesHz } from "./long-term-spectrum-bands";

export { BAND_COUNT, bandCentreHz, bandEdgesHz } from "./long-term-spectrum-bands";

const FFT_SIZE = 16384;

/** Power spectrum (mean |X|² per Hann frame) of a signal; frames shorter than the FFT are zero-padded. */
function powerSpectrum(x: ArrayLike<number>, size: number): Float64Array {
  const psd = new Float64Array(size / 2 + 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let frames = 0;
  const hop = size / 2;
  const last = Math.max(0, x.length - size);
  for (let start = 0; start <= last; start += hop) {
    for (let i = 0; i < size; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
      const j = start + i;
      re[i] = j < x.length ? (x[j] as number) * w : 0;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= size / 2; k++)
      psd[k] = (psd[k] as number) + (re[k] as number) ** 2 + (im[k] as number) ** 2;
    frames++;
  }
  for (let k = 0; k < psd.length; k++) psd[k] = (psd[k] as number) / frames;
  return psd;
}

/**
 * Energy per 1/3-octave band in dB (10·log10 of the band's share of the mean-square level, so
 * the bands of a full-band signal sum to its power), BAND_COUNT values from ≈ 50 Hz upwards.
 * Bands above Nyquist or without energy come out at −200 dB.
 */
export function longTermSpectrum(samples: ArrayLike<number>, sampleRate: number): Float64Array {
  if (!(sampleRate > 0)) throw new Error("longTermSpectrum: sampleRate must be positive");
  if (samples.length < 2) throw new Error("longTermSpectrum: need at least two samples");
  const psd = powerSpectrum(samples, FFT_SIZE);
  // Parseval with the Hann window: Σ|X|² = N · Σ(x·w)², and mean(w²) = 3/8.
  const norm = 1 / (FFT_SIZE * FFT_SIZE * 0.375);
  const binHz = sampleRate / FFT_SIZE;
  const out = new Float64Array(BAND_COUNT);
  for (let k = 0; k < BAND_COUNT; k++) {
    const [lo, hi] = bandEdgesHz(k);
    let e = 0;
    // Bin j covers [(j − ½)·binHz, (j + ½)·binHz); weight by its overlap with the band.
    const j0 = Math.max(1, Math.floor(lo / binHz));
    const j1 = Math.min(FFT_SIZE / 2, Math.ceil(hi / binHz));
    for (let j = j0; j <= j1; j++) {
      const a = Math.max(lo, (j - 0.5) * binHz);
      const b = Math.min(hi, (j + 0.5) * binHz);
      if (b <= a) continue;
      const share = (b - a) / binHz;
      // One-sided: every bin but DC and Nyquist stands for its mirror too.
      const two = j === FFT_SIZE / 2 ? 1 : 2;
      e += (psd[j] as number) * share * two;
    }
    out[k] = e > 0 ? Math.max(-200, 10 * Math.log10(e * norm)) : -200;
  }
  return out;
}

/** Band levels shifted to a mean of 0 dB (relative profile). */
export function normaliseProfile(levels: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let k = 0; k < levels.length; k++) s += levels[k] as number;
  const mean = s / levels.length;
  const out = new Float64Array(levels.length);
  for (let k = 0; k < levels.length; k++) out[k] = (levels[k] as number) - mean;
  return out;
}

/**
 * Render a generator's voice alone, offline (no placement, no master), for `seconds`: the mono
 * output, or the mid (a + b)/2 of a stereo voice. Params missing from `params` take defaults.
 */
export function renderVoiceMid(
  def: GeneratorDef,
  params: Readonly<Record<string, number>>,
  sampleRate: number,
  seed: number,
  seconds: number,
): Float64Array {
  const voice = def.create(sampleRate, seed);
  const all = { ...defaultParams(def), ...params };
  for (const [name, value] of Object.entries(all)) voice.setParam(name, value);
  const total = Math.round(seconds * sampleRate);
  const block = 1024;
  const a = new Float32Array(block);
  const b = new Float32Array(block);
  const out = new Float64Array(total);
  for (let f = 0; f < total; f += block) {
    const n = Math.min(block, total - f);
    voice.process(a, b, 0, n);
    for (let i = 0; i < n; i++) {
      out[f + i] = def.channels === 2 ? ((a[i] as number) + (b[i] as number)) / 2 : (a[i] as number);
    }
  }
  return out;
}

/**
 * The relative long-term spectrum (BAND_COUNT band levels in dB, mean 0) of a generator at these
 * parameters: what the `sham` generator's band params take to match it. Throws for an unknown
 * generator id or a silent render.
 */
export function shamProfileFor(
  generatorId: string,
  params: Readonly<Record<string, number>>,
  sampleRate: number,
  seed: number,
  seconds = 20,
): Float64Array {
  const def = generatorById(generatorId);
  if (!def) throw new Error(`shamProfileFor: unknown generator "${generatorId}"`);
  if (!(seconds > 0)) throw new Error("shamProfileFor: seconds must be positive");
  const mono = renderVoiceMid(def, params, sampleRate, seed, seconds);
  const levels = longTermSpectrum(mono, sampleRate);
  if (!levels.some((v) => v > -150)) throw new Error(`shamProfileFor: "${generatorId}" rendered silence`);
  return normaliseProfile(levels);
}
