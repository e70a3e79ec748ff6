/**
 * Early reflections of a small room (issue 14, finding 5): a centred mono source is no longer
 * exactly L = R inside the head. A scene picks `room: "dry" | "close" | "large"` (default dry:
 * no room stage at all, the output bit-identical to an engine without one).
 *
 * The room is a shoebox with the listener's head at a seeded spot and a source 1 m ahead. Its
 * image sources (the six first-order ones and the shortest second-order ones) give each
 * reflection a delay after the direct sound, a 1/r gain times the walls' reflection
 * coefficient per bounce, and a direction. Each reflection reaches the two ears with its own
 * interaural delay (Woodworth, whole samples) and a broadband head shadow on the far ear, and
 * each bounce dulls it: the reflections read a delay line of the mix's mid signal low-passed
 * once (first order) or twice (second order). The dry mix is scaled so the total energy, and so
 * the scene's loudness, stays what it was.
 *
 * The stage runs on the summed mix (after the shared head-shadow pole), so its cost does not
 * grow with the number of layers. `run` allocates nothing; everything is per sample with state
 * carried across calls, so any split of the stream gives the same samples.
 */

import { preFilter } from "../loudness/k-weighting";
import { Rng } from "../rng";
import type { RoomKind } from "../scene";
import * as C from "./constants";

const HEAD_RADIUS = C.HEAD_RADIUS;
const SPEED_OF_SOUND = C.SPEED_OF_SOUND;
/** Delay line length (power of two): the longest reflection plus a block. */
const LINE = 1 << 14;
const MASK = LINE - 1;
/** Second-order reflections kept (the shortest paths). */
const SECOND_ORDER = 4;
/** Low-frequency lateral taps (an even number: alternating signs sum to zero at 0 Hz). */
const SIDE_TAPS = 4;

interface RoomShape {
  /** Width (x, left to right), depth (y, back to front), height (z), metres. */
  readonly size: readonly [number, number, number];
  /** Nominal head position and how far the seed may move it, metres. */
  readonly listener: readonly [number, number, number];
  readonly jitter: number;
  /** Pressure reflection coefficient per bounce. */
  readonly beta: number;
  /** Low-pass per bounce (Hz): soft furnishings absorb the highs. */
  readonly damping: number;
  /** Largest head turn (degrees, seeded): no reflection stays exactly in the median plane. */
  readonly yaw: number;
  /**
   * Low-frequency lateral reflections: SIDE_TAPS delays (seeded, ms range) of the mix's low band,
   * added to one ear and subtracted from the other with alternating signs, so the mid (and the
   * mono sum) is untouched and nothing builds up at 0 Hz; `sidePower` is their summed power
   * against the direct sound.
   */
  readonly sideMs: readonly [number, number];
  readonly sidePower: number;
}

const SHAPES: Readonly<Record<Exclude<RoomKind, "dry">, RoomShape>> = {
  // A bedroom: 3.4 × 3.8 × 2.5 m, head near a side wall.
  close: {
    size: [3.4, 3.8, 2.5],
    listener: [1.1, 1.4, 1.2],
    jitter: 0.2,
    beta: 0.85,
    damping: 7000,
    yaw: 25,
    sideMs: [5, 23],
    sidePower: 0.22,
  },
  // A hall: 9 × 13 × 4.5 m, more distant walls, slightly harder surfaces.
  large: {
    size: [9, 13, 4.5],
    listener: [3.6, 4.5, 1.3],
    jitter: 0.8,
    beta: 0.92,
    damping: 5000,
    yaw: 25,
    sideMs: [12, 45],
    sidePower: 0.12,
  },
};

// State layout (Float64Array).
const Z1 = 0;
const Z2 = 1;
/** Room mix 0–1 (fades the stage in and out) and its per-sample step. */
const S = 2;
const DS = 3;
const TARGET = 4;
/** The high-pass's low-pass state. */
const Z0 = 5;
/**
 * The reflections' input is high-passed (first order) here: close reflections add in phase at
 * low frequencies and would pile up boom; it is the mid and high range that takes the source
 * out of the head.
 */
const HIGH_PASS_HZ = 300;

export class Room {
  readonly kind: Exclude<RoomKind, "dry">;
  private readonly line1 = new Float32Array(LINE);
  private readonly line2 = new Float32Array(LINE);
  /** The mix's low band (below HIGH_PASS_HZ), for the lateral taps. */
  private readonly line0 = new Float32Array(LINE);
  private readonly sideDel = new Int32Array(SIDE_TAPS);
  /** Signed gains of the lateral taps: + into the left ear, − into the right. */
  private readonly sideG = new Float64Array(SIDE_TAPS);
  private w = 0;
  private readonly taps: number;
  private readonly delL: Int32Array;
  private readonly delR: Int32Array;
  private readonly gL: Float64Array;
  private readonly gR: Float64Array;
  /** 1 for a first-order reflection (reads line1), 2 for second order (line2). */
  private readonly order: Uint8Array;
  private readonly dry: number;
  private readonly a: number;
  private readonly fadeStep: number;
  private readonly st = new Float64Array(6);
  /** High-pass (one-pole low-pass subtracted) coefficient. */
  private readonly hp: number;

  /**
   * `fadeIn`: start silent and fade the room in over `fadeSeconds` (a room added while playing);
   * otherwise the room is there from the first sample.
   */
  constructor(
    sampleRate: number,
    kind: Exclude<RoomKind, "dry">,
    seed: number,
    fadeIn = false,
    fadeSeconds = 0.3,
  ) {
    this.kind = kind;
    const shape = SHAPES[kind];
    const rng = new Rng((seed ^ 0x6a09e667) >>> 0);
    const [wx, wy, wz] = shape.size;
    const lx = shape.listener[0] + rng.signed() * shape.jitter;
    const ly = shape.listener[1] + rng.signed() * shape.jitter;
    const lz = shape.listener[2] + rng.signed() * 0.1;
    // The source 1 m ahead (the calibration distance), a little off-axis by seed.
    const sx = lx + rng.signed() * 0.1;
    const sy = Math.min(ly + 1, wy - 0.2);
    const sz = lz;
    // The head is turned a little (seeded, between 40 % and 100 % of the shape's yaw, either way).
    const yawMag = (0.4 + 0.6 * rng.float()) * shape.yaw * (Math.PI / 180);
    const yaw = rng.float() < 0.5 ? -yawMag : yawMag;
    const cy = Math.cos(yaw);
    const sy0 = Math.sin(yaw);
    const direct = Math.hypot(sx - lx, sy - ly, sz - lz);
    // Image sources: mirror the source in each wall (first order) and in two walls (second).
    const images: { x: number; y: number; z: number; order: number }[] = [];
    const mirror = (p: number, axisLen: number, side: number) => (side === 0 ? -p : 2 * axisLen - p);
    const first: { x: number; y: number; z: number }[] = [];
    for (let axis = 0; axis < 3; axis++) {
      for (let side = 0; side < 2; side++) {
        const p = { x: sx, y: sy, z: sz };
        if (axis === 0) p.x = mirror(sx, wx, side);
        else if (axis === 1) p.y = mirror(sy, wy, side);
        else p.z = mirror(sz, wz, side);
        first.push(p);
        images.push({ ...p, order: 1 });
      }
    }
    const second: { x: number; y: number; z: number; order: number }[] = [];
    for (let i = 0; i < first.length; i++) {
      for (let axis = 0; axis < 3; axis++) {
        if (axis === Math.floor(i / 2)) continue;
        for (let side = 0; side < 2; side++) {
          const f = first[i] as { x: number; y: number; z: number };
          const p = { ...f, order: 2 };
          if (axis === 0) p.x = mirror(f.x, wx, side);
          else if (axis === 1) p.y = mirror(f.y, wy, side);
          else p.z = mirror(f.z, wz, side);
          // Each pair of walls is reached twice (a then b, b then a are different images only
          // when the axes differ; keep one of each position).
          if (!second.some((q) => Math.abs(q.x - p.x) + Math.abs(q.y - p.y) + Math.abs(q.z - p.z) < 1e-9))
            second.push(p);
        }
      }
    }
    const dist = (p: { x: number; y: number; z: number }) => Math.hypot(p.x - lx, p.y - ly, p.z - lz);
    second.sort((p, q) => dist(p) - dist(q));
    images.push(...second.slice(0, SECOND_ORDER));
    this.taps = images.length;
    this.delL = new Int32Array(this.taps);
    this.delR = new Int32Array(this.taps);
    this.gL = new Float64Array(this.taps);
    this.gR = new Float64Array(this.taps);
    this.order = new Uint8Array(this.taps);
    images.forEach((p, k) => {
      const d = dist(p);
      const g = shape.beta ** p.order * (direct / d);
      // Lateral angle (sine) of the reflection: + from the right.
      const lat = ((p.x - lx) * cy - (p.y - ly) * sy0) / d;
      const theta = Math.asin(Math.max(-1, Math.min(1, lat)));
      const itd = ((HEAD_RADIUS / SPEED_OF_SOUND) * (theta + lat) * sampleRate) / 2;
      const base = ((d - direct) / SPEED_OF_SOUND) * sampleRate;
      this.delL[k] = Math.max(1, Math.round(base + itd));
      this.delR[k] = Math.max(1, Math.round(base - itd));
      // Broadband head shadow: the far ear loses up to ~6 dB, the near ear gains a little.
      this.gL[k] = g * (lat > 0 ? 1 - 0.5 * lat : 1 - 0.25 * lat);
      this.gR[k] = g * (lat > 0 ? 1 + 0.25 * lat : 1 + 0.5 * lat);
      this.order[k] = p.order;
    });
    // Lateral low-frequency taps: delays spread over the range (one per slot, seeded within it).
    const [s0, s1] = shape.sideMs;
    const slot = (s1 - s0) / SIDE_TAPS;
    for (let k = 0; k < SIDE_TAPS; k++) {
      const ms = s0 + slot * (k + 0.2 + 0.6 * rng.float());
      this.sideDel[k] = Math.round((ms / 1000) * sampleRate);
      this.sideG[k] = (k % 2 === 0 ? 1 : -1) * Math.sqrt(shape.sidePower / SIDE_TAPS);
    }
    this.a = 1 - Math.exp((-2 * Math.PI * shape.damping) / sampleRate);
    this.hp = 1 - Math.exp((-2 * Math.PI * HIGH_PASS_HZ) / sampleRate);
    // Normalise dry and reflections together so a pink-to-white source keeps its K-weighted energy
    // (early reflections add in phase at low frequencies, so a plain energy sum would not do).
    this.dry = this.normalisation(sampleRate);
    for (let k = 0; k < this.taps; k++) {
      this.gL[k] = (this.gL[k] as number) * this.dry;
      this.gR[k] = (this.gR[k] as number) * this.dry;
    }
    for (let k = 0; k < SIDE_TAPS; k++) this.sideG[k] = (this.sideG[k] as number) * this.dry;
    this.fadeStep = 1 / Math.max(1, fadeSeconds * sampleRate);
    this.st[S] = fadeIn ? 0 : 1;
    this.st[TARGET] = 1;
    this.st[DS] = fadeIn ? this.fadeStep : 0;
  }

  /** The common gain that keeps a centred source's K-weighted energy: sqrt(E0 / E). */
  private normalisation(fs: number): number {
    const k = preFilter(fs);
    const b = 1 - this.a;
    let e0 = 0;
    let e = 0;
    for (let f = 20; f < Math.min(20000, fs * 0.45); f *= 1.02) {
      const w = (2 * Math.PI * f) / fs;
      const c1 = Math.cos(w);
      const c2 = Math.cos(2 * w);
      const s1 = Math.sin(w);
      const s2 = Math.sin(2 * w);
      const nr = k.b0 + k.b1 * c1 + k.b2 * c2;
      const ni = -(k.b1 * s1 + k.b2 * s2);
      const dr = 1 + k.a1 * c1 + k.a2 * c2;
      const di = -(k.a1 * s1 + k.a2 * s2);
      // K-weighting times a source between pink and white (√f on this log grid).
      const kw = ((nr * nr + ni * ni) / (dr * dr + di * di)) * Math.sqrt(f);
      // One-pole low-pass a / (1 − b·e^{−jω}) as a complex number.
      const lr0 = 1 - b * c1;
      const li0 = b * s1;
      const m2 = lr0 * lr0 + li0 * li0;
      // High-pass 1 − h / (1 − (1−h)·e^{−jω}), times the low-pass.
      const hb = 1 - this.hp;
      const hr0 = 1 - hb * c1;
      const hi0 = hb * s1;
      const h2 = hr0 * hr0 + hi0 * hi0;
      const hpr = 1 - (this.hp * hr0) / h2;
      const hpi = (this.hp * hi0) / h2;
      const lr1 = (this.a * lr0) / m2;
      const li1 = (-this.a * li0) / m2;
      const lpr = lr1 * hpr - li1 * hpi;
      const lpi = lr1 * hpi + li1 * hpr;
      let hlr = 1;
      let hli = 0;
      let hrr = 1;
      let hri = 0;
      for (let t = 0; t < this.taps; t++) {
        // HP·LP, times LP again for a second bounce.
        let pr = lpr;
        let pi = lpi;
        if (this.order[t] === 2) {
          const qr = pr * lr1 - pi * li1;
          pi = pr * li1 + pi * lr1;
          pr = qr;
        }
        for (const [del, g, left] of [
          [this.delL[t] as number, this.gL[t] as number, true],
          [this.delR[t] as number, this.gR[t] as number, false],
        ] as const) {
          const er = Math.cos(w * del);
          const ei = -Math.sin(w * del);
          const vr = g * (pr * er - pi * ei);
          const vi = g * (pr * ei + pi * er);
          if (left) {
            hlr += vr;
            hli += vi;
          } else {
            hrr += vr;
            hri += vi;
          }
        }
      }
      // Lateral taps: the low band (the high-pass's low-pass), + left, − right.
      const lbr = (this.hp * hr0) / h2;
      const lbi = (-this.hp * hi0) / h2;
      for (let t = 0; t < SIDE_TAPS; t++) {
        const del = this.sideDel[t] as number;
        const g = this.sideG[t] as number;
        const er = Math.cos(w * del);
        const ei = -Math.sin(w * del);
        const vr = g * (lbr * er - lbi * ei);
        const vi = g * (lbr * ei + lbi * er);
        hlr += vr;
        hli += vi;
        hrr -= vr;
        hri -= vi;
      }
      e0 += kw;
      e += (kw * (hlr * hlr + hli * hli + hrr * hrr + hri * hri)) / 2;
    }
    return Math.sqrt(e0 / e);
  }

  /** Fade the room out (then `silent` turns true and the engine drops it). */
  fadeOut(): void {
    this.st[TARGET] = 0;
    this.st[DS] = -this.fadeStep;
  }

  /** True once a fade-out has finished. */
  get silent(): boolean {
    return this.st[TARGET] === 0 && this.st[S] === 0;
  }

  /** Add the reflections to `l`/`r` in place over [start, start + n) and scale the dry mix. */
  run(l: Float32Array, r: Float32Array, start: number, n: number): void {
    const line1 = this.line1;
    const line2 = this.line2;
    const line0 = this.line0;
    const sideDel = this.sideDel;
    const sideG = this.sideG;
    const delL = this.delL;
    const delR = this.delR;
    const gL = this.gL;
    const gR = this.gR;
    const order = this.order;
    const taps = this.taps;
    const st = this.st;
    const a = this.a;
    const dry = this.dry;
    const h = this.hp;
    let z0 = st[Z0] as number;
    let z1 = st[Z1] as number;
    let z2 = st[Z2] as number;
    let s = st[S] as number;
    const ds = st[DS] as number;
    const target = st[TARGET] as number;
    let w = this.w;
    if (ds === 0 && s === 1) {
      // Steady (the usual case): the mix scaled and written to the lines, then each reflection
      // added over the span in its own loop.
      const w0 = w;
      for (let i = start; i < start + n; i++) {
        const xl = l[i] as number;
        const xr = r[i] as number;
        const mid = 0.5 * (xl + xr);
        z0 += h * (mid - z0);
        z1 += a * (mid - z0 - z1);
        z2 += a * (z1 - z2);
        line0[w] = z0;
        line1[w] = z1;
        line2[w] = z2;
        l[i] = xl * dry;
        r[i] = xr * dry;
        w = (w + 1) & MASK;
      }
      for (let k = 0; k < taps; k++) {
        const line = order[k] === 1 ? line1 : line2;
        const g = gL[k] as number;
        const p = w0 - start - (delL[k] as number);
        for (let i = start; i < start + n; i++)
          l[i] = (l[i] as number) + g * (line[(p + i) & MASK] as number);
      }
      for (let k = 0; k < taps; k++) {
        const line = order[k] === 1 ? line1 : line2;
        const g = gR[k] as number;
        const p = w0 - start - (delR[k] as number);
        for (let i = start; i < start + n; i++)
          r[i] = (r[i] as number) + g * (line[(p + i) & MASK] as number);
      }
      for (let k = 0; k < SIDE_TAPS; k++) {
        const g = sideG[k] as number;
        const p = w0 - start - (sideDel[k] as number);
        for (let i = start; i < start + n; i++) {
          const v = g * (line0[(p + i) & MASK] as number);
          l[i] = (l[i] as number) + v;
          r[i] = (r[i] as number) - v;
        }
      }
      this.w = w;
      st[Z0] = z0;
      st[Z1] = z1;
      st[Z2] = z2;
      return;
    }
    for (let i = start; i < start + n; i++) {
      const xl = l[i] as number;
      const xr = r[i] as number;
      const mid = 0.5 * (xl + xr);
      z0 += h * (mid - z0);
      z1 += a * (mid - z0 - z1);
      z2 += a * (z1 - z2);
      line0[w] = z0;
      line1[w] = z1;
      line2[w] = z2;
      let accL = 0;
      let accR = 0;
      for (let k = 0; k < SIDE_TAPS; k++) {
        const v = (sideG[k] as number) * (line0[(w - (sideDel[k] as number)) & MASK] as number);
        accL += v;
        accR -= v;
      }
      for (let k = 0; k < taps; k++) {
        const line = order[k] === 1 ? line1 : line2;
        accL += (gL[k] as number) * (line[(w - (delL[k] as number)) & MASK] as number);
        accR += (gR[k] as number) * (line[(w - (delR[k] as number)) & MASK] as number);
      }
      if (ds !== 0) {
        s += ds;
        if (ds > 0 ? s >= target : s <= target) s = target;
      }
      const g = s === 1 ? dry : 1 - s + s * dry;
      l[i] = xl * g + s * accL;
      r[i] = xr * g + s * accR;
      w = (w + 1) & MASK;
    }
    this.w = w;
    st[Z0] = z0;
    st[Z1] = z1;
    st[Z2] = z2;
    st[S] = s;
    if (s === target) st[DS] = 0;
  }

  /** Zero denormal-sized filter states; call on a fixed grid of frames (never at block boundaries). */
  flush(): void {
    const st = this.st;
    if (Math.abs(st[Z0] as number) < 1e-30) st[Z0] = 0;
    if (Math.abs(st[Z1] as number) < 1e-30) st[Z1] = 0;
    if (Math.abs(st[Z2] as number) < 1e-30) st[Z2] = 0;
  }
}
