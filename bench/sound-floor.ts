/**
 * The floor of binaural synthesis in ECMAScript on this machine: the least work any 8-layer
 * binaural scene must do per sample, written as tight as we know how, with none of the sound
 * engine's character. Each of `sources` mono sources is xorshift32 white noise through one
 * one-pole low-pass; each ear reads it at a fixed fractional delay (linear interpolation) through
 * a one-zero head-shadow numerator with the gain folded in, and one shared shadow pole per ear
 * runs on the mix. Generation and placement share one loop per source (the fastest of the
 * layouts we tried). No generator events, no motion, no elevation cues, no stereo layers, no
 * smoothing, no limiter. Rendered in 128-frame blocks like an AudioWorklet; × realtime on one
 * core (CPU time). A real scene does strictly more work per sample, so this bounds what a
 * target in × realtime can ask of the engine on the machine that runs the bench.
 */

const BLOCK = 128;
/** History kept before each block (covers the longest interaural delay, ~32 samples at 48 kHz). */
const HISTORY = 64;
const SCALE = 4.656612873077393e-10; // 2^-31

/** Renders `seconds` of `sources` placed noise sources and returns × realtime (audio s per CPU s). */
export function floorRealtime(sources: number, seconds: number, sampleRate = 48000): number {
  const lines = Array.from({ length: sources }, () => new Float64Array(HISTORY + BLOCK));
  const seeds = new Int32Array(sources).map((_, i) => (0x9e3779b1 * (i + 1)) | 1);
  const lowpass = new Float64Array(sources);
  // Per source and ear: integer read offset, fraction, and the shadow numerator (b0, b1) × gain.
  const offL = new Int32Array(sources);
  const offR = new Int32Array(sources);
  const coef = new Float64Array(sources * 6);
  for (let s = 0; s < sources; s++) {
    const dl = 2 + ((s * 7) % 30) + 0.3;
    const dr = 2 + ((s * 11) % 30) + 0.6;
    offL[s] = HISTORY - Math.floor(dl) - 1;
    offR[s] = HISTORY - Math.floor(dr) - 1;
    coef[s * 6] = 1 - (dl - Math.floor(dl));
    coef[s * 6 + 1] = 1 - (dr - Math.floor(dr));
    coef[s * 6 + 2] = 0.4;
    coef[s * 6 + 3] = -0.2;
    coef[s * 6 + 4] = 0.35;
    coef[s * 6 + 5] = -0.15;
  }
  const mixL = new Float32Array(BLOCK);
  const mixR = new Float32Array(BLOCK);
  const pole = new Float64Array(2);
  const a1 = -0.85;
  const frames = Math.round(seconds * sampleRate);
  const c0 = process.cpuUsage();
  for (let f = 0; f < frames; f += BLOCK) {
    mixL.fill(0);
    mixR.fill(0);
    for (let s = 0; s < sources; s++) {
      const line = lines[s] as Float64Array;
      let st = seeds[s] as number;
      let y = lowpass[s] as number;
      const oL = offL[s] as number;
      const oR = offR[s] as number;
      const frL = coef[s * 6] as number;
      const frR = coef[s * 6 + 1] as number;
      const b0L = coef[s * 6 + 2] as number;
      const b1L = coef[s * 6 + 3] as number;
      const b0R = coef[s * 6 + 4] as number;
      const b1R = coef[s * 6 + 5] as number;
      let pL = line[oL] as number;
      let pR = line[oR] as number;
      let xL1 = pL;
      let xR1 = pR;
      for (let i = 0; i < BLOCK; i++) {
        st ^= st << 13;
        st ^= st >>> 17;
        st ^= st << 5;
        const x = st * SCALE;
        y = x + 0.6 * (y - x);
        line[HISTORY + i] = y;
        const nL = line[oL + i + 1] as number;
        const nR = line[oR + i + 1] as number;
        const xl = pL + frL * (nL - pL);
        const xr = pR + frR * (nR - pR);
        pL = nL;
        pR = nR;
        mixL[i] = (mixL[i] as number) + b0L * xl + b1L * xL1;
        mixR[i] = (mixR[i] as number) + b0R * xr + b1R * xR1;
        xL1 = xl;
        xR1 = xr;
      }
      seeds[s] = st;
      lowpass[s] = y;
      line.copyWithin(0, BLOCK, BLOCK + HISTORY);
    }
    // The shared head-shadow pole per ear.
    let yl = pole[0] as number;
    let yr = pole[1] as number;
    for (let i = 0; i < BLOCK; i++) {
      yl = (mixL[i] as number) - a1 * yl;
      yr = (mixR[i] as number) - a1 * yr;
      mixL[i] = yl;
      mixR[i] = yr;
    }
    pole[0] = yl;
    pole[1] = yr;
  }
  const c = process.cpuUsage(c0);
  return seconds / ((c.user + c.system) / 1e6);
}
