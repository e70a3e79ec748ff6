/**
 * Stream: a babbling brook. Many small bubbles (Minnaert resonances that rise in pitch as they
 * close) arrive in turbulent clusters over a soft band-limited water body. "Size" moves from a
 * trickling brook (small, high bubbles) to a wider stream (deeper, fuller); "brightness" tilts
 * the body. Bubbles are scattered across the stereo pair.
 */
import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { BAND_GAIN, BAND_STATE, BAND_STEP, bandNoisePair, StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { SVF_F, SVF_LENGTH, SVF_Q, svfCoefs } from "../dsp/svf";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";
import { Presence } from "./presence";

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
  // Event bodies run from their own methods with inputs in fields: in `control` these rarely
  // taken paths would not be inlined, and each double returned by an Rng call would be boxed.
  private evRate = 0;
  private evPitch = 0;
  private readonly k: number;
  private nextBubble = 0;
  private readonly noise: StereoNoise;
  private readonly c = new Float64Array(SVF_LENGTH);
  private readonly z = new Float64Array(BAND_STATE);

  /** Under 20 Hz out (dsp/subsonic.ts): the grains' kicks all start positive, so they carry DC. */
  private readonly subsonic: Subsonic;
  /** The near ear's lift the equalised head model no longer gives (presence.ts). */
  private readonly presence: Presence;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.rng = new Rng(seed);
    this.subsonic = new Subsonic(sampleRate);
    this.presence = new Presence(sampleRate);
    this.pool = new ResonatorPool(sampleRate, 32, new Rng(this.rng.fork(1)));
    this.turbulence = new Wander(new Rng(this.rng.fork(2)), 0.2, 1.2, this.dt);
    this.seasons = new Wander(new Rng(this.rng.fork(3)), 40, 150, this.dt);
    this.noise = new StereoNoise(this.rng);
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
    this.subsonic.flush();
    this.presence.flush();
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
    this.c[SVF_F] = (350 + 900 * this.brightness) * (1.2 - 0.5 * this.size);
    this.c[SVF_Q] = 0.6;
    svfCoefs(this.c, this.sampleRate);
    this.z[BAND_STEP] = ((0.05 + 0.25 * flow) * (0.8 + 0.2 * turb) - (this.z[BAND_GAIN] as number)) / 32;
    this.evRate = (20 + 260 * flow) * turb * turb;
    this.evPitch = 1.6 - 0.9 * this.size;
    this.nextBubble -= dt;
    while (this.nextBubble <= 0) this.bubble();
    this.pool.control();
  }

  /** One bubble, and the wait until the next. */
  private bubble(): void {
    const rng = this.rng;
    const pitch = this.evPitch;
    const r = rng.float();
    const f = 380 * 7 ** r * pitch;
    const amp = Math.min(0.5, 0.04 * (1 - rng.float()) ** -0.5) * (1.3 - 0.6 * r);
    const next = this.pool.next;
    next[FREQ] = f;
    next[DECAY] = rng.range(0.008, 0.03);
    next[KICK] = amp;
    next[BURST] = 0;
    next[BURST_TIME] = 0;
    next[GLIDE] = rng.range(1.6, 4);
    next[PAN] = rng.float();
    this.pool.start();
    this.nextBubble += rng.exponential(this.evRate);
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    bandNoisePair(this.noise, this.c, this.z, a, b, start, n);
    this.pool.render(a, b, start, n);
    this.subsonic.run(a, b, start, n);
    this.presence.run(a, b, start, n);
  }
}

export const stream: GeneratorDef = {
  id: "stream",
  label: "Stream",
  description: "A brook babbling over stones: clusters of little bubbles over moving water.",
  category: "bed",
  channels: 2,
  calibrationDb: -2.1,
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
