/**
 * The sample source of a PCM layer (speech, own recordings): a preallocated ring of frames at
 * the engine's rate, filled by `push` (any rate: converted by a band-limited StreamResampler,
 * mono or interleaved stereo, up- or down-mixed to the layer's channels) and read by `process`
 * like any generator voice, so the engine places, moves and limits it as it does generator layers.
 *
 * - Back-pressure: `push` accepts only what fits and returns how many input frames it took.
 * - End of stream: once marked and drained the source is `ended` (its last 5 ms are faded).
 * - Loop: with end of stream marked, the whole clip repeats, its end crossfaded (10 ms) into its
 *   start. A clip loops whole when it fits the ring (pushes beyond it are refused in loop mode).
 * - Underrun (queue empty, no end marked) and `clear`: the output decays from its last value to
 *   silence within a few ms, and the next frames fade in over 3 ms: no clicks, never garbage.
 * `process` allocates nothing; `push`, `clear` and the rest run outside it.
 */
import type { GeneratorVoice } from "../generator";
import { type PcmSink, StreamResampler } from "./pcm-resampler";

export interface PcmStatus {
  /** Engine-rate frames played from the queue since the layer started or was last cleared. */
  readonly framesPlayed: number;
  /** Engine-rate frames waiting in the ring. */
  readonly framesQueued: number;
  /** End of stream was marked and everything has played (never true while looping). */
  readonly ended: boolean;
}

export interface PcmPushOptions {
  /** The pushed frames are the last of the stream (an empty push may mark it too). */
  readonly endOfStream?: boolean;
}

export const MIN_PCM_RATE = 8000;
export const MAX_PCM_RATE = 192000;
/** Default ring length in seconds at the engine rate. */
export const DEFAULT_PCM_SECONDS = 30;
export const MAX_PCM_SECONDS = 600;

const FADE_IN_S = 0.003;
const FADE_END_S = 0.005;
const DECAY_S = 0.0015;
const LOOP_XFADE_S = 0.01;

export class PcmSource implements GeneratorVoice, PcmSink {
  readonly channels: 1 | 2;
  loop = false;
  private readonly fs: number;
  private readonly cap: number;
  private readonly ringL: Float32Array;
  private readonly ringR: Float32Array;
  private writePos = 0;
  private readPos = 0;
  private clipStart = 0;
  private eos = false;
  private played = 0;
  private resampler: StreamResampler | null = null;
  private gain = 0;
  private readonly gainStep: number;
  private readonly decay: number;
  private readonly xfade: number;
  private lastL = 0;
  private lastR = 0;
  private tailL = 0;
  private tailR = 0;
  private starved = true;

  constructor(sampleRate: number, channels: 1 | 2, seconds = DEFAULT_PCM_SECONDS) {
    this.fs = sampleRate;
    this.channels = channels;
    this.cap = Math.max(1024, Math.round(Math.min(seconds, MAX_PCM_SECONDS) * sampleRate));
    this.ringL = new Float32Array(this.cap);
    this.ringR = channels === 2 ? new Float32Array(this.cap) : this.ringL;
    this.gainStep = 1 / (FADE_IN_S * sampleRate);
    this.decay = Math.exp(-1 / (DECAY_S * sampleRate));
    this.xfade = Math.round(LOOP_XFADE_S * sampleRate);
  }

  /** Ring capacity in engine-rate frames. */
  get capacity(): number {
    return this.cap;
  }

  status(): PcmStatus {
    return {
      framesPlayed: this.played,
      framesQueued: this.writePos - this.readPos,
      ended: this.eos && !this.loop && this.readPos >= this.writePos,
    };
  }

  /** Drop everything queued (skip, replay): the output decays to silence within a few ms. */
  clear(): void {
    this.readPos = this.writePos;
    this.clipStart = this.writePos;
    this.eos = false;
    this.played = 0;
    this.resampler = null;
    this.tailL = this.lastL;
    this.tailR = this.lastR;
    this.starved = true;
    this.gain = 0;
  }

  /** Frames the ring can still take (PcmSink). */
  space(): number {
    return this.cap - (this.writePos - (this.loop ? this.clipStart : this.readPos));
  }

  /** Append one frame (PcmSink); the caller has checked `space`. */
  write(l: number, r: number): void {
    const i = this.writePos % this.cap;
    if (this.channels === 2) {
      this.ringL[i] = l;
      this.ringR[i] = r;
    } else {
      this.ringL[i] = 0.5 * (l + r);
    }
    this.writePos++;
    if (this.writePos - this.clipStart > this.cap) this.clipStart = this.writePos - this.cap;
  }

  /**
   * Queue `samples` (mono, or interleaved stereo) at `sampleRate`; returns the input frames
   * accepted (fewer when the ring is full). End of stream takes effect with the push that
   * delivers the stream's last frame.
   */
  push(samples: Float32Array, channels: 1 | 2, sampleRate: number, options: PcmPushOptions = {}): number {
    if (channels !== 1 && channels !== 2)
      throw new Error(`channels: expected 1 or 2, got ${String(channels)}`);
    if (!Number.isFinite(sampleRate) || sampleRate < MIN_PCM_RATE || sampleRate > MAX_PCM_RATE) {
      throw new Error(`sampleRate: expected ${MIN_PCM_RATE}–${MAX_PCM_RATE} Hz, got ${sampleRate}`);
    }
    if (samples.length % channels !== 0) {
      throw new Error(
        `samples: ${samples.length} values is not a whole number of ${channels}-channel frames`,
      );
    }
    for (let i = 0; i < samples.length; i++) {
      // One NaN would stay in the placement filters' state and silence the whole mix.
      if (!Number.isFinite(samples[i] as number)) throw new Error(`samples[${i}]: not a finite number`);
    }
    if (this.eos) {
      // A new stream after an ended one: it queues behind what is left and loops on its own.
      this.eos = false;
      this.resampler = null;
      this.clipStart = this.loop ? this.readPos : this.clipStart;
      if (this.readPos >= this.writePos) this.clipStart = this.writePos;
    }
    const frames = samples.length / channels;
    const end = options.endOfStream === true;
    let l: Float32Array;
    let r: Float32Array;
    if (channels === 1) {
      l = samples;
      r = samples;
    } else {
      l = new Float32Array(frames);
      r = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        l[i] = samples[2 * i] as number;
        r[i] = samples[2 * i + 1] as number;
      }
    }
    let accepted: number;
    if (sampleRate === this.fs) {
      this.resampler = null;
      accepted = Math.min(frames, Math.max(0, this.space()));
      for (let i = 0; i < accepted; i++) this.write(l[i] as number, r[i] as number);
    } else {
      if (this.resampler === null || this.resampler.inRate !== sampleRate) {
        this.resampler = new StreamResampler(sampleRate, this.fs);
      }
      accepted = this.resampler.acceptable(frames, Math.max(0, this.space()), end);
      this.resampler.push(l, r, 0, accepted, end && accepted === frames, this);
    }
    if (end && accepted === frames) this.markEnd();
    return accepted;
  }

  private markEnd(): void {
    this.eos = true;
    this.resampler = null;
    if (this.loop) return;
    const n = Math.round(FADE_END_S * this.fs);
    const from = Math.max(this.readPos, this.writePos - n);
    for (let p = from; p < this.writePos; p++) {
      const g = 0.5 - 0.5 * Math.cos((Math.PI * (this.writePos - p)) / n);
      const i = p % this.cap;
      this.ringL[i] = (this.ringL[i] as number) * g;
      if (this.channels === 2) this.ringR[i] = (this.ringR[i] as number) * g;
    }
  }

  setParam(): void {}

  process(a: Float32Array, b: Float32Array, offset: number, frames: number): void {
    const cap = this.cap;
    const ringL = this.ringL;
    const ringR = this.ringR;
    const stereo = this.channels === 2;
    for (let k = offset; k < offset + frames; k++) {
      let l = 0;
      let r = 0;
      const looping = this.loop && this.eos;
      if (looping && this.readPos >= this.writePos && this.writePos > this.clipStart) {
        this.readPos = this.clipStart;
      }
      if (this.readPos < this.writePos) {
        const i = this.readPos % cap;
        l = ringL[i] as number;
        r = ringR[i] as number;
        const len = this.writePos - this.clipStart;
        const x = this.xfade;
        if (looping && len > 4 * x && this.readPos >= this.writePos - x) {
          // Loop seam: the clip's last `x` frames crossfade into its first `x`.
          const into = this.readPos - (this.writePos - x);
          const t = (into + 0.5) / x;
          const j = (this.clipStart + into) % cap;
          l = l * (1 - t) + (ringL[j] as number) * t;
          r = r * (1 - t) + (ringR[j] as number) * t;
        }
        this.readPos++;
        this.played++;
        this.starved = false;
        if (looping && len > 4 * x && this.readPos >= this.writePos) this.readPos = this.clipStart + x;
        if (this.gain < 1) {
          const g = this.gain + this.gainStep;
          this.gain = Math.min(g, 1);
          l *= this.gain;
          r *= this.gain;
        }
      } else {
        this.gain = 0;
        if (!this.starved) {
          // Underrun: what was playing decays from its last value.
          this.starved = true;
          this.tailL = this.lastL;
          this.tailR = this.lastR;
        }
      }
      if (this.tailL !== 0 || this.tailR !== 0) {
        this.tailL *= this.decay;
        this.tailR *= this.decay;
        if (Math.abs(this.tailL) < 1e-9 && Math.abs(this.tailR) < 1e-9) {
          this.tailL = 0;
          this.tailR = 0;
        }
        l += this.tailL;
        r += this.tailR;
      }
      this.lastL = l;
      this.lastR = r;
      a[k] = l;
      if (stereo) b[k] = r;
    }
  }
}
