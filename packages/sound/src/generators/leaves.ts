/**
 * Rustling leaves (after Farnell, "Designing Sound" ch. 41): the wind's gusts reach the leaves
 * late and smoothed (a 2 s lag plus a slow low-pass: foliage takes a while to build up energy
 * and to quiet down). Leaf energy sets the density of tiny papery ticks (noise splashes through
 * low-Q resonances) and a soft rustle bed, so sparse crackles become a dense shimmer in gusts.
 */
import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { MacroLevel } from "../dsp/macro-level";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { BAND_GAIN, BAND_STATE, BAND_STEP, bandNoisePair, StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { SVF_F, SVF_LENGTH, SVF_Q, svfCoefs } from "../dsp/svf";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";
import { Presence } from "./presence";

const LAG_SECONDS = 2;

class LeavesVoice extends ControlRateVoice {
  private readonly rng: Rng;
  private readonly pool: ResonatorPool;
  private readonly gustA: Wander;
  private readonly gustB: Wander;
  private readonly slow: Wander;
  /** Keeps a seed's minute from being a loud or a quiet one (dsp/macro-level.ts). */
  private readonly level: MacroLevel;
  private wind = 0.5;
  private windT = 0.5;
  private density = 0.5;
  private densityT = 0.5;
  private dryness = 0.5;
  private drynessT = 0.5;
  private variation = 0.5;
  private variationT = 0.5;
  private readonly k: number;
  private readonly lag: Float64Array;
  private lagPos = 0;
  private energy = 0.3;
  private readonly energyK: number;
  private nextTick = 0;
  private readonly noise: StereoNoise;
  private readonly c = new Float64Array(SVF_LENGTH);
  private readonly z = new Float64Array(BAND_STATE);
  // Event bodies run from their own methods with inputs in fields: in `control` these rarely
  // taken paths would not be inlined, and each double returned by an Rng call would be boxed.
  private evEnergy = 0;
  private evRate = 0;

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
    this.gustA = new Wander(new Rng(this.rng.fork(2)), 1.5, 5, this.dt);
    this.gustB = new Wander(new Rng(this.rng.fork(3)), 4, 12, this.dt);
    this.slow = new Wander(new Rng(this.rng.fork(4)), 30, 120, this.dt);
    this.noise = new StereoNoise(this.rng);
    this.level = new MacroLevel(this.dt, 8, 1);
    this.k = glideCoef(sampleRate, 0.3);
    this.lag = new Float64Array(Math.round((LAG_SECONDS * sampleRate) / 32)).fill(0.3);
    this.energyK = glideCoef(sampleRate, 0.8);
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "wind") this.windT = v;
    else if (name === "density") this.densityT = v;
    else if (name === "dryness") this.drynessT = v;
    else if (name === "variation") this.variationT = v;
  }

  protected control(): void {
    this.subsonic.flush();
    this.presence.flush();
    const k = this.k;
    const dt = this.dt;
    this.wind = glide(this.wind, this.windT, k);
    this.density = glide(this.density, this.densityT, k);
    this.dryness = glide(this.dryness, this.drynessT, k);
    this.variation = glide(this.variation, this.variationT, k);
    this.gustA.step();
    this.gustB.step();
    this.slow.step();
    const g1 = Math.max(0, this.gustA.value);
    const g2 = Math.max(0, this.gustB.value);
    const slow = 1 + 0.2 * this.variation * this.slow.value;
    const gust = clampTo(this.wind * (0.7 + 0.6 * g1 * g1 + 0.35 * g2) * slow, 0, 1.5);
    // The leaves follow the wind 2 s late, and slowly.
    const lagged = this.lag[this.lagPos] as number;
    this.lag[this.lagPos] = gust;
    this.lagPos = this.lagPos + 1 === this.lag.length ? 0 : this.lagPos + 1;
    this.energy = glide(this.energy, lagged, this.energyK);
    // Rustle power and tick rate both go as energy⁴ (gain e², rate e²); the gusts' typical energy
    // is seed-independent (E[max(0, u)²] ≈ 1/6, E[max(0, u)] ≈ 1/4 for the wanders' u).
    const level = this.level;
    const en = this.energy;
    const ref = this.wind * (0.7 + 0.6 / 6 + 0.35 / 4);
    level.power = en * en * en * en;
    level.reference = ref * ref * ref * ref;
    level.step();
    const e = en * Math.sqrt(level.gain);
    const dry = this.dryness;
    // A broad rustle band (2.5–5.5 kHz centre, low Q): leaf surfaces, not a pitched hiss.
    this.c[SVF_F] = 2500 + 3000 * dry;
    this.c[SVF_Q] = 0.5;
    svfCoefs(this.c, this.sampleRate);
    this.z[BAND_STEP] = ((0.01 + 0.12 * e * e) * (0.4 + this.density) - (this.z[BAND_GAIN] as number)) / 32;
    this.evEnergy = e;
    this.evRate = Math.max(this.density * (10 + 600 * e * e), 0.5);
    this.nextTick -= dt;
    while (this.nextTick <= 0) this.tick();
    this.pool.control();
  }

  /** One leaf tick, and the wait until the next. */
  private tick(): void {
    const rng = this.rng;
    const e = this.evEnergy;
    const dry = this.dryness;
    const amp = Math.min(0.3, 0.05 * (1 - rng.float()) ** -0.45) * (0.5 + 0.5 * e);
    // Spread over ~1.2–9 kHz on a log scale, barely ringing: papery ticks, not pings.
    const f = 1500 * 2 ** (2.5 * rng.float()) * (0.8 + 0.5 * dry);
    const next = this.pool.next;
    next[FREQ] = f;
    next[DECAY] = rng.range(0.0015, 0.004 + 0.006 * dry);
    next[KICK] = amp * 0.6;
    next[BURST] = amp * 4;
    next[BURST_TIME] = 0.0015 + 0.002 * rng.float();
    next[GLIDE] = 1;
    next[PAN] = rng.float();
    this.pool.start();
    this.nextTick += rng.exponential(this.evRate);
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    bandNoisePair(this.noise, this.c, this.z, a, b, start, n);
    this.pool.render(a, b, start, n);
    this.subsonic.run(a, b, start, n);
    this.presence.run(a, b, start, n);
  }
}

export const leaves: GeneratorDef = {
  id: "leaves",
  label: "Rustling leaves",
  description: "A tree in the breeze: leaves stir a moment after each gust and settle slowly.",
  category: "bed",
  channels: 2,
  calibrationDb: 8.5,
  params: [
    {
      name: "wind",
      label: "Wind",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How hard the breeze moves the branches.",
    },
    {
      name: "density",
      label: "Foliage",
      min: 0,
      max: 1,
      default: 0.5,
      description: "A few leaves to a full canopy.",
    },
    {
      name: "dryness",
      label: "Dryness",
      min: 0,
      max: 1,
      default: 0.5,
      description: "Soft green leaves to crisp autumn ones.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the breeze changes over minutes.",
    },
  ],
  create: (sampleRate, seed) => new LeavesVoice(sampleRate, seed),
};
