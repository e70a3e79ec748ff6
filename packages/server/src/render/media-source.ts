/**
 * Own WAV files in a server render, read from disk in blocks (constant memory), mixed down to
 * mono and looped with the same 1.5 s equal-power crossfade the browser bakes in (or played once).
 *
 * In a render they play through the engine (`feed`): each file streams into an engine PCM layer
 * of the layer's id (the engine converts the rate), so the engine's binaural placement, motion,
 * fades and limiter place it exactly like generator and voice layers — one motion path.
 * `mixInto` is the older direct mix (linear resampling, core's placeAt with a constant-power pan
 * and the Web Audio inverse distance law): the render uses it only for a file the engine can't
 * take (a rate outside 8–192 kHz, or more PCM layers than the engine holds); the loudness
 * measurement of own audio (measure-media.ts) uses it too.
 */
import { type FileHandle, open } from "node:fs/promises";
import { driftPhases, type MediaSceneLayer, placeAt } from "@meridian/core";
import { type Engine, MAX_PCM_RATE, MIN_PCM_RATE, type PcmLayer } from "@meridian/sound";
import { readWavInfo, sampleAt, type WavInfo } from "../media/wav";

/** One own-audio layer of a render: the scene layer, its file and its loudness-matched gain. */
export interface MediaRenderInput {
  layer: MediaSceneLayer;
  /** A WAV file on disk. */
  path: string;
  /** The file's loudness-matched gain in dB (the layer's own gainDb comes on top). */
  matchedGainDb: number;
}

const CROSSFADE_S = 1.5;
/** Source frames read per push, and seconds kept queued in the engine ahead of the render. */
const FEED_BLOCK = 16384;
const FEED_AHEAD_S = 4;
/** Panning is recomputed every this many frames (gains interpolated in between). */
const PAN_STEP = 128;

export class WavLayerSource {
  private readonly phases: readonly number[];
  private readonly gain: number;
  /** Frames of the source (mono). */
  private readonly frames: number;
  /** Crossfade frames baked into the loop (0 when played once). */
  private readonly xfade: number;
  /** Length of one loop cycle in source frames. */
  private readonly cycle: number;
  private readonly ratio: number;
  private pos = 0;
  private raw = new Float32Array(0);
  private mono = new Float32Array(0);
  private bytes: Buffer = Buffer.alloc(0);
  private lastL = 0;
  private lastR = 0;
  private fed = 0;
  private pending = new Float32Array(0);
  private ended = false;

  private constructor(
    private readonly fh: FileHandle,
    private readonly info: WavInfo,
    readonly input: MediaRenderInput,
    outRate: number,
    masterGainDb: number,
  ) {
    const frameBytes = (info.bitsPerSample / 8) * info.channels;
    this.frames = Math.floor(info.dataBytes / frameBytes);
    const x = Math.min(Math.floor(CROSSFADE_S * info.sampleRate), Math.floor(this.frames / 3));
    this.xfade = input.layer.loop && x >= 16 ? x : 0;
    this.cycle = this.frames - this.xfade;
    this.ratio = info.sampleRate / outRate;
    this.gain = 10 ** ((input.matchedGainDb + input.layer.gainDb + masterGainDb) / 20);
    this.phases = driftPhases(input.layer.id);
  }

  /** Opens the file; null when it is not a WAV we can decode (or holds no audio). */
  static async open(
    input: MediaRenderInput,
    outRate: number,
    masterGainDb: number,
  ): Promise<WavLayerSource | null> {
    const fh = await open(input.path, "r");
    try {
      const info = await readWavInfo(fh, (await fh.stat()).size);
      if (!info) {
        await fh.close();
        return null;
      }
      const source = new WavLayerSource(fh, info, input, outRate, masterGainDb);
      if (source.frames < 2) {
        await fh.close();
        return null;
      }
      return source;
    } catch (error) {
      await fh.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /** Whether the engine can play this file through a PCM layer (its rate is one it converts). */
  get engineReady(): boolean {
    return this.info.sampleRate >= MIN_PCM_RATE && this.info.sampleRate <= MAX_PCM_RATE;
  }

  /**
   * The engine PCM layer this file plays through (same id). Its gain is the file's matched gain
   * plus the layer's, less the scene's make-up gain (`makeupDb`), which the engine adds to every
   * layer: own audio is level-matched on its own. The master gain and fades are the engine's.
   */
  pcmLayer(makeupDb: number): PcmLayer {
    const layer = this.input.layer;
    return {
      id: layer.id,
      channels: 1,
      loop: false,
      gainDb: this.input.matchedGainDb + layer.gainDb - makeupDb,
      mute: layer.mute,
      solo: layer.solo,
      position: layer.position,
      motion: layer.motion,
    };
  }

  /**
   * Streams the file into its engine PCM layer until `frames` plus a few seconds are queued,
   * looping (crossfaded) or to its end (then marks end of stream). `pushPcm`'s accepted count is
   * the back-pressure: what did not fit waits for the next call.
   */
  async feed(engine: Engine, frames: number): Promise<void> {
    const id = this.input.layer.id;
    const want = frames + Math.round(FEED_AHEAD_S * engine.sampleRate);
    const loop = this.input.layer.loop;
    while (!this.ended) {
      const status = engine.pcmStatus(id);
      if (!status || status.framesQueued >= want) return;
      if (this.pending.length === 0) {
        if (!loop && this.fed >= this.frames) {
          engine.pushPcm(id, new Float32Array(0), 1, this.info.sampleRate, { endOfStream: true });
          this.ended = true;
          return;
        }
        const count = loop ? FEED_BLOCK : Math.min(FEED_BLOCK, this.frames - this.fed);
        const block = new Float32Array(count);
        await this.readStream(this.fed, count, block);
        this.fed += count;
        if (loop && this.fed >= this.cycle) this.fed -= this.cycle;
        this.pending = block;
      }
      const took = engine.pushPcm(id, this.pending, 1, this.info.sampleRate);
      this.pending = this.pending.subarray(took);
      if (took === 0) return;
    }
  }

  /** Mono source frames [start, start + count) of the file, mixed down. */
  private async readFrames(start: number, count: number, into: Float32Array, at: number): Promise<void> {
    const info = this.info;
    const bps = info.bitsPerSample / 8;
    const frameBytes = bps * info.channels;
    const need = count * frameBytes;
    if (this.bytes.length < need) this.bytes = Buffer.alloc(need);
    const { bytesRead } = await this.fh.read(this.bytes, 0, need, info.dataOffset + start * frameBytes);
    const got = Math.floor(bytesRead / frameBytes);
    const used = Math.min(info.channels, 2);
    for (let i = 0; i < count; i++) {
      let v = 0;
      if (i < got) for (let c = 0; c < used; c++) v += sampleAt(this.bytes, i * frameBytes + c * bps, info);
      into[at + i] = v / used;
    }
  }

  /** `count` frames of the looped (or once-played) stream from cycle position `start`. */
  private async readStream(start: number, count: number, into: Float32Array): Promise<void> {
    let done = 0;
    while (done < count) {
      const q = start + done;
      if (!this.input.layer.loop && q >= this.frames) {
        into.fill(0, done, count);
        return;
      }
      const j = this.input.layer.loop ? q % this.cycle : q;
      const run = Math.min(
        count - done,
        (j < this.xfade ? this.xfade : this.input.layer.loop ? this.cycle : this.frames) - j,
      );
      await this.readFrames(j, run, into, done);
      if (j < this.xfade) {
        // The loop's seam: the start fades in while the tail (past the cycle) fades out.
        if (this.raw.length < run) this.raw = new Float32Array(run);
        await this.readFrames(this.cycle + j, run, this.raw, 0);
        for (let i = 0; i < run; i++) {
          const t = (j + i) / this.xfade;
          into[done + i] =
            (into[done + i] as number) * Math.sin((t * Math.PI) / 2) +
            (this.raw[i] as number) * Math.cos((t * Math.PI) / 2);
        }
      }
      done += run;
    }
  }

  /**
   * Adds `n` frames of this layer to `outL`/`outR`, starting at render frame `frame`;
   * `envelope(f)` is the render's fade gain at frame f (fade-in and final fade).
   */
  async mixInto(
    outL: Float32Array,
    outR: Float32Array,
    n: number,
    frame: number,
    sampleRate: number,
    envelope: (f: number) => number,
  ): Promise<void> {
    const first = Math.floor(this.pos);
    const span = Math.floor(this.pos + n * this.ratio) - first + 2;
    if (this.mono.length < span) this.mono = new Float32Array(span);
    await this.readStream(first, span, this.mono);
    const layer = this.input.layer;
    for (let k = 0; k < n; k += PAN_STEP) {
      const m = Math.min(PAN_STEP, n - k);
      const t = (frame + k + m) / sampleRate;
      const p = placeAt(layer.position, layer.motion, t, this.phases);
      const a = (p.azimuth * Math.PI) / 180;
      // Constant-power pan by the lateral angle; the inverse law (ref 1 m) as the PannerNode.
      const pan = Math.sin(a) * Math.cos((p.elevation * Math.PI) / 180);
      const dist = 1 / Math.max(1, p.distance);
      const g = this.gain * dist * envelope(frame + k + m);
      const gl = g * Math.cos(((pan + 1) * Math.PI) / 4);
      const gr = g * Math.sin(((pan + 1) * Math.PI) / 4);
      for (let i = 0; i < m; i++) {
        const s = this.pos - first;
        const i0 = Math.floor(s);
        const f = s - i0;
        const v = (this.mono[i0] as number) * (1 - f) + (this.mono[i0 + 1] as number) * f;
        const w = (i + 1) / m;
        const l = this.lastL + (gl - this.lastL) * w;
        const r = this.lastR + (gr - this.lastR) * w;
        outL[k + i] = (outL[k + i] as number) + v * l;
        outR[k + i] = (outR[k + i] as number) + v * r;
        this.pos += this.ratio;
      }
      this.lastL = gl;
      this.lastR = gr;
    }
    // Keep the position small in long renders (float precision): whole cycles change nothing.
    if (layer.loop && this.pos >= this.cycle) this.pos -= Math.floor(this.pos / this.cycle) * this.cycle;
  }
}
