/**
 * Binaural placement of one mono source with the Brown–Duda spherical-head model:
 * - interaural delay per ear by a fractional delay line whose read position ramps linearly
 *   between control ticks (no steps, so moving sources glide instead of clicking);
 * - head shadow per ear: one-pole/one-zero H(z) = [(ω0+αFs) + (ω0−αFs)z⁻¹] / [(ω0+Fs) + (ω0−Fs)z⁻¹],
 *   α(ψ) = 1.05 + 0.95·cos(ψ·180°/150°), ψ = angle between the source and the ear (ears at ±100°);
 *   only the numerator depends on the angle, and it ramps, so the filter morphs smoothly. The
 *   pole is the same for every source and ear, so a source adds only the numerator's output to
 *   the mix and the engine runs the pole once per ear on the summed mix (`ShadowPole`): the
 *   same filter by linearity, with no recursion per source (a moving source's per-sample gain
 *   ramp now comes before the pole instead of after it: a 32-sample linear ramp either way);
 * - distance: per-ear 1/r level (bounded near field), and a low-shelf proximity boost when close;
 * - elevation: a pinna notch that moves with elevation and a shoulder echo (~0.4–1.2 ms).
 * `update` is called once per control tick with the target position and gain; `process` adds
 * the placed source into the stereo mix (before the shared pole). No allocation after construction.
 *
 * Kernel layout (speed): the mono pre-filters write into a linear delay line (no index masks),
 * then each ear runs its own tight loop over typed arrays with its state in locals. When nothing
 * moves during a control period (the usual case), an ear reads at a constant offset with a
 * constant fraction, and the gain is folded into the shadow numerator. Which path runs is
 * decided per control period, and a still source gives the same samples however its span is
 * split, so the output stays bit-identical whatever the caller's block size.
 */

import { preFilter } from "../loudness/k-weighting";
import * as C from "./constants";
import { F, GAIN_DB, Q, RBJ_LENGTH, rbjIdentity, rbjLowShelf, rbjPeaking } from "./rbj";

// Module-local copies of the shared constants: code transformed to CommonJS or by vite-node
// reads an import through a getter, which returns a double boxed (allocated) where not inlined.
const CONTROL = C.CONTROL;
const DISTANCE_R0 = C.DISTANCE_R0;
const HEAD_RADIUS = C.HEAD_RADIUS;
const MAX_DISTANCE = C.MAX_DISTANCE;
const MIN_DISTANCE = C.MIN_DISTANCE;
const SPEED_OF_SOUND = C.SPEED_OF_SOUND;
const DEG = Math.PI / 180;
const EAR_X = Math.sin(100 * DEG);
const EAR_Y = Math.cos(100 * DEG);
const HALF_PI = Math.PI / 2;
/** Both ears are delayed by at least this many samples so the interpolation never reads ahead. */
const BASE_DELAY = 2;
/** Frames written to the delay line per pass (longer requests are split). */
const CHUNK = 1024;
// Per-ear state layout (Float64Array): ramped delay, shadow numerator b0/b1 and gain with their
// per-sample increments, then the shadow filter's input history (its output history is the
// shared pole's, in ShadowPole).
const D = 0;
const DD = 1;
const B0 = 2;
const DB0 = 3;
const B1 = 4;
const DB1 = 5;
const G = 6;
const DG = 7;
const X1 = 8;
// Shared by both ears (copied into each ear's state, so no double is passed as an argument:
// V8 boxes doubles passed to or returned from calls it does not inline).
const SHD = 9;
const DSHD = 10;
const SHG = 11;
const DSHG = 12;
const EAR_STATE = 13;
// BinauralSource.m layout.
const M_SHD = 0;
const M_SHG = 1;
const M_DSHD = 2;
const M_DSHG = 3;
const M_AZ = 4;
const M_EL = 5;
const M_DIST = 6;
const M_GAIN = 7;
const M_SZ1 = 8;
const M_SZ2 = 9;
/** Rear band: the biquad's state (transposed direct form II). */
const M_RZ1 = 10;
const M_RZ2 = 11;
const M_LENGTH = 12;

// Diffuse-field equalisation (issue 14), in two bands. The head-shadow numerator of an ear is
// [β·ω0(1 + z⁻¹) + α·Fs(1 − z⁻¹)] / (ω0 + Fs): its power response is β²·lo(ω) + α²·hi(ω) exactly
// (the cross term is imaginary), lo a low-pass below ~600 Hz and hi its high-pass complement.
// Everything else an ear hears (the linear interpolation of the fractional delay, the shoulder
// echo, the pinna notch, the rear band) multiplies both terms. The common low gain β and the
// common scale of the ears' α are solved once per control tick so that the K-weighted power of
// both ears is the front's in EACH band: a bass-heavy source (speech, brown noise) is held by
// the low band and a bright one by the high band, so loudness stays put whatever the spectrum,
// and the interaural level difference (the ratio of the ears) is kept. The reference spectra:
// pink in the low band; in the high band white plus a quarter of its energy of a bright part
// (1 − cos ω), between white noise and a crisp trigger (the residual error is split between them).
// An ear's band power is g²·(X0·ρ0 − c·X1·ρ1): c = 2μ(1−μ) from the interpolation's fraction
// μ, X1 the band's power the interpolation can take (weighted by 1 − cos ω), ρ the pre-filters'
// share of each term, from tables over elevation (notch and shoulder echo) and over the rear
// depth (`DiffuseEq`, cached per sample rate), the two multiplied when both apply.
/** α of either ear for a source straight ahead (ψ = 100°). */
const ALPHA_FRONT = 1.05 + 0.95 * Math.cos(Math.acos(EAR_Y) * 1.2);
const ALPHA_FRONT_SQ = ALPHA_FRONT * ALPHA_FRONT;
/**
 * Front/back cue: a source behind (b = −cos(az)·cos(el) > 0) goes through a broad dip of
 * REAR_DB·b centred on REAR_HZ (about 3.5–11 kHz: the pinna shadows sound from behind, and the
 * front's 4–8 kHz "directional band" is missing). Only the high band's equalisation makes up the
 * energy it takes, so the rear is duller above 4 kHz, not quieter, and bass is untouched.
 */
const REAR_HZ = 6300;
const REAR_DB = -9;
const REAR_Q = 0.7;
// DiffuseEq layout: the band integrals, then [ρ of A0, A1, B0, B1] per rear step and per degree of elevation.
const Q_A0 = 0;
const Q_A1 = 1;
const Q_B0 = 2;
const Q_B1 = 3;
/** Low- and high-band power of either ear for a source straight ahead at 1 m (gain 1). */
const Q_LF = 4;
const Q_HF = 5;
/** Rear table: REAR_STEPS + 1 entries over b = 0..1. */
const REAR_STEPS = 32;
const Q_REAR = 6;
/** Elevation table: one entry per degree, −90..90. */
const Q_ELEV = Q_REAR + 4 * (REAR_STEPS + 1);
const Q_LENGTH = Q_ELEV + 4 * 181;
/** Frequencies of the integrals (uniform over 0..π). */
const NQ = 1024;

const deqCache = new Map<number, Float64Array>();

/** The diffuse-field constants for a sample rate (see above), computed once per rate. */
function diffuseEq(fs: number): Float64Array {
  const cached = deqCache.get(fs);
  if (cached) return cached;
  const w0 = SPEED_OF_SOUND / HEAD_RADIUS;
  const den = w0 + fs;
  const a1 = (w0 - fs) / den;
  const k = preFilter(fs);
  const q = new Float64Array(Q_LENGTH);
  // Per frequency: K-weighted reference spectrum times lo (low band) and hi (high band).
  const wLo = new Float64Array(NQ);
  const wHi = new Float64Array(NQ);
  const cosW = new Float64Array(NQ);
  for (let i = 1; i < NQ; i++) {
    const w = (Math.PI * i) / NQ;
    const c1 = Math.cos(w);
    const c2 = Math.cos(2 * w);
    const s1 = Math.sin(w);
    const s2 = Math.sin(2 * w);
    // |K(e^jw)|² of the BS.1770 pre-filter.
    const nr = k.b0 + k.b1 * c1 + k.b2 * c2;
    const ni = -(k.b1 * s1 + k.b2 * s2);
    const dr = 1 + k.a1 * c1 + k.a2 * c2;
    const di = -(k.a1 * s1 + k.a2 * s2);
    const kk = (nr * nr + ni * ni) / (dr * dr + di * di);
    const pole = 1 + a1 * a1 + 2 * a1 * c1;
    const lo = (2 * w0 * w0 * (1 + c1)) / (den * den) / pole;
    const hi = (2 * fs * fs * (1 - c1)) / (den * den) / pole;
    cosW[i] = c1;
    wLo[i] = (kk / w) * lo;
    wHi[i] = kk * (1.25 - 0.25 * c1) * hi;
    q[Q_A0] = (q[Q_A0] as number) + (wLo[i] as number);
    q[Q_A1] = (q[Q_A1] as number) + (wLo[i] as number) * (1 - c1);
    q[Q_B0] = (q[Q_B0] as number) + (wHi[i] as number);
    q[Q_B1] = (q[Q_B1] as number) + (wHi[i] as number) * (1 - c1);
  }
  const psiF = Math.acos(EAR_Y);
  const d = BASE_DELAY + (HEAD_RADIUS / SPEED_OF_SOUND) * fs * (1 + psiF - HALF_PI);
  const mu = d - Math.floor(d);
  const c = 2 * mu * (1 - mu);
  q[Q_LF] = (q[Q_A0] as number) - c * (q[Q_A1] as number);
  q[Q_HF] = ALPHA_FRONT_SQ * ((q[Q_B0] as number) - c * (q[Q_B1] as number));
  // The pre-filters' share of each band: Σ weight·|H|² / Σ weight.
  const bq = new Float64Array(RBJ_LENGTH);
  const share = (at: number, notchOn: boolean, shG: number, shD: number): void => {
    let lo0 = 0;
    let lo1 = 0;
    let hi0 = 0;
    let hi1 = 0;
    for (let i = 1; i < NQ; i++) {
      const w = (Math.PI * i) / NQ;
      let p = notchOn ? biquadPower(bq, w) : 1;
      if (shG > 0) p *= 1 + shG * shG + 2 * shG * Math.cos(w * shD);
      const u = 1 - (cosW[i] as number);
      lo0 += (wLo[i] as number) * p;
      lo1 += (wLo[i] as number) * p * u;
      hi0 += (wHi[i] as number) * p;
      hi1 += (wHi[i] as number) * p * u;
    }
    q[at] = lo0 / (q[Q_A0] as number);
    q[at + 1] = lo1 / (q[Q_A1] as number);
    q[at + 2] = hi0 / (q[Q_B0] as number);
    q[at + 3] = hi1 / (q[Q_B1] as number);
  };
  for (let j = 0; j <= REAR_STEPS; j++) {
    bq[F] = REAR_HZ;
    bq[GAIN_DB] = (REAR_DB * j) / REAR_STEPS;
    bq[Q] = REAR_Q;
    rbjPeaking(bq, fs);
    share(Q_REAR + 4 * j, j > 0, 0, 0);
  }
  for (let e = -90; e <= 90; e++) {
    const absEl = Math.abs(e);
    const on = absEl >= 0.5;
    notchDesign(bq, e, fs);
    const shG = on ? 0.16 * Math.min(1, absEl / 30) : 0;
    const shD = (0.0004 + 0.0008 * (1 + Math.sin(e * DEG)) * 0.5) * fs;
    share(Q_ELEV + 4 * (e + 90), on, shG, shD);
  }
  deqCache.set(fs, q);
  return q;
}

/** The pinna notch for an elevation (degrees): frequency, depth and Q into `out`, then the coefficients. */
function notchDesign(out: Float64Array, elevation: number, fs: number): void {
  out[F] = Math.min(Math.max(7000 + 55 * elevation, 4500), 11500, fs * 0.45);
  out[GAIN_DB] = -10 * Math.min(1, Math.abs(elevation) / 40);
  out[Q] = 2;
  rbjPeaking(out, fs);
}

/** |H(e^jw)|² of the biquad whose coefficients are in `c` (b0, b1, b2, a1, a2). */
function biquadPower(c: Float64Array, w: number): number {
  const c1 = Math.cos(w);
  const c2 = Math.cos(2 * w);
  const s1 = Math.sin(w);
  const s2 = Math.sin(2 * w);
  const b0 = c[0] as number;
  const b1 = c[1] as number;
  const b2 = c[2] as number;
  const a1 = c[3] as number;
  const a2 = c[4] as number;
  const nr = b0 + b1 * c1 + b2 * c2;
  const ni = -(b1 * s1 + b2 * s2);
  const dr = 1 + a1 * c1 + a2 * c2;
  const di = -(a1 * s1 + a2 * s2);
  return (nr * nr + ni * ni) / (dr * dr + di * di);
}

/** Brown–Duda delay (seconds) of an ear for the angle ψ (radians) between source and ear axis. */
export function earDelaySeconds(psi: number): number {
  const t = HEAD_RADIUS / SPEED_OF_SOUND;
  return psi < Math.PI / 2 ? t * (1 - Math.cos(psi)) : t * (1 + psi - Math.PI / 2);
}

/** Brown–Duda head-shadow high-frequency gain α for the angle ψ (radians). */
export function shadowAlpha(psi: number): number {
  return 1.05 + 0.95 * Math.cos(psi * 1.2);
}

/**
 * The head-shadow pole 1 / (1 + a1·z⁻¹), a1 = (ω0 − Fs)/(ω0 + Fs), shared by every source and
 * ear: the engine runs it in place on the summed mix after all sources have added their
 * numerator outputs. `flush` zeroes denormal-sized states; call it on a fixed grid of frames
 * (never at block boundaries, which would make output depend on the caller's block size).
 */
export class ShadowPole {
  private readonly a1: number;
  private readonly y = new Float64Array(2);

  constructor(sampleRate: number) {
    const w0 = SPEED_OF_SOUND / HEAD_RADIUS;
    this.a1 = (w0 - sampleRate) / (w0 + sampleRate);
  }

  run(l: Float32Array, r: Float32Array, start: number, n: number): void {
    const a1 = this.a1;
    const y = this.y;
    let yl = y[0] as number;
    let yr = y[1] as number;
    for (let i = start; i < start + n; i++) {
      yl = (l[i] as number) - a1 * yl;
      yr = (r[i] as number) - a1 * yr;
      l[i] = yl;
      r[i] = yr;
    }
    y[0] = yl;
    y[1] = yr;
  }

  flush(): void {
    const y = this.y;
    if (Math.abs(y[0] as number) < 1e-30) y[0] = 0;
    if (Math.abs(y[1] as number) < 1e-30) y[1] = 0;
  }
}

export class BinauralSource {
  private readonly fs: number;
  /** Linear delay line: `hist` frames of history before the write position, then room for CHUNK. */
  private readonly buf: Float32Array;
  private readonly hist: number;
  private w = 0;
  private readonly earL = new Float64Array(EAR_STATE);
  private readonly earR = new Float64Array(EAR_STATE);
  private readonly target = new Float64Array(4);
  /**
   * Mutable scalars in a typed array rather than fields (a double stored into a field can be
   * boxed, i.e. allocated): shoulder echo delay, gain and their increments, the last target,
   * the shelf's state.
   */
  private readonly m = new Float64Array(M_LENGTH).fill(Number.NaN, M_AZ, M_GAIN + 1);
  /** No ramps this control period: the ears take the constant-offset path. */
  private still = true;
  private readonly w0: number;
  // Pre-filters (mono): proximity low shelf and elevation notch, TDF2 states.
  private readonly shelf = new Float64Array(RBJ_LENGTH);
  private readonly notch = new Float64Array(RBJ_LENGTH);
  /** Notch (direct form I, the shorter recurrence): x1, x2, y1, y2. */
  private readonly nst = new Float64Array(4);
  private shelfOn = false;
  private notchOn = false;
  private rearOn = false;
  /** Rear band coefficients. */
  private readonly rear = new Float64Array(RBJ_LENGTH);
  private readonly deq: Float64Array;
  /** Scratch: the pre-filters' shares of the four band terms (see DiffuseEq). */
  private readonly rho = new Float64Array(4);
  private primed = false;

  constructor(sampleRate: number) {
    this.fs = sampleRate;
    this.w0 = SPEED_OF_SOUND / HEAD_RADIUS;
    // Longest read: base delay + far-ear ITD + shoulder echo (≤ 1.2 ms) + interpolation.
    const itdMax = (HEAD_RADIUS / SPEED_OF_SOUND) * (1 + Math.PI / 2);
    this.hist = Math.ceil(BASE_DELAY + (itdMax + 0.0013) * sampleRate) + 4;
    this.buf = new Float32Array(this.hist + 4 * CHUNK);
    this.w = this.hist;
    this.earL[D] = this.earR[D] = BASE_DELAY;
    this.earL[B0] = this.earR[B0] = 1;
    this.deq = diffuseEq(sampleRate);
    rbjIdentity(this.shelf);
    rbjIdentity(this.notch);
  }

  /**
   * Set the target for the end of the next control period (CONTROL samples). The first call
   * jumps straight to the target. Azimuth/elevation in degrees, distance in metres, linear gain.
   */
  update(azimuth: number, elevation: number, distance: number, gain: number): void {
    const t = this.target;
    t[0] = azimuth;
    t[1] = elevation;
    t[2] = distance;
    t[3] = gain;
    this.updateFrom(t);
  }

  /**
   * `update` with the target in an array [azimuth, elevation, distance, gain], for the engine's
   * per-tick call (V8 boxes doubles passed to calls it does not inline; arrays are not boxed).
   */
  updateFrom(target: Float64Array): void {
    const azimuth = target[0] as number;
    const elevation = target[1] as number;
    const distance = target[2] as number;
    const gain = target[3] as number;
    const eL = this.earL;
    const eR = this.earR;
    if (
      azimuth === (this.m[M_AZ] as number) &&
      elevation === (this.m[M_EL] as number) &&
      distance === (this.m[M_DIST] as number) &&
      gain === (this.m[M_GAIN] as number)
    ) {
      if (!this.still) {
        eL[DD] = eR[DD] = eL[DG] = eR[DG] = 0;
        eL[DB0] = eL[DB1] = eR[DB0] = eR[DB1] = 0;
        this.m[M_DSHD] = this.m[M_DSHG] = 0;
        this.still = true;
      }
      return;
    }
    this.m[M_AZ] = azimuth;
    this.m[M_EL] = elevation;
    this.m[M_DIST] = distance;
    this.m[M_GAIN] = gain;
    // The helpers (clamp, earDelaySeconds, shadowAlpha) are written out here: this function is
    // too large for V8 to inline them, and a double returned from a call is boxed (allocated).
    const fs = this.fs;
    const dist = distance < MIN_DISTANCE ? MIN_DISTANCE : Math.min(distance, MAX_DISTANCE);
    const ce = Math.cos(elevation * DEG);
    const dx = ce * Math.sin(azimuth * DEG);
    const dy = ce * Math.cos(azimuth * DEG);
    const dz = Math.sin(elevation * DEG);
    const cR = dx * EAR_X + dy * EAR_Y;
    const cL = -dx * EAR_X + dy * EAR_Y;
    const psiR = Math.acos(cR < -1 ? -1 : Math.min(cR, 1));
    const psiL = Math.acos(cL < -1 ? -1 : Math.min(cL, 1));
    // Per-ear distance (ears at ±HEAD_RADIUS on the x axis) for the near-field level difference.
    const px = dx * dist;
    const py = dy * dist;
    const pz = dz * dist;
    const xR = px - HEAD_RADIUS;
    const xL = px + HEAD_RADIUS;
    const rR = Math.sqrt(xR * xR + py * py + pz * pz);
    const rL = Math.sqrt(xL * xL + py * py + pz * pz);
    const tgL = (gain * (1 + DISTANCE_R0)) / (Math.max(rL, MIN_DISTANCE) + DISTANCE_R0);
    const tgR = (gain * (1 + DISTANCE_R0)) / (Math.max(rR, MIN_DISTANCE) + DISTANCE_R0);
    // Brown–Duda delay per ear (earDelaySeconds) and head-shadow α (shadowAlpha).
    const t0 = (HEAD_RADIUS / SPEED_OF_SOUND) * fs;
    const tdL = BASE_DELAY + (psiL < HALF_PI ? t0 * (1 - Math.cos(psiL)) : t0 * (1 + psiL - HALF_PI));
    const tdR = BASE_DELAY + (psiR < HALF_PI ? t0 * (1 - Math.cos(psiR)) : t0 * (1 + psiR - HALF_PI));
    const w0 = this.w0;
    const den = w0 + fs;
    let alL = 1.05 + 0.95 * Math.cos(psiL * 1.2);
    let alR = 1.05 + 0.95 * Math.cos(psiR * 1.2);
    // Elevation: shoulder echo strength and delay, pinna notch.
    const absEl = Math.abs(elevation);
    const tshG = absEl < 0.5 ? 0 : 0.16 * Math.min(1, absEl / 30);
    const tshD = (0.0004 + 0.0008 * (1 + dz) * 0.5) * fs;
    // Front/back cue: the rear band.
    const back = -dy;
    if (back > 1e-3) {
      const rear = this.rear;
      rear[F] = REAR_HZ;
      rear[GAIN_DB] = REAR_DB * back;
      rear[Q] = REAR_Q;
      rbjPeaking(rear, fs);
      this.rearOn = true;
    } else if (this.rearOn) {
      this.rearOn = false;
      this.m[M_RZ1] = this.m[M_RZ2] = 0;
    }
    if (absEl >= 0.5) {
      notchDesign(this.notch, elevation, fs);
      this.notchOn = true;
    } else if (this.notchOn) {
      rbjIdentity(this.notch);
      this.notchOn = false;
      this.nst.fill(0);
    }
    // Diffuse-field equalisation, per band (see DiffuseEq): the pre-filters' shares from the
    // tables (linear between entries), the interpolation's loss per ear.
    const q = this.deq;
    const qA0 = q[Q_A0] as number;
    const qA1 = q[Q_A1] as number;
    const qB0 = q[Q_B0] as number;
    const qB1 = q[Q_B1] as number;
    const rho = this.rho;
    rho[0] = rho[1] = rho[2] = rho[3] = 1;
    if (back > 1e-3) {
      const x = Math.min(back, 1) * REAR_STEPS;
      const j = Math.min(Math.floor(x), REAR_STEPS - 1);
      const f = x - j;
      const at = Q_REAR + 4 * j;
      for (let t = 0; t < 4; t++) {
        const v = q[at + t] as number;
        rho[t] = v + f * ((q[at + 4 + t] as number) - v);
      }
    }
    {
      const x = Math.min(Math.max(elevation, -90), 90) + 90;
      const j = Math.min(Math.floor(x), 179);
      const f = x - j;
      const at = Q_ELEV + 4 * j;
      for (let t = 0; t < 4; t++) {
        const v = q[at + t] as number;
        rho[t] = (rho[t] as number) * (v + f * ((q[at + 4 + t] as number) - v));
      }
    }
    const lo0 = qA0 * (rho[0] as number);
    const lo1 = qA1 * (rho[1] as number);
    const hi0 = qB0 * (rho[2] as number);
    const hi1 = qB1 * (rho[3] as number);
    const muL = tdL - Math.floor(tdL);
    const muR = tdR - Math.floor(tdR);
    const cL2 = 2 * muL * (1 - muL);
    const cR2 = 2 * muR * (1 - muR);
    const gL2 = tgL * tgL;
    const gR2 = tgR * tgR;
    const pLo = gL2 * (lo0 - cL2 * lo1) + gR2 * (lo0 - cR2 * lo1);
    const pHi = gL2 * alL * alL * (hi0 - cL2 * hi1) + gR2 * alR * alR * (hi0 - cR2 * hi1);
    let beta = pLo > 0 ? Math.sqrt(((gL2 + gR2) * (q[Q_LF] as number)) / pLo) : 1;
    const ka = pHi > 0 ? Math.sqrt(((gL2 + gR2) * (q[Q_HF] as number)) / pHi) : 1;
    if (Math.abs(beta - 1) < 1e-12) beta = 1;
    if (Math.abs(ka - 1) > 1e-12) {
      alL *= ka;
      alR *= ka;
    }
    const tb0L = (beta * w0 + alL * fs) / den;
    const tb1L = (beta * w0 - alL * fs) / den;
    const tb0R = (beta * w0 + alR * fs) / den;
    const tb1R = (beta * w0 - alR * fs) / den;
    // Proximity: up to +6 dB low shelf inside 0.6 m.
    const near = (0.6 - dist) / 0.5;
    const boost = near <= 0 ? 0 : 6 * Math.min(near, 1);
    if (boost > 0) {
      const shelf = this.shelf;
      shelf[F] = 180;
      shelf[GAIN_DB] = boost;
      shelf[Q] = 0.7;
      rbjLowShelf(shelf, fs);
      this.shelfOn = true;
    } else if (this.shelfOn) {
      rbjIdentity(this.shelf);
      this.shelfOn = false;
      this.m[M_SZ1] = this.m[M_SZ2] = 0;
    }
    if (!this.primed) {
      this.primed = true;
      eL[D] = tdL;
      eR[D] = tdR;
      eL[G] = tgL;
      eR[G] = tgR;
      eL[B0] = tb0L;
      eL[B1] = tb1L;
      eR[B0] = tb0R;
      eR[B1] = tb1R;
      this.m[M_SHD] = tshD;
      this.m[M_SHG] = tshG;
      eL[DD] = eR[DD] = eL[DG] = eR[DG] = 0;
      eL[DB0] = eL[DB1] = eR[DB0] = eR[DB1] = 0;
      this.m[M_DSHD] = this.m[M_DSHG] = 0;
      this.still = true;
      return;
    }
    const k = 1 / CONTROL;
    eL[DD] = (tdL - (eL[D] as number)) * k;
    eR[DD] = (tdR - (eR[D] as number)) * k;
    eL[DG] = (tgL - (eL[G] as number)) * k;
    eR[DG] = (tgR - (eR[G] as number)) * k;
    eL[DB0] = (tb0L - (eL[B0] as number)) * k;
    eL[DB1] = (tb1L - (eL[B1] as number)) * k;
    eR[DB0] = (tb0R - (eR[B0] as number)) * k;
    eR[DB1] = (tb1R - (eR[B1] as number)) * k;
    this.m[M_DSHD] = (tshD - (this.m[M_SHD] as number)) * k;
    this.m[M_DSHG] = (tshG - (this.m[M_SHG] as number)) * k;
    this.still = false;
  }

  /**
   * True when `updateFrom(target)` would change nothing: the source is still and the target is
   * the last one. The layer then places the next control period in the same call as this one.
   */
  unchangedBy(target: Float64Array): boolean {
    const m = this.m;
    return (
      this.still &&
      target[0] === m[M_AZ] &&
      target[1] === m[M_EL] &&
      target[2] === m[M_DIST] &&
      target[3] === m[M_GAIN]
    );
  }

  /** Place `inp[start..start+n)` and add it into `outL`/`outR` at the same indices. */
  process(inp: Float32Array, start: number, n: number, outL: Float32Array, outR: Float32Array): void {
    let done = 0;
    while (done < n) {
      const m = Math.min(n - done, CHUNK);
      this.run(inp, start + done, m, outL, outR);
      done += m;
    }
  }

  private run(inp: Float32Array, start: number, n: number, outL: Float32Array, outR: Float32Array): void {
    const buf = this.buf;
    let w = this.w;
    if (w + n > buf.length) {
      buf.copyWithin(0, w - this.hist, w);
      w = this.hist;
    }
    const end = start + n;
    const off = w - start;
    const eL = this.earL;
    const eR = this.earR;
    const shoulder = (this.m[M_SHG] as number) !== 0 || (this.m[M_DSHG] as number) !== 0;
    // Still and not near (the usual case): one fused loop per source, whose independent
    // recurrences (pinna notch, two head-shadow filters) overlap.
    if (this.still && !this.shelfOn && !this.rearOn && shoulder === this.notchOn) {
      if (shoulder) {
        eL[SHD] = eR[SHD] = this.m[M_SHD] as number;
        eL[SHG] = eR[SHG] = this.m[M_SHG] as number;
        stillElevated(inp, buf, off, start, end, this.notch, this.nst, eL, eR, outL, outR);
      } else {
        stillLevel(inp, buf, off, start, end, eL, eR, outL, outR);
      }
      this.w = w + n;
      return;
    }
    // 1. Mono pre-filters (proximity shelf, pinna notch) into the delay line.
    if (this.shelfOn || this.notchOn) {
      const shelfOn = this.shelfOn;
      const notchOn = this.notchOn;
      const s = this.shelf;
      const s0 = s[0] as number;
      const s1 = s[1] as number;
      const s2 = s[2] as number;
      const s3 = s[3] as number;
      const s4 = s[4] as number;
      const q = this.notch;
      const q0 = q[0] as number;
      const q1 = q[1] as number;
      const q2 = q[2] as number;
      const q3 = q[3] as number;
      const q4 = q[4] as number;
      let sz1 = this.m[M_SZ1] as number;
      let sz2 = this.m[M_SZ2] as number;
      const nst = this.nst;
      let nx1 = nst[0] as number;
      let nx2 = nst[1] as number;
      let ny1 = nst[2] as number;
      let ny2 = nst[3] as number;
      // One branch-free loop per combination (the notch alone is the usual moving case).
      if (shelfOn && notchOn) {
        for (let i = start; i < end; i++) {
          const x = inp[i] as number;
          const u = s0 * x + sz1;
          sz1 = s1 * x - s3 * u + sz2;
          sz2 = s2 * x - s4 * u;
          const y = q0 * u + q1 * nx1 + q2 * nx2 - q4 * ny2 - q3 * ny1;
          nx2 = nx1;
          nx1 = u;
          ny2 = ny1;
          ny1 = y;
          buf[off + i] = y;
        }
      } else if (shelfOn) {
        for (let i = start; i < end; i++) {
          const x = inp[i] as number;
          const y = s0 * x + sz1;
          sz1 = s1 * x - s3 * y + sz2;
          sz2 = s2 * x - s4 * y;
          buf[off + i] = y;
        }
      } else {
        for (let i = start; i < end; i++) {
          const x = inp[i] as number;
          const y = q0 * x + q1 * nx1 + q2 * nx2 - q4 * ny2 - q3 * ny1;
          nx2 = nx1;
          nx1 = x;
          ny2 = ny1;
          ny1 = y;
          buf[off + i] = y;
        }
      }
      this.m[M_SZ1] = sz1;
      this.m[M_SZ2] = sz2;
      nst[0] = nx1;
      nst[1] = nx2;
      nst[2] = ny1;
      nst[3] = ny2;
    } else {
      for (let i = start; i < end; i++) buf[off + i] = inp[i] as number;
    }
    if (this.rearOn) rearBand(buf, off + start, off + end, this.rear, this.m);
    // 2. Each ear in its own loop.
    eL[SHD] = eR[SHD] = this.m[M_SHD] as number;
    eL[SHG] = eR[SHG] = this.m[M_SHG] as number;
    if (this.still) {
      if (shoulder) earsStillShoulder(buf, off, start, end, eL, eR, outL, outR);
      else earsStill(buf, off, start, end, eL, eR, outL, outR);
    } else if (shoulder) {
      eL[DSHD] = eR[DSHD] = this.m[M_DSHD] as number;
      eL[DSHG] = eR[DSHG] = this.m[M_DSHG] as number;
      earsMovingShoulder(buf, off, start, end, eL, eR, outL, outR);
      // Both ears ramped the shoulder identically; keep the result.
      this.m[M_SHD] = eL[SHD] as number;
      this.m[M_SHG] = eL[SHG] as number;
    } else {
      earsMoving(buf, off, start, end, eL, eR, outL, outR);
    }
    this.w = w + n;
  }
}

/** The rear band (a biquad, transposed direct form II) in place on buf[from..to). */
function rearBand(buf: Float32Array, from: number, to: number, c: Float64Array, m: Float64Array): void {
  const b0 = c[0] as number;
  const b1 = c[1] as number;
  const b2 = c[2] as number;
  const a1 = c[3] as number;
  const a2 = c[4] as number;
  let z1 = m[M_RZ1] as number;
  let z2 = m[M_RZ2] as number;
  for (let i = from; i < to; i++) {
    const x = buf[i] as number;
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    buf[i] = y;
  }
  m[M_RZ1] = Math.abs(z1) < 1e-30 ? 0 : z1;
  m[M_RZ2] = Math.abs(z2) < 1e-30 ? 0 : z2;
}

/**
 * A still source at ear level: copy into the delay line and run both ears in the same loop
 * (the reads are at least BASE_DELAY behind the write, so they see earlier iterations).
 */
function stillLevel(
  inp: Float32Array,
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  // The gain is folded into the shadow numerator.
  const gL = sl[G] as number;
  const b0L = gL * (sl[B0] as number);
  const b1L = gL * (sl[B1] as number);
  let xL1 = sl[X1] as number;
  // The gain is folded into the shadow numerator.
  const gR = sr[G] as number;
  const b0R = gR * (sr[B0] as number);
  const b1R = gR * (sr[B1] as number);
  let xR1 = sr[X1] as number;
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dL = sl[D] as number;
  const diL = Math.floor(dL);
  const baseL = off - diL - 1;
  const frL = 1 - (dL - diL);
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dR = sr[D] as number;
  const diR = Math.floor(dR);
  const baseR = off - diR - 1;
  const frR = 1 - (dR - diR);
  let pL = buf[baseL + start] as number;
  let pR = buf[baseR + start] as number;
  for (let i = start; i < end; i++) {
    buf[off + i] = inp[i] as number;
    const nL = buf[baseL + i + 1] as number;
    const nR = buf[baseR + i + 1] as number;
    const xl = pL + frL * (nL - pL);
    const xr = pR + frR * (nR - pR);
    pL = nL;
    pR = nR;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    outL[i] = (outL[i] as number) + yl;
    outR[i] = (outR[i] as number) + yr;
  }
  sl[X1] = xL1;
  sr[X1] = xR1;
}

/** A still elevated source: pinna notch into the delay line, then both ears with the shoulder echo, in one loop. */
function stillElevated(
  inp: Float32Array,
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  q: Float64Array,
  nst: Float64Array,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  const q0 = q[0] as number;
  const q1 = q[1] as number;
  const q2 = q[2] as number;
  const q3 = q[3] as number;
  const q4 = q[4] as number;
  let nx1 = nst[0] as number;
  let nx2 = nst[1] as number;
  let ny1 = nst[2] as number;
  let ny2 = nst[3] as number;
  const shG = sl[SHG] as number;
  const shD = sl[SHD] as number;
  // The gain is folded into the shadow numerator.
  const gL = sl[G] as number;
  const b0L = gL * (sl[B0] as number);
  const b1L = gL * (sl[B1] as number);
  let xL1 = sl[X1] as number;
  // The gain is folded into the shadow numerator.
  const gR = sr[G] as number;
  const b0R = gR * (sr[B0] as number);
  const b1R = gR * (sr[B1] as number);
  let xR1 = sr[X1] as number;
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dL = sl[D] as number;
  const diL = Math.floor(dL);
  const baseL = off - diL - 1;
  const frL = 1 - (dL - diL);
  const dSL = dL + shD;
  const diSL = Math.floor(dSL);
  const baseSL = off - diSL - 1;
  const frSL = 1 - (dSL - diSL);
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dR = sr[D] as number;
  const diR = Math.floor(dR);
  const baseR = off - diR - 1;
  const frR = 1 - (dR - diR);
  const dSR = dR + shD;
  const diSR = Math.floor(dSR);
  const baseSR = off - diSR - 1;
  const frSR = 1 - (dSR - diSR);
  let pL = buf[baseL + start] as number;
  let qL = buf[baseSL + start] as number;
  let pR = buf[baseR + start] as number;
  let qR = buf[baseSR + start] as number;
  for (let i = start; i < end; i++) {
    const x0 = inp[i] as number;
    const v = q0 * x0 + q1 * nx1 + q2 * nx2 - q4 * ny2 - q3 * ny1;
    nx2 = nx1;
    nx1 = x0;
    ny2 = ny1;
    ny1 = v;
    buf[off + i] = v;
    const nL = buf[baseL + i + 1] as number;
    const mL = buf[baseSL + i + 1] as number;
    const nR = buf[baseR + i + 1] as number;
    const mR = buf[baseSR + i + 1] as number;
    const xl = pL + frL * (nL - pL) + shG * (qL + frSL * (mL - qL));
    const xr = pR + frR * (nR - pR) + shG * (qR + frSR * (mR - qR));
    pL = nL;
    qL = mL;
    pR = nR;
    qR = mR;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    outL[i] = (outL[i] as number) + yl;
    outR[i] = (outR[i] as number) + yr;
  }
  nst[0] = nx1;
  nst[1] = nx2;
  nst[2] = ny1;
  nst[3] = ny2;
  sl[X1] = xL1;
  sr[X1] = xR1;
}

/**
 * Both ears of a still source in one loop (their two filter recurrences overlap): constant
 * read offsets and fractions, constant shadow numerators and gains. Each interpolation reuses
 * the previous sample's second tap (one load per tap per sample).
 */
function earsStill(
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  // The gain is folded into the shadow numerator.
  const gL = sl[G] as number;
  const b0L = gL * (sl[B0] as number);
  const b1L = gL * (sl[B1] as number);
  let xL1 = sl[X1] as number;
  // The gain is folded into the shadow numerator.
  const gR = sr[G] as number;
  const b0R = gR * (sr[B0] as number);
  const b1R = gR * (sr[B1] as number);
  let xR1 = sr[X1] as number;
  // Read position of sample i is (off + i) − d = base + i + fr, 0 ≤ fr < 1.
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dL = sl[D] as number;
  const diL = Math.floor(dL);
  const baseL = off - diL - 1;
  const frL = 1 - (dL - diL);
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dR = sr[D] as number;
  const diR = Math.floor(dR);
  const baseR = off - diR - 1;
  const frR = 1 - (dR - diR);
  let pL = buf[baseL + start] as number;
  let pR = buf[baseR + start] as number;
  for (let i = start; i < end; i++) {
    const nL = buf[baseL + i + 1] as number;
    const nR = buf[baseR + i + 1] as number;
    const xl = pL + frL * (nL - pL);
    const xr = pR + frR * (nR - pR);
    pL = nL;
    pR = nR;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    outL[i] = (outL[i] as number) + yl;
    outR[i] = (outR[i] as number) + yr;
  }
  sl[X1] = xL1;
  sr[X1] = xR1;
}

/** `earsStill` with the shoulder echo: a second tap per ear, delayed and attenuated, before the shadow. */
function earsStillShoulder(
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  const shG = sl[SHG] as number;
  const shD = sl[SHD] as number;
  // The gain is folded into the shadow numerator.
  const gL = sl[G] as number;
  const b0L = gL * (sl[B0] as number);
  const b1L = gL * (sl[B1] as number);
  let xL1 = sl[X1] as number;
  // The gain is folded into the shadow numerator.
  const gR = sr[G] as number;
  const b0R = gR * (sr[B0] as number);
  const b1R = gR * (sr[B1] as number);
  let xR1 = sr[X1] as number;
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dL = sl[D] as number;
  const diL = Math.floor(dL);
  const baseL = off - diL - 1;
  const frL = 1 - (dL - diL);
  const dSL = dL + shD;
  const diSL = Math.floor(dSL);
  const baseSL = off - diSL - 1;
  const frSL = 1 - (dSL - diSL);
  // Read position (off + i) − d, split from d alone (not from the write index, which depends
  // on how the caller blocks the stream): base + i + fr with fr = 1 − frac(d).
  const dR = sr[D] as number;
  const diR = Math.floor(dR);
  const baseR = off - diR - 1;
  const frR = 1 - (dR - diR);
  const dSR = dR + shD;
  const diSR = Math.floor(dSR);
  const baseSR = off - diSR - 1;
  const frSR = 1 - (dSR - diSR);
  let pL = buf[baseL + start] as number;
  let qL = buf[baseSL + start] as number;
  let pR = buf[baseR + start] as number;
  let qR = buf[baseSR + start] as number;
  for (let i = start; i < end; i++) {
    const nL = buf[baseL + i + 1] as number;
    const mL = buf[baseSL + i + 1] as number;
    const nR = buf[baseR + i + 1] as number;
    const mR = buf[baseSR + i + 1] as number;
    const xl = pL + frL * (nL - pL) + shG * (qL + frSL * (mL - qL));
    const xr = pR + frR * (nR - pR) + shG * (qR + frSR * (mR - qR));
    pL = nL;
    qL = mL;
    pR = nR;
    qR = mR;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    outL[i] = (outL[i] as number) + yl;
    outR[i] = (outR[i] as number) + yr;
  }
  sl[X1] = xL1;
  sr[X1] = xR1;
}

/**
 * Both ears of a moving source in one loop (their filter recurrences overlap): delay, shadow
 * numerator and gain ramp per sample. Each ear's arithmetic is the same as it would be alone.
 */
function earsMoving(
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  let dL = sl[D] as number;
  const ddL = sl[DD] as number;
  let b0L = sl[B0] as number;
  const db0L = sl[DB0] as number;
  let b1L = sl[B1] as number;
  const db1L = sl[DB1] as number;
  let gL = sl[G] as number;
  const dgL = sl[DG] as number;
  let xL1 = sl[X1] as number;
  let dR = sr[D] as number;
  const ddR = sr[DD] as number;
  let b0R = sr[B0] as number;
  const db0R = sr[DB0] as number;
  let b1R = sr[B1] as number;
  const db1R = sr[DB1] as number;
  let gR = sr[G] as number;
  const dgR = sr[DG] as number;
  let xR1 = sr[X1] as number;
  for (let i = start; i < end; i++) {
    dL += ddL;
    dR += ddR;
    const diL = dL | 0;
    const diR = dR | 0;
    const ipL = off + i - diL - 1;
    const ipR = off + i - diR - 1;
    const frL = 1 - (dL - diL);
    const frR = 1 - (dR - diR);
    const aL = buf[ipL] as number;
    const aR = buf[ipR] as number;
    const xl = aL + frL * ((buf[ipL + 1] as number) - aL);
    const xr = aR + frR * ((buf[ipR + 1] as number) - aR);
    b0L += db0L;
    b1L += db1L;
    b0R += db0R;
    b1R += db1R;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    gL += dgL;
    gR += dgR;
    outL[i] = (outL[i] as number) + yl * gL;
    outR[i] = (outR[i] as number) + yr * gR;
  }
  sl[D] = dL;
  sl[B0] = b0L;
  sl[B1] = b1L;
  sl[G] = gL;
  sl[X1] = xL1;
  sr[D] = dR;
  sr[B0] = b0R;
  sr[B1] = b1R;
  sr[G] = gR;
  sr[X1] = xR1;
}

/** `earsMoving` with the (ramped) shoulder echo, the same for both ears. */
function earsMovingShoulder(
  buf: Float32Array,
  off: number,
  start: number,
  end: number,
  sl: Float64Array,
  sr: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
): void {
  let shD = sl[SHD] as number;
  const dshD = sl[DSHD] as number;
  let shG = sl[SHG] as number;
  const dshG = sl[DSHG] as number;
  let dL = sl[D] as number;
  const ddL = sl[DD] as number;
  let b0L = sl[B0] as number;
  const db0L = sl[DB0] as number;
  let b1L = sl[B1] as number;
  const db1L = sl[DB1] as number;
  let gL = sl[G] as number;
  const dgL = sl[DG] as number;
  let xL1 = sl[X1] as number;
  let dR = sr[D] as number;
  const ddR = sr[DD] as number;
  let b0R = sr[B0] as number;
  const db0R = sr[DB0] as number;
  let b1R = sr[B1] as number;
  const db1R = sr[DB1] as number;
  let gR = sr[G] as number;
  const dgR = sr[DG] as number;
  let xR1 = sr[X1] as number;
  for (let i = start; i < end; i++) {
    dL += ddL;
    dR += ddR;
    shD += dshD;
    shG += dshG;
    const diL = dL | 0;
    const diR = dR | 0;
    let ipL = off + i - diL - 1;
    let ipR = off + i - diR - 1;
    let frL = 1 - (dL - diL);
    let frR = 1 - (dR - diR);
    let aL = buf[ipL] as number;
    let aR = buf[ipR] as number;
    let xl = aL + frL * ((buf[ipL + 1] as number) - aL);
    let xr = aR + frR * ((buf[ipR + 1] as number) - aR);
    const dsL = dL + shD;
    const dsR = dR + shD;
    const dsiL = dsL | 0;
    const dsiR = dsR | 0;
    ipL = off + i - dsiL - 1;
    ipR = off + i - dsiR - 1;
    frL = 1 - (dsL - dsiL);
    frR = 1 - (dsR - dsiR);
    aL = buf[ipL] as number;
    aR = buf[ipR] as number;
    xl += shG * (aL + frL * ((buf[ipL + 1] as number) - aL));
    xr += shG * (aR + frR * ((buf[ipR + 1] as number) - aR));
    b0L += db0L;
    b1L += db1L;
    b0R += db0R;
    b1R += db1R;
    const yl = b0L * xl + b1L * xL1;
    const yr = b0R * xr + b1R * xR1;
    xL1 = xl;
    xR1 = xr;
    gL += dgL;
    gR += dgR;
    outL[i] = (outL[i] as number) + yl * gL;
    outR[i] = (outR[i] as number) + yr * gR;
  }
  sl[SHD] = shD;
  sl[SHG] = shG;
  sl[D] = dL;
  sl[B0] = b0L;
  sl[B1] = b1L;
  sl[G] = gL;
  sl[X1] = xL1;
  sr[D] = dR;
  sr[B0] = b0R;
  sr[B1] = b1R;
  sr[G] = gR;
  sr[X1] = xR1;
}
