/**
 * Stream: a babbling brook. Many small bubbles (Minnaert resonances that rise in pitch as they
 * close) arrive in turbulent clusters over a soft band-limited water body. "Size" moves from a
 * trickling brook (small, high bubbles) to a wider stream (deeper, fuller); "brightness" tilts
 * the body. Bubbles are scattered across the stereo pair.
 */
import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { svfCoefs } from "../dsp/svf";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";

class StreamVoice extends ControlRateVoice {
  private readonly rng: Rng;
  private readonly pool: ResonatorPool;
  private readonly turbulence: Wander;
  private readonly seasons: Wander;
  private flow = 0.5;
  private flowT = 0.5;
  private size = 0.4;
  private sizeT = 0.4;
  private brightness = 0.5;
  private brightnessT = 0.5;
  private variation = 0.5;
  private variationT = 0.5;
  private readonly k: number;
  private nextBubble = 0;
  private s1 = 0;
  private s2 = 0;
  private readonly c = new Float64Array(4);
  private readonly z = new Float64Array(4);
  private gBody = 0;
  private dBody = 0;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.rng = new Rng(seed);
    this.pool = new ResonatorPool(sampleRate, 32, new Rng(this.rng.fork(1)));
    this.turbulence = new Wander(new Rng(this.rng.fork(2)), 0.2, 1.2, this.dt);
    this.seasons = new Wander(new Rng(this.rng.fork(3)), 40, 150, this.dt);
    this.s1 = this.rng.nextU32() | 1;
    this.s2 = this.rng.nextU32() | 1;
    this.k = glideCoef(sampleRate, 0.3);
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "flow") this.flowT = v;
    else if (name === "size") this.sizeT = v;
    else if (name === "brightness") this.brightnessT = v;
    else if (name === "variation") this.variationT = v;
  }

  protected control(): void {
    const k = this.k;
    const dt = this.dt;
    this.flow = glide(this.flow, this.flowT, k);
    this.size = glide(this.size, this.sizeT, k);
    this.brightness = glide(this.brightness, this.brightnessT, k);
    this.variation = glide(this.variation, this.variationT, k);
    this.seasons.step();
    this.turbulence.step();
    const flow = clampTo(this.flow * (1 + 0.35 * this.variation * this.seasons.value), 0.02, 1);
    const turb = 0.55 + 0.45 * this.turbulence.value;
    svfCoefs(this.c, this.sampleRate, (350 + 900 * this.brightness) * (1.2 - 0.5 * this.size), 0.6);
    this.dBody = ((0.05 + 0.25 * flow) * (0.8 + 0.2 * turb) - this.gBody) / 32;
    const rate = (20 + 260 * flow) * turb * turb;
    const rng = this.rng;
    const pitch = 1.6 - 0.9 * this.size;
    this.nextBubble -= dt;
    while (this.nextBubble <= 0) {
      const r = rng.float();
      const f = 380 * 7 ** r * pitch;
      const amp = Math.min(0.5, 0.04 * (1 - rng.float()) ** -0.5) * (1.3 - 0.6 * r);
      {
        const next = this.pool.next;
        next[FREQ] = f;
        next[DECAY] = rng.range(0.008, 0.03);
        next[KICK] = amp;
        next[BURST] = 0;
        next[BURST_TIME] = 0;
        next[GLIDE] = rng.range(1.6, 4);
        next[PAN] = rng.float();
        this.pool.start();
      }
      this.nextBubble += rng.exponential(rate);
    }
    this.pool.control();
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const c = this.c;
    const z = this.z;
    const a1 = c[0] as number;
    const a2 = c[1] as number;
    const a3 = c[2] as number;
    let i1 = z[0] as number;
    let i2 = z[1] as number;
    let j1 = z[2] as number;
    let j2 = z[3] as number;
    let s1 = this.s1;
    let s2 = this.s2;
    let g = this.gBody;
    const d = this.dBody;
    for (let i = start; i < start + n; i++) {
      s1 ^= s1 << 13;
      s1 ^= s1 >>> 17;
      s1 ^= s1 << 5;
      s2 ^= s2 << 13;
      s2 ^= s2 >>> 17;
      s2 ^= s2 << 5;
      let v3 = s1 * 4.656612873077393e-10 - i2;
      let v1 = a1 * i1 + a2 * v3;
      let v2 = i2 + a2 * i1 + a3 * v3;
      i1 = 2 * v1 - i1;
      i2 = 2 * v2 - i2;
      const x = v1;
      v3 = s2 * 4.656612873077393e-10 - j2;
      v1 = a1 * j1 + a2 * v3;
      v2 = j2 + a2 * j1 + a3 * v3;
      j1 = 2 * v1 - j1;
      j2 = 2 * v2 - j2;
      g += d;
      a[i] = x * g;
      b[i] = v1 * g;
    }
    z[0] = i1;
    z[1] = i2;
    z[2] = j1;
    z[3] = j2;
    this.s1 = s1;
    this.s2 = s2;
    this.gBody = g;
    this.pool.render(a, b, start, n);
  }
}

export const stream: GeneratorDef = {
  id: "stream",
  label: "Stream",
  description: "A brook babbling over stones: clusters of little bubbles over moving water.",
  category: "bed",
  channels: 2,
  calibrationDb: 0.2,
  params: [
    { name: "flow", label: "Flow", min: 0, max: 1, default: 0.5, description: "A trickle to a lively rush." },
    {
      name: "size",
      label: "Size",
      min: 0,
      max: 1,
      default: 0.4,
      description: "A narrow brook (high, small bubbles) to a wider stream.",
    },
    {
      name: "brightness",
      label: "Brightness",
      min: 0,
      max: 1,
      default: 0.5,
      description: "Dark and muffled to clear and sparkling.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the water level changes over minutes.",
    },
  ],
  create: (sampleRate, seed) => new StreamVoice(sampleRate, seed),
};
