/**
 * Binaural placement of one mono source with the Brown–Duda spherical-head model:
 * - interaural delay per ear by a fractional delay line whose read position ramps linearly
 *   between control ticks (no steps, so moving sources glide instead of clicking);
 * - head shadow per ear: one-pole/one-zero H(z) = [(ω0+αFs) + (ω0−αFs)z⁻¹] / [(ω0+Fs) + (ω0−Fs)z⁻¹],
 *   α(ψ) = 1.05 + 0.95·cos(ψ·180°/150°), ψ = angle between the source and the ear (ears at ±100°);
 *   only the numerator depends on the angle, and it ramps, so the filter morphs smoothly;
 * - distance: per-ear 1/r level (bounded near field), and a low-shelf proximity boost when close;
 * - elevation: a pinna notch that moves with elevation and a shoulder echo (~0.4–1.2 ms).
 * `update` is called once per control tick with the target position and gain; `process` adds
 * the placed source into the stereo mix. No allocation after construction.
 */
import {
  CONTROL,
  clamp,
  DISTANCE_R0,
  HEAD_RADIUS,
  MAX_DISTANCE,
  MIN_DISTANCE,
  SPEED_OF_SOUND,
} from "./constants";
import { rbjIdentity, rbjLowShelf, rbjPeaking } from "./rbj";

const DEG = Math.PI / 180;
const EAR_X = Math.sin(100 * DEG);
const EAR_Y = Math.cos(100 * DEG);
const DELAY_SIZE = 1024;
const DELAY_MASK = DELAY_SIZE - 1;
/** Both ears are delayed by at least this many samples so the interpolation never reads ahead. */
const BASE_DELAY = 2;

/** Brown–Duda delay (seconds) of an ear for the angle ψ (radians) between source and ear axis. */
export function earDelaySeconds(psi: number): number {
  const t = HEAD_RADIUS / SPEED_OF_SOUND;
  return psi < Math.PI / 2 ? t * (1 - Math.cos(psi)) : t * (1 + psi - Math.PI / 2);
}

/** Brown–Duda head-shadow high-frequency gain α for the angle ψ (radians). */
export function shadowAlpha(psi: number): number {
  return 1.05 + 0.95 * Math.cos(psi * 1.2);
}

export class BinauralSource {
  private readonly fs: number;
  private readonly buf = new Float32Array(DELAY_SIZE);
  private w = 0;
  // Ramped per-sample values and their increments.
  private dL = BASE_DELAY;
  private dR = BASE_DELAY;
  private ddL = 0;
  private ddR = 0;
  private gL = 0;
  private gR = 0;
  private dgL = 0;
  private dgR = 0;
  private b0L = 1;
  private b1L = 0;
  private b0R = 1;
  private b1R = 0;
  private db0L = 0;
  private db1L = 0;
  private db0R = 0;
  private db1R = 0;
  private shD = 0;
  private shG = 0;
  private dshD = 0;
  private dshG = 0;
  // Head-shadow filter states and fixed pole.
  private readonly a1: number;
  private readonly w0: number;
  private xL1 = 0;
  private yL1 = 0;
  private xR1 = 0;
  private yR1 = 0;
  // Pre-filters (mono): proximity low shelf and elevation notch, TDF2 states.
  private readonly shelf = new Float64Array(5);
  private readonly notch = new Float64Array(5);
  private sz1 = 0;
  private sz2 = 0;
  private nz1 = 0;
  private nz2 = 0;
  private shelfOn = false;
  private notchOn = false;
  private lastAz = Number.NaN;
  private lastEl = Number.NaN;
  private lastDist = Number.NaN;
  private lastGain = Number.NaN;
  private primed = false;

  constructor(sampleRate: number) {
    this.fs = sampleRate;
    this.w0 = SPEED_OF_SOUND / HEAD_RADIUS;
    this.a1 = (this.w0 - sampleRate) / (this.w0 + sampleRate);
    rbjIdentity(this.shelf);
    rbjIdentity(this.notch);
  }

  /**
   * Set the target for the end of the next control period (CONTROL samples). The first call
   * jumps straight to the target. Azimuth/elevation in degrees, distance in metres, linear gain.
   */
  update(azimuth: number, elevation: number, distance: number, gain: number): void {
    // Flush denormal-sized filter states here, on the fixed control grid (never at block
    // boundaries, which would make the output depend on the caller's block size).
    if (Math.abs(this.yL1) < 1e-30) this.yL1 = 0;
    if (Math.abs(this.yR1) < 1e-30) this.yR1 = 0;
    if (
      azimuth === this.lastAz &&
      elevation === this.lastEl &&
      distance === this.lastDist &&
      gain === this.lastGain
    ) {
      this.ddL = this.ddR = this.dgL = this.dgR = 0;
      this.db0L = this.db1L = this.db0R = this.db1R = this.dshD = this.dshG = 0;
      return;
    }
    this.lastAz = azimuth;
    this.lastEl = elevation;
    this.lastDist = distance;
    this.lastGain = gain;
    const fs = this.fs;
    const dist = clamp(distance, MIN_DISTANCE, MAX_DISTANCE);
    const ce = Math.cos(elevation * DEG);
    const dx = ce * Math.sin(azimuth * DEG);
    const dy = ce * Math.cos(azimuth * DEG);
    const dz = Math.sin(elevation * DEG);
    const psiR = Math.acos(clamp(dx * EAR_X + dy * EAR_Y, -1, 1));
    const psiL = Math.acos(clamp(-dx * EAR_X + dy * EAR_Y, -1, 1));
    // Per-ear distance (ears at ±HEAD_RADIUS on the x axis) for the near-field level difference.
    const px = dx * dist;
    const py = dy * dist;
    const pz = dz * dist;
    const rR = Math.sqrt((px - HEAD_RADIUS) ** 2 + py * py + pz * pz);
    const rL = Math.sqrt((px + HEAD_RADIUS) ** 2 + py * py + pz * pz);
    const tgL = (gain * (1 + DISTANCE_R0)) / (Math.max(rL, MIN_DISTANCE) + DISTANCE_R0);
    const tgR = (gain * (1 + DISTANCE_R0)) / (Math.max(rR, MIN_DISTANCE) + DISTANCE_R0);
    const tdL = BASE_DELAY + earDelaySeconds(psiL) * fs;
    const tdR = BASE_DELAY + earDelaySeconds(psiR) * fs;
    const w0 = this.w0;
    const den = w0 + fs;
    const alL = shadowAlpha(psiL);
    const alR = shadowAlpha(psiR);
    const tb0L = (w0 + alL * fs) / den;
    const tb1L = (w0 - alL * fs) / den;
    const tb0R = (w0 + alR * fs) / den;
    const tb1R = (w0 - alR * fs) / den;
    // Elevation: shoulder echo strength and delay, pinna notch.
    const absEl = Math.abs(elevation);
    const tshG = absEl < 0.5 ? 0 : 0.16 * Math.min(1, absEl / 30);
    const tshD = (0.0004 + 0.0008 * (1 + dz) * 0.5) * fs;
    if (absEl >= 0.5) {
      const f = clamp(7000 + 55 * elevation, 4500, 11500);
      rbjPeaking(this.notch, fs, Math.min(f, fs * 0.45), 2, -10 * Math.min(1, absEl / 40));
      this.notchOn = true;
    } else if (this.notchOn) {
      rbjIdentity(this.notch);
      this.notchOn = false;
      this.nz1 = this.nz2 = 0;
    }
    // Proximity: up to +6 dB low shelf inside 0.6 m.
    const boost = 6 * clamp((0.6 - dist) / 0.5, 0, 1);
    if (boost > 0) {
      rbjLowShelf(this.shelf, fs, 180, 0.7, boost);
      this.shelfOn = true;
    } else if (this.shelfOn) {
      rbjIdentity(this.shelf);
      this.shelfOn = false;
      this.sz1 = this.sz2 = 0;
    }
    if (!this.primed) {
      this.primed = true;
      this.dL = tdL;
      this.dR = tdR;
      this.gL = tgL;
      this.gR = tgR;
      this.b0L = tb0L;
      this.b1L = tb1L;
      this.b0R = tb0R;
      this.b1R = tb1R;
      this.shD = tshD;
      this.shG = tshG;
      this.ddL = this.ddR = this.dgL = this.dgR = 0;
      this.db0L = this.db1L = this.db0R = this.db1R = this.dshD = this.dshG = 0;
      return;
    }
    const k = 1 / CONTROL;
    this.ddL = (tdL - this.dL) * k;
    this.ddR = (tdR - this.dR) * k;
    this.dgL = (tgL - this.gL) * k;
    this.dgR = (tgR - this.gR) * k;
    this.db0L = (tb0L - this.b0L) * k;
    this.db1L = (tb1L - this.b1L) * k;
    this.db0R = (tb0R - this.b0R) * k;
    this.db1R = (tb1R - this.b1R) * k;
    this.dshD = (tshD - this.shD) * k;
    this.dshG = (tshG - this.shG) * k;
  }

  /** Place `inp[start..start+n)` and add it into `outL`/`outR` at the same indices. */
  process(inp: Float32Array, start: number, n: number, outL: Float32Array, outR: Float32Array): void {
    const buf = this.buf;
    let w = this.w;
    let dL = this.dL;
    let dR = this.dR;
    let gL = this.gL;
    let gR = this.gR;
    let b0L = this.b0L;
    let b1L = this.b1L;
    let b0R = this.b0R;
    let b1R = this.b1R;
    const ddL = this.ddL;
    const ddR = this.ddR;
    const dgL = this.dgL;
    const dgR = this.dgR;
    const db0L = this.db0L;
    const db1L = this.db1L;
    const db0R = this.db0R;
    const db1R = this.db1R;
    const a1 = this.a1;
    let xL1 = this.xL1;
    let yL1 = this.yL1;
    let xR1 = this.xR1;
    let yR1 = this.yR1;
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
    let sz1 = this.sz1;
    let sz2 = this.sz2;
    let nz1 = this.nz1;
    let nz2 = this.nz2;
    let shD = this.shD;
    let shG = this.shG;
    const dshD = this.dshD;
    const dshG = this.dshG;
    const shoulder = shG !== 0 || dshG !== 0;
    const end = start + n;
    for (let i = start; i < end; i++) {
      let x = inp[i] as number;
      if (shelfOn) {
        const y = s0 * x + sz1;
        sz1 = s1 * x - s3 * y + sz2;
        sz2 = s2 * x - s4 * y;
        x = y;
      }
      if (notchOn) {
        const y = q0 * x + nz1;
        nz1 = q1 * x - q3 * y + nz2;
        nz2 = q2 * x - q4 * y;
        x = y;
      }
      buf[w] = x;
      dL += ddL;
      dR += ddR;
      let rp = w - dL + DELAY_SIZE;
      let ip = rp | 0;
      let fr = rp - ip;
      let a = buf[ip & DELAY_MASK] as number;
      let xl = a + fr * ((buf[(ip + 1) & DELAY_MASK] as number) - a);
      rp = w - dR + DELAY_SIZE;
      ip = rp | 0;
      fr = rp - ip;
      a = buf[ip & DELAY_MASK] as number;
      let xr = a + fr * ((buf[(ip + 1) & DELAY_MASK] as number) - a);
      if (shoulder) {
        shD += dshD;
        shG += dshG;
        rp = w - dL - shD + DELAY_SIZE;
        ip = rp | 0;
        fr = rp - ip;
        a = buf[ip & DELAY_MASK] as number;
        xl += shG * (a + fr * ((buf[(ip + 1) & DELAY_MASK] as number) - a));
        rp = w - dR - shD + DELAY_SIZE;
        ip = rp | 0;
        fr = rp - ip;
        a = buf[ip & DELAY_MASK] as number;
        xr += shG * (a + fr * ((buf[(ip + 1) & DELAY_MASK] as number) - a));
      }
      b0L += db0L;
      b1L += db1L;
      b0R += db0R;
      b1R += db1R;
      const yl = b0L * xl + b1L * xL1 - a1 * yL1;
      const yr = b0R * xr + b1R * xR1 - a1 * yR1;
      xL1 = xl;
      yL1 = yl;
      xR1 = xr;
      yR1 = yr;
      gL += dgL;
      gR += dgR;
      outL[i] = (outL[i] as number) + yl * gL;
      outR[i] = (outR[i] as number) + yr * gR;
      w = (w + 1) & DELAY_MASK;
    }
    this.w = w;
    this.dL = dL;
    this.dR = dR;
    this.gL = gL;
    this.gR = gR;
    this.b0L = b0L;
    this.b1L = b1L;
    this.b0R = b0R;
    this.b1R = b1R;
    this.xL1 = xL1;
    this.yL1 = yL1;
    this.xR1 = xR1;
    this.yR1 = yR1;
    this.sz1 = sz1;
    this.sz2 = sz2;
    this.nz1 = nz1;
    this.nz2 = nz2;
    if (shoulder) {
      this.shD = shD;
      this.shG = shG;
    }
  }
}
