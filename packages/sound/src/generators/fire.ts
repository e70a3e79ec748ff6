/**
 * Fire crackle (after Farnell, "Designing Sound" ch. 34): a low lapping roar (low-passed noise
 * with a flickering level), a hiss whose level is squared low-passed noise (expanded dynamics),
 * and crackles: Poisson events, power-law strengths, each a short resonant snap (2–15 ms) at a
 * random pitch, with the odd deeper pop of a splitting log. Mono: a fire is a place.
 */

import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { MacroLevel } from "../dsp/macro-level";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { Subsonic } from "../dsp/subsonic";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";

/** Crackle strength above which a snap splits into fragments (2 above SPLIT, 3 above 2·SPLIT). */
const SPLIT = 0.2;
/** Mean gap between a split snap's fragments (seconds). */
const FRAG_GAP = 0.004;

class FireVoice extends ControlRateVoice {
  private readonly rng: Rng;
  private readonly pool: ResonatorPool;
  private readonly flicker: Wander;
  private readonly life: Wander;
  /** Keeps a seed's minute from being a loud or a quiet one (dsp/macro-level.ts). */
  private readonly level: MacroLevel;
  private size = 0.5;
  private sizeT = 0.5;
  private crackle = 0.5;
  private crackleT = 0.5;
  private hiss = 0.4;
  private hissT = 0.4;
  private variation = 0.5;
  private variationT = 0.5;
  /** Uniforms of one event (Rng.draw). */
  private readonly u = new Float64Array(4);
  private readonly k: number;
  private nextCrackle = 0;
  /** A strong snap's remaining fragments: count, amplitude, seconds to the next. */
  private readonly frag = new Float64Array(3);
  private readonly sv = new Float64Array(3);
  private nextPop = 1;
  private s1 = 0;
  private readonly z = new Float64Array(8);
  private gRoar = 0;
  private dRoar = 0;
  private gHiss = 0;
  private dHiss = 0;
  private readonly roarK: number;
  private readonly hissK: number;
  private readonly modK: number;

  /** Under 20 Hz out (dsp/subsonic.ts). */
  private readonly subsonic: Subsonic;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.subsonic = new Subsonic(sampleRate);
    this.rng = new Rng(seed);
    this.pool = new ResonatorPool(sampleRate, 24, new Rng(this.rng.fork(1)));
    this.flicker = new Wander(new Rng(this.rng.fork(2)), 0.3, 1.6, this.dt);
    this.life = new Wander(new Rng(this.rng.fork(3)), 30, 110, this.dt);
    this.level = new MacroLevel(this.dt, 8, 0.75);
    this.s1 = this.rng.nextU32() | 1;
    this.k = glideCoef(sampleRate, 0.3);
    this.roarK = 1 - Math.exp((-2 * Math.PI * 220) / sampleRate);
    this.hissK = 1 - Math.exp((-2 * Math.PI * 2500) / sampleRate);
    this.modK = 1 - Math.exp((-2 * Math.PI * 4) / sampleRate);
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "size") this.sizeT = v;
    else if (name === "crackle") this.crackleT = v;
    else if (name === "hiss") this.hissT = v;
    else if (name === "variation") this.variationT = v;
  }

  protected control(): void {
    this.subsonic.flush();
    const k = this.k;
    const dt = this.dt;
    this.size = glide(this.size, this.sizeT, k);
    this.crackle = glide(this.crackle, this.crackleT, k);
    this.hiss = glide(this.hiss, this.hissT, k);
    this.variation = glide(this.variation, this.variationT, k);
    this.flicker.step();
    this.life.step();
    const fl = this.flicker.value;
    // The fire's life wanders over minutes; three quarters of its level change (in dB) are
    // taken back over ~8 s, so no seed has a loud minute while the fire still breathes.
    const life = clampTo(1 + 0.4 * this.variation * this.life.value, 0.3, 1.5);
    const macro = this.level;
    macro.power = life * life;
    macro.reference = 1;
    macro.step();
    const vitality = life * macro.gain;
    this.dRoar = (this.size * vitality * (0.8 + 0.25 * fl) * 0.9 - this.gRoar) / 32;
    this.dHiss = (this.hiss * vitality * 0.35 - this.gHiss) / 32;
    const rate = (1 + 30 * this.crackle * this.crackle) * vitality * (0.7 + 0.5 * Math.max(fl, 0));
    this.nextCrackle -= dt;
    const rng = this.rng;
    const u = this.u;
    const next = this.pool.next;
    // Event branches: Rng draws through `draw` and typed arrays (no boxed doubles; see Rng.draw).
    while (this.nextCrackle <= 0) {
      rng.draw(u, 4);
      let e = Math.min(1, 0.04 * (1 - (u[0] as number)) ** -0.7);
      // A strong snap is wood splitting in a quick run of fractures: two or three snaps a few
      // ms apart with the same energy in all, not one spike (which peaked ~4.5 dB over full
      // scale at the reference and made the master limiter work).
      if (e > SPLIT) {
        const k = e > 2 * SPLIT ? 3 : 2;
        e /= Math.sqrt(k);
        const f = this.frag;
        f[0] = k - 1;
        f[1] = e;
        f[2] = FRAG_GAP * (0.5 + (u[2] as number));
      }
      const sv = this.sv;
      sv[0] = e;
      sv[1] = u[1] as number;
      sv[2] = u[2] as number;
      this.snap();
      this.nextCrackle += -Math.log(1 - (u[3] as number)) / rate;
    }
    const f = this.frag;
    if ((f[0] as number) > 0) {
      f[2] = (f[2] as number) - dt;
      if ((f[2] as number) <= 0) {
        rng.draw(u, 3);
        // Each fracture a little weaker than the last.
        f[1] = (f[1] as number) * (0.85 + 0.15 * (u[0] as number));
        const sv = this.sv;
        sv[0] = f[1] as number;
        sv[1] = u[1] as number;
        sv[2] = u[2] as number;
        this.snap();
        f[0] = (f[0] as number) - 1;
        f[2] = FRAG_GAP * (0.5 + (u[0] as number));
      }
    }
    this.nextPop -= dt;
    if (this.nextPop <= 0) {
      // The odd deeper pop of a splitting log.
      rng.draw(u, 4);
      const e = (0.3 + (0.8 - 0.3) * (u[0] as number)) * (0.5 + this.size);
      next[FREQ] = 280 + (900 - 280) * (u[1] as number);
      next[DECAY] = 0.02 + (0.05 - 0.02) * (u[2] as number);
      next[KICK] = 0.5 * e;
      next[BURST] = e;
      next[BURST_TIME] = 0.003;
      next[GLIDE] = 1;
      next[PAN] = 0;
      this.pool.start();
      this.nextPop = -Math.log(1 - (u[3] as number)) / (0.08 + 0.5 * this.crackle * vitality);
    }
    this.pool.control();
  }

  /**
   * One crackle from `sv`: strength, then uniforms for its pitch and decay (in an array, not
   * arguments: V8 boxes doubles passed to calls it does not inline).
   */
  private snap(): void {
    const sv = this.sv;
    const e = sv[0] as number;
    const up = sv[1] as number;
    const ud = sv[2] as number;
    const next = this.pool.next;
    next[FREQ] = 1400 + (6500 - 1400) * up;
    next[DECAY] = 0.002 + (0.012 - 0.002) * ud;
    next[KICK] = 2 * e;
    next[BURST] = 2.5 * e;
    next[BURST_TIME] = 0.0006;
    next[GLIDE] = 1;
    next[PAN] = 0;
    this.pool.start();
  }

  protected render(a: Float32Array, _b: Float32Array, start: number, n: number): void {
    const z = this.z;
    let s = this.s1;
    let r1 = z[0] as number;
    let r2 = z[1] as number;
    let h1 = z[2] as number;
    let m1 = z[3] as number;
    let m2 = z[4] as number;
    let gR = this.gRoar;
    let gH = this.gHiss;
    const dR = this.dRoar;
    const dH = this.dHiss;
    const rk = this.roarK;
    const hk = this.hissK;
    const mk = this.modK;
    for (let i = start; i < start + n; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const w = s * 4.656612873077393e-10;
      r1 += rk * (w - r1);
      r2 += rk * (r1 - r2);
      h1 += hk * (w - h1);
      // Hiss level: squared 4 Hz low-passed noise (Farnell's dynamics expansion).
      m1 += mk * (w - m1);
      m2 += mk * (m1 - m2);
      const mod = m2 * m2 * 900;
      gR += dR;
      gH += dH;
      a[i] = r2 * gR * 2 + (w - h1) * gH * mod;
    }
    z[0] = r1;
    z[1] = r2;
    z[2] = h1;
    z[3] = m1;
    z[4] = m2;
    this.s1 = s;
    this.gRoar = gR;
    this.gHiss = gH;
    this.pool.render(a, a, start, n);
    this.subsonic.run(a, null, start, n);
  }
}

export const fire: GeneratorDef = {
  id: "fire",
  label: "Fire",
  description: "A wood fire close by: a soft roar, hissing embers and irregular crackles and pops.",
  category: "bed",
  channels: 1,
  calibrationDb: 0.7,
  params: [
    {
      name: "size",
      label: "Size",
      min: 0,
      max: 1,
      default: 0.5,
      description: "A few twigs to a full hearth.",
    },
    {
      name: "crackle",
      label: "Crackle",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How often the wood snaps and pops.",
    },
    { name: "hiss", label: "Hiss", min: 0, max: 1, default: 0.4, description: "Hissing sap and embers." },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the fire flares and settles over minutes.",
    },
  ],
  create: (sampleRate, seed) => new FireVoice(sampleRate, seed),
};
