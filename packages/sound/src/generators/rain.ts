/**
 * Rain: a soft wash (pink-ish noise, high-passed, gently gusting) under individual drops
 * (Poisson arrivals) whose sound depends on what they hit — leaves (short bright ticks with a
 * splash), a roof (lower, longer knocks), a window (sharp glassy ticks), a puddle (rising
 * Minnaert bubbles). Intensity moves light → heavy: more drops, more wash. A final soft high-cut
 * ("softness") keeps it from ever turning shrill. Variation lets the rain ebb and flow.
 */

import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { MacroLevel } from "../dsp/macro-level";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";
import { Presence } from "./presence";

const SURFACES = ["leaves", "roof", "window", "puddle"] as const;

class RainVoice extends ControlRateVoice {
  private readonly rng: Rng;
  private readonly pool: ResonatorPool;
  private readonly ebb: Wander;
  private readonly gust: Wander;
  /** Keeps a seed's minute from being a loud or a quiet one (dsp/macro-level.ts). */
  private readonly level: MacroLevel;
  private intensity = 0.45;
  private intensityT = 0.45;
  private surface = 0;
  private softness = 0.6;
  private softnessT = 0.6;
  private variation = 0.5;
  private variationT = 0.5;
  private evLevel = 0;
  private evRate = 0;
  private readonly k: number;
  private nextDrop = 0;
  private readonly noise: StereoNoise;
  private readonly st = new Float64Array(12);
  private wash = 0;
  private washStep = 0;
  private lpK = 0.5;
  private readonly hpK: number;

  /** Under 20 Hz out (dsp/subsonic.ts): the grains' kicks all start positive, so they carry DC. */
  private readonly subsonic: Subsonic;
  /** The near ear's lift the equalised head model no longer gives (presence.ts). */
  private readonly presence: Presence;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.rng = new Rng(seed);
    this.subsonic = new Subsonic(sampleRate);
    this.presence = new Presence(sampleRate);
    this.pool = new ResonatorPool(sampleRate, 40, new Rng(this.rng.fork(1)));
    this.ebb = new Wander(new Rng(this.rng.fork(2)), 40, 140, this.dt);
    this.gust = new Wander(new Rng(this.rng.fork(3)), 4, 14, this.dt);
    this.noise = new StereoNoise(this.rng);
    this.level = new MacroLevel(this.dt, 8, 1);
    this.k = glideCoef(sampleRate, 0.3);
    this.hpK = 1 - Math.exp((-2 * Math.PI * 350) / sampleRate);
  }

  setParam(name: string, value: number): void {
    if (name === "intensity") this.intensityT = clampTo(value, 0, 1);
    else if (name === "surface") this.surface = Math.round(clampTo(value, 0, SURFACES.length - 1));
    else if (name === "softness") this.softnessT = clampTo(value, 0, 1);
    else if (name === "variation") this.variationT = clampTo(value, 0, 1);
  }

  protected control(): void {
    this.subsonic.flush();
    this.presence.flush();
    const k = this.k;
    const dt = this.dt;
    this.intensity = glide(this.intensity, this.intensityT, k);
    this.softness = glide(this.softness, this.softnessT, k);
    this.variation = glide(this.variation, this.variationT, k);
    const v = this.variation;
    this.ebb.step();
    this.gust.step();
    const ebb = this.ebb.value;
    const gust = this.gust.value;
    const raw = clampTo(this.intensity * (1 + 0.3 * v * ebb) + 0.06 * v * gust, 0.02, 1);
    // The ebb and gusts average to the intensity whatever the seed.
    const macro = this.level;
    const ref = clampTo(this.intensity, 0.02, 1);
    macro.power = raw * raw;
    macro.reference = ref * ref;
    macro.step();
    const level = clampTo(raw * macro.gain, 0.02, 1);
    const washTarget = 0.04 + 0.4 * level ** 1.3;
    this.washStep = (washTarget - this.wash) / 32;
    const cut = 16000 * 0.3 ** this.softness;
    this.lpK = 1 - Math.exp((-2 * Math.PI * cut) / this.sampleRate);
    // Drops: Poisson arrivals on the control grid.
    const rate = 6 + 380 * level * level;
    this.nextDrop -= dt;
    this.evLevel = level;
    this.evRate = rate;
    while (this.nextDrop <= 0) this.spawnDrop();
    this.pool.control();
  }

  /**
   * One drop, and the wait until the next. Inputs come in fields: a double passed to or returned
   * from a call V8 does not inline (as in `control`, where this path is rarely taken) is boxed.
   */
  private spawnDrop(): void {
    const rng = this.rng;
    const level = this.evLevel;
    // Drop sizes: many small, few large (power law), bigger ones more likely in heavy rain.
    const size = Math.min(1, 0.08 * (1 - rng.float()) ** -0.55 * (0.7 + 0.6 * level));
    const amp = 0.7 * size;
    const pan = rng.float();
    const next = this.pool.next;
    next[PAN] = pan;
    next[GLIDE] = 1;
    switch (this.surface) {
      case 1: // roof: wooden/shingle knocks, lower and longer
        next[FREQ] = rng.range(700, 2200) * (1.2 - 0.4 * size);
        next[DECAY] = rng.range(0.03, 0.07);
        next[KICK] = amp * 0.9;
        next[BURST] = amp;
        next[BURST_TIME] = 0.002;
        break;
      case 2: // window: glassy ticks
        next[FREQ] = rng.range(2600, 5200);
        next[DECAY] = rng.range(0.004, 0.012);
        next[KICK] = amp * 0.8;
        next[BURST] = amp * 0.6;
        next[BURST_TIME] = 0.0008;
        break;
      case 3: // puddle: a splash and a rising bubble
        next[FREQ] = rng.range(1100, 3000) * (1.3 - 0.5 * size);
        next[DECAY] = rng.range(0.012, 0.035);
        next[KICK] = amp * 0.7;
        next[BURST] = amp * 0.5;
        next[BURST_TIME] = 0.002;
        next[GLIDE] = rng.range(1.8, 3.5);
        break;
      default: // leaves: short ticks with a splash, spread over 1.1–8 kHz (log), small drops higher
        next[FREQ] = 1400 * 2 ** (2.4 * rng.float()) * (1.2 - 0.45 * size);
        next[DECAY] = rng.range(0.003, 0.012);
        next[KICK] = amp * 0.6;
        next[BURST] = amp * 1.2;
        next[BURST_TIME] = 0.0025;
    }
    this.pool.start();
    this.nextDrop += rng.exponential(this.evRate);
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const st = this.st;
    const noise = this.noise;
    noise.fill(n);
    const na = noise.a;
    const nb = noise.b;
    let p0 = st[0] as number;
    let p1 = st[1] as number;
    let p2 = st[2] as number;
    let q0 = st[3] as number;
    let q1 = st[4] as number;
    let q2 = st[5] as number;
    let hA = st[6] as number;
    let hB = st[7] as number;
    let wash = this.wash;
    const ws = this.washStep;
    const hk = this.hpK;
    const end = start + n;
    for (let i = start; i < end; i++) {
      const w1 = na[i - start] as number;
      const w2 = nb[i - start] as number;
      // Economy pink (three poles), then a 350 Hz high-pass.
      p0 = 0.99765 * p0 + w1 * 0.099046;
      p1 = 0.963 * p1 + w1 * 0.2965164;
      p2 = 0.57 * p2 + w1 * 1.0526913;
      q0 = 0.99765 * q0 + w2 * 0.099046;
      q1 = 0.963 * q1 + w2 * 0.2965164;
      q2 = 0.57 * q2 + w2 * 1.0526913;
      const x = (p0 + p1 + p2 + w1 * 0.1848) * 0.12;
      const y = (q0 + q1 + q2 + w2 * 0.1848) * 0.12;
      hA += hk * (x - hA);
      hB += hk * (y - hB);
      wash += ws;
      a[i] = (x - hA) * wash;
      b[i] = (y - hB) * wash;
    }
    this.pool.render(a, b, start, n);
    this.subsonic.run(a, b, start, n);
    this.presence.run(a, b, start, n);
    // Soft high-cut over everything (two one-poles per channel).
    const lk = this.lpK;
    let la = st[8] as number;
    let lb = st[9] as number;
    let ma = st[10] as number;
    let mb = st[11] as number;
    for (let i = start; i < end; i++) {
      la += lk * ((a[i] as number) - la);
      lb += lk * ((b[i] as number) - lb);
      ma += lk * (la - ma);
      mb += lk * (lb - mb);
      a[i] = ma;
      b[i] = mb;
    }
    this.wash = wash;
    st[0] = p0;
    st[1] = p1;
    st[2] = p2;
    st[3] = q0;
    st[4] = q1;
    st[5] = q2;
    st[6] = hA;
    st[7] = hB;
    st[8] = la;
    st[9] = lb;
    st[10] = ma;
    st[11] = mb;
  }
}

export const rain: GeneratorDef = {
  id: "rain",
  label: "Rain",
  description:
    "Steady rain with drops you can place on leaves, a roof, a window or a puddle; light to heavy.",
  category: "bed",
  channels: 2,
  calibrationDb: -2.3,
  params: [
    {
      name: "intensity",
      label: "Intensity",
      min: 0,
      max: 1,
      default: 0.45,
      description: "Light drizzle to a downpour.",
    },
    {
      name: "surface",
      label: "Surface",
      min: 0,
      max: 3,
      default: 0,
      choices: SURFACES,
      description: "What the nearest drops land on.",
    },
    {
      name: "softness",
      label: "Softness",
      min: 0,
      max: 1,
      default: 0.6,
      description: "High-cut: softer rain for sensitive ears.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the rain ebbs and flows over minutes.",
    },
  ],
  create: (sampleRate, seed) => new RainVoice(sampleRate, seed),
};
