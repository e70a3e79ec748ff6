import { describe, expect, it } from "vitest";
import { welch } from "../analysis/spectrum";
import { integratedLoudness } from "../loudness/meter";
import { BinauralSource, earDelaySeconds, ShadowPole } from "./spatial";

const FS = 48000;
/** White noise (testSignals) at 0°/0°, 1 m, as measured before the diffuse-field equalisation. */
const FRONT_WHITE_LUFS = -17.748;

/** Place an impulse at `azimuth` and return the arrival time (ms, 10 % of the channel's peak) and peak per ear. */
function impulse(azimuth: number, elevation = 0, distance = 1) {
  const src = new BinauralSource(FS);
  const n = 512;
  const inp = new Float32Array(n);
  inp[64] = 1;
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i += 32) {
    src.update(azimuth, elevation, distance, 1);
    src.process(inp, i, 32, l, r);
  }
  // The head-shadow pole every source shares (the engine runs it on the mix).
  new ShadowPole(FS).run(l, r, 0, n);
  const measure = (x: Float32Array) => {
    let peak = 0;
    for (const v of x) peak = Math.max(peak, Math.abs(v));
    let first = 0;
    while (Math.abs(x[first] as number) < 0.1 * peak) first++;
    // Interpolate the crossing for sub-sample resolution.
    const a = Math.abs(x[first - 1] as number);
    const b = Math.abs(x[first] as number);
    const t = first - 1 + (0.1 * peak - a) / (b - a);
    let energy = 0;
    for (const v of x) energy += v * v;
    return { ms: (t * 1000) / FS, energy };
  };
  return { left: measure(l), right: measure(r) };
}

describe("binaural placement (Brown–Duda spherical head)", () => {
  it("a source at +90° arrives 0.55–0.75 ms earlier and louder in the right ear", () => {
    const { left, right } = impulse(90);
    const itd = left.ms - right.ms;
    expect(itd).toBeGreaterThan(0.55);
    expect(itd).toBeLessThan(0.75);
    expect(10 * Math.log10(right.energy / left.energy)).toBeGreaterThan(6);
  });

  it("mirrors at −90° and is equal in both ears at 0°", () => {
    const m = impulse(-90);
    expect(m.right.ms - m.left.ms).toBeGreaterThan(0.55);
    expect(m.left.energy).toBeGreaterThan(m.right.energy);
    const c = impulse(0);
    expect(Math.abs(c.left.ms - c.right.ms)).toBeLessThan(1e-9);
    expect(c.left.energy).toBeCloseTo(c.right.energy, 12);
  });

  it("has the model's delays: 0 at the ear, a/c·(1+π/2) opposite", () => {
    expect(earDelaySeconds(0)).toBe(0);
    expect(earDelaySeconds(Math.PI) * 1000).toBeCloseTo((0.0875 / 343) * (1 + Math.PI / 2) * 1000, 6);
  });

  it("gets louder and more lopsided near the ear (proximity)", () => {
    const far = impulse(90, 0, 1);
    const near = impulse(90, 0, 0.15);
    expect(near.right.energy).toBeGreaterThan(far.right.energy * 4);
    expect(near.right.energy / near.left.energy).toBeGreaterThan(far.right.energy / far.left.energy);
  });

  it("moves without clicks: a fast sweep of a low sine stays smooth", () => {
    const src = new BinauralSource(FS);
    const n = FS * 2;
    const inp = new Float32Array(n);
    for (let i = 0; i < n; i++) inp[i] = 0.5 * Math.sin((2 * Math.PI * 200 * i) / FS);
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    for (let i = 0; i < n; i += 32) {
      const az = 180 * Math.sin((2 * Math.PI * i) / FS);
      src.update(
        az,
        30 * Math.sin((2 * Math.PI * i) / (2 * FS)),
        0.3 + 0.2 * Math.cos((2 * Math.PI * i) / FS),
        1,
      );
      src.process(inp, i, 32, l, r);
    }
    new ShadowPole(FS).run(l, r, 0, n);
    // Second difference of a 200 Hz sine at 0.5–2 amplitude is < 0.002; a step would be far larger.
    let worst = 0;
    for (let i = 2000; i < n; i++) {
      const d = Math.abs((l[i] as number) - 2 * (l[i - 1] as number) + (l[i - 2] as number));
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThan(0.01);
  });
});

describe("the shared head-shadow pole", () => {
  it("is the per-ear filter: numerator per source then one pole on the sum equals each source filtered fully", () => {
    // Two sources at different places: filter each alone (numerator + pole), sum; compare with
    // both numerators summed first and the pole run once.
    const n = 2048;
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    let s = 99;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      a[i] = s / 2 ** 32 - 0.5;
      b[i] = Math.sin(i * 0.05) * 0.3;
    }
    const place = (src: BinauralSource, inp: Float32Array, az: number, l: Float32Array, r: Float32Array) => {
      for (let i = 0; i < n; i += 32) {
        src.update(az, 0, 1.5, 0.7);
        src.process(inp, i, 32, l, r);
      }
    };
    const sepL = new Float32Array(n);
    const sepR = new Float32Array(n);
    for (const [inp, az] of [
      [a, -70],
      [b, 35],
    ] as const) {
      const l = new Float32Array(n);
      const r = new Float32Array(n);
      place(new BinauralSource(FS), inp, az, l, r);
      new ShadowPole(FS).run(l, r, 0, n);
      for (let i = 0; i < n; i++) {
        sepL[i] = (sepL[i] as number) + (l[i] as number);
        sepR[i] = (sepR[i] as number) + (r[i] as number);
      }
    }
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    place(new BinauralSource(FS), a, -70, l, r);
    place(new BinauralSource(FS), b, 35, l, r);
    new ShadowPole(FS).run(l, r, 0, n);
    let worst = 0;
    let peak = 0;
    for (let i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs((l[i] as number) - (sepL[i] as number)));
      worst = Math.max(worst, Math.abs((r[i] as number) - (sepR[i] as number)));
      peak = Math.max(peak, Math.abs(sepL[i] as number));
    }
    expect(peak).toBeGreaterThan(0.1);
    expect(worst).toBeLessThan(1e-5);
  });
});

// ---- Direction-independent loudness and the front/back cue (issue 14, finding 4) ----

const SECONDS = 2;

/**
 * Seeded test sources, 2 s each:
 * - white noise;
 * - a bright source: its first difference (+6 dB/octave) rolled off by two one-poles at 12 kHz,
 *   most of its energy at 5–15 kHz like a crisp trigger's (the raw first difference peaks at
 *   Nyquist, where the delay's linear interpolation still colours it);
 * - pink noise (−3 dB/octave, Kellet's filter bank) and brown noise (−6 dB/octave, a leaky
 *   integrator), whose loudness sits in the lows and mids;
 * - a speech-like voice: a 150 Hz buzz with 19 harmonics falling 6 dB/octave, swelling at 3 Hz,
 *   over noise low-passed twice (about 230 Hz and 760 Hz), like a narrator close by.
 */
function testSignals(): Record<"white" | "bright" | "pink" | "brown" | "speech", Float32Array> {
  const n = FS * SECONDS;
  const white = new Float32Array(n);
  const bright = new Float32Array(n);
  const pink = new Float32Array(n);
  const brown = new Float32Array(n);
  const speech = new Float32Array(n);
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  let prev = 0;
  let lp1 = 0;
  let lp2 = 0;
  const LP = 1 - Math.exp((-2 * Math.PI * 12000) / FS);
  const pk = [0, 0, 0, 0, 0, 0, 0];
  let br = 0;
  let v1 = 0;
  let v2 = 0;
  for (let i = 0; i < n; i++) {
    const v = rand() * 0.5;
    white[i] = v;
    lp1 += LP * ((v - prev) * 0.5 - lp1);
    lp2 += LP * (lp1 - lp2);
    bright[i] = lp2;
    prev = v;
    pk[0] = 0.99886 * (pk[0] as number) + v * 0.0555179;
    pk[1] = 0.99332 * (pk[1] as number) + v * 0.0750759;
    pk[2] = 0.969 * (pk[2] as number) + v * 0.153852;
    pk[3] = 0.8665 * (pk[3] as number) + v * 0.3104856;
    pk[4] = 0.55 * (pk[4] as number) + v * 0.5329522;
    pk[5] = -0.7616 * (pk[5] as number) - v * 0.016898;
    let sum = v * 0.5362;
    for (const p of pk) sum += p;
    pink[i] = sum * 0.2;
    pk[6] = v * 0.115926;
    br = 0.998 * br + v * 0.05;
    brown[i] = br;
    v1 = 0.97 * v1 + 0.03 * rand() * 2;
    v2 = 0.9 * v2 + 0.1 * v1;
    let buzz = 0;
    for (let k = 1; k < 20; k++) buzz += Math.sin((2 * Math.PI * k * 150 * i) / FS) / k;
    speech[i] = 0.05 * buzz * (1 + Math.sin((2 * Math.PI * 3 * i) / FS)) + 0.5 * v2;
  }
  return { white, bright, pink, brown, speech };
}

/** A still source placed at (az, el, 1 m), through the shared pole, in 128-frame blocks. */
function placeStill(inp: Float32Array, az: number, el: number): { l: Float32Array; r: Float32Array } {
  const src = new BinauralSource(FS);
  const n = inp.length;
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i += 32) {
    src.update(az, el, 1, 1);
    src.process(inp, i, 32, l, r);
  }
  new ShadowPole(FS).run(l, r, 0, n);
  return { l, r };
}

/** Energy of both ears above `lo` Hz, in dB. */
function bandDb(x: { l: Float32Array; r: Float32Array }, lo: number, hi = FS / 2): number {
  let e = 0;
  for (const ch of [x.l, x.r]) {
    const psd = welch(ch, 1024);
    for (let k = 0; k < psd.length; k++) {
      const f = (k * FS) / 1024;
      if (f >= lo && f < hi) e += psd[k] as number;
    }
  }
  return 10 * Math.log10(e);
}

const GRID_AZ = Array.from({ length: 24 }, (_, i) => -180 + 15 * i);
const GRID_EL = [-30, 0, 30, 60];

describe("diffuse-field equalised head model", () => {
  const sig = testSignals();

  it("keeps loudness within ±1.5 LU of the front at any azimuth and elevation (white, bright, pink, brown, speech)", () => {
    const worstAll: [number, string][] = [];
    for (const [name, x] of Object.entries(sig)) {
      const front = placeStill(x, 0, 0);
      const ref = integratedLoudness(FS, [front.l, front.r]);
      let worst = 0;
      let where = "";
      for (const el of GRID_EL) {
        for (const az of GRID_AZ) {
          const p = placeStill(x, az, el);
          const d = integratedLoudness(FS, [p.l, p.r]) - ref;
          if (Math.abs(d) > Math.abs(worst)) {
            worst = d;
            where = `az ${az} el ${el}`;
          }
        }
      }
      worstAll.push([Math.abs(worst), `${name} at ${where}`]);
    }
    for (const [w, at] of worstAll) expect(w, at).toBeLessThanOrEqual(1.5);
  });

  it("does not lift a voice or brown noise behind: bass below 500 Hz and loudness stay the front's", () => {
    // Before the two-band equalisation a broadband make-up for the rear cut lifted the lows:
    // the speech-like source measured +4.2 LU at 180°.
    for (const name of ["speech", "brown"] as const) {
      const x = sig[name];
      const f = placeStill(x, 0, 0);
      const ref = integratedLoudness(FS, [f.l, f.r]);
      const lows = bandDb(f, 20, 500);
      for (const az of [135, 180, -150]) {
        const p = placeStill(x, az, 0);
        expect(Math.abs(integratedLoudness(FS, [p.l, p.r]) - ref), `${name} at ${az}°`).toBeLessThan(0.75);
        expect(Math.abs(bandDb(p, 20, 500) - lows), `${name} lows at ${az}°`).toBeLessThan(0.5);
      }
    }
  });

  it("keeps the front's loudness (generators are calibrated there)", () => {
    const front = placeStill(sig.white, 0, 0);
    // Measured before the equalisation: white noise at 0°/0°, 1 m.
    expect(integratedLoudness(FS, [front.l, front.r])).toBeCloseTo(FRONT_WHITE_LUFS, 2);
  });

  it("makes a source behind duller in 4–10 kHz than the same source in front", () => {
    const diffs: [number, number, string][] = [];
    for (const [name, x] of [
      ["white", sig.white],
      ["bright", sig.bright],
      ["pink", sig.pink],
    ] as const) {
      const f = placeStill(x, 0, 0);
      const front = bandDb(f, 4000, 10000);
      const frontTilt = front - bandDb(f, 200, 4000);
      for (const az of [180, 150, -150]) {
        const p = placeStill(x, az, 0);
        const rear = bandDb(p, 4000, 10000);
        // Timbre: the level above 4 kHz against 0.2–4 kHz, rear minus front.
        const tilt = rear - bandDb(p, 200, 4000) - frontTilt;
        diffs.push([rear - front, 0.5, `${name} 4–10 kHz at ${az}°`]);
        diffs.push([tilt, az === 180 ? -2.5 : -2, `${name} tilt at ${az}°`]);
      }
    }
    for (const [d, limit, at] of diffs) expect(d, at).toBeLessThan(limit);
  });

  it("deepens the pinna cue with elevation", () => {
    const front = placeStill(sig.white, 0, 0);
    let last = 0;
    for (const el of [10, 30, 60]) {
      const p = placeStill(sig.white, 0, el);
      // The deepest 1/3-octave dip against the front between 5 and 12 kHz.
      let dip = 0;
      for (let f = 5000; f < 12000; f *= 2 ** (1 / 6)) {
        const d = bandDb(p, f, f * 2 ** (1 / 3)) - bandDb(front, f, f * 2 ** (1 / 3));
        dip = Math.min(dip, d);
      }
      expect(dip).toBeLessThan(last);
      last = dip;
    }
    expect(last).toBeLessThan(-4);
  });
});
