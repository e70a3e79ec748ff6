/**
 * Your own audio as a layer: decoded on the main thread, looped with a baked-in crossfade (or
 * played once), placed with an HRTF PannerNode, into the same fade gain as the engine (so play,
 * pause, stop and the sleep timer's stop treat it alike). The engine's scene holds generators only.
 */

export interface MediaLayerSpec {
  readonly id: string;
  readonly url: string;
  readonly loop: boolean;
  readonly gainDb: number;
  readonly azimuth: number;
  readonly distance: number;
}

interface Live {
  spec: MediaLayerSpec;
  source: AudioBufferSourceNode;
  gain: GainNode;
  panner: PannerNode;
}

const CROSSFADE_S = 1.5;

/** A copy of `buf` whose end is crossfaded (equal power) into its start, so it loops without a seam. */
export function crossfadeLoop(ctx: BaseAudioContext, buf: AudioBuffer, seconds = CROSSFADE_S): AudioBuffer {
  const x = Math.min(Math.floor(seconds * buf.sampleRate), Math.floor(buf.length / 3));
  if (x < 16) return buf;
  const n = buf.length - x;
  const out = ctx.createBuffer(buf.numberOfChannels, n, buf.sampleRate);
  for (let c = 0; c < buf.numberOfChannels; c++) {
    const src = buf.getChannelData(c);
    const dst = out.getChannelData(c);
    dst.set(src.subarray(0, n));
    for (let i = 0; i < x; i++) {
      const t = i / x;
      dst[i] = (src[i] ?? 0) * Math.sin((t * Math.PI) / 2) + (src[n + i] ?? 0) * Math.cos((t * Math.PI) / 2);
    }
  }
  return out;
}

function place(p: PannerNode, azimuth: number, distance: number, at: number): void {
  const a = (azimuth * Math.PI) / 180;
  // Web Audio: listener faces −z; +x is right.
  p.positionX.setTargetAtTime(Math.sin(a) * distance, at, 0.05);
  p.positionY.setTargetAtTime(0, at, 0.05);
  p.positionZ.setTargetAtTime(-Math.cos(a) * distance, at, 0.05);
}

export class MediaLayers {
  private live = new Map<string, Live>();
  private buffers = new Map<string, Promise<AudioBuffer>>();

  constructor(
    private readonly ctx: AudioContext,
    private readonly out: AudioNode,
  ) {}

  private load(url: string): Promise<AudioBuffer> {
    let p = this.buffers.get(url);
    if (!p) {
      p = fetch(url, { credentials: "same-origin" })
        .then((r) => {
          if (!r.ok) throw new Error(`could not load the file (${r.status})`);
          return r.arrayBuffer();
        })
        .then((b) => this.ctx.decodeAudioData(b));
      this.buffers.set(url, p);
      p.catch(() => this.buffers.delete(url));
    }
    return p;
  }

  async add(spec: MediaLayerSpec): Promise<void> {
    this.remove(spec.id);
    const decoded = await this.load(spec.url);
    const ctx = this.ctx;
    const source = new AudioBufferSourceNode(ctx, {
      buffer: spec.loop ? crossfadeLoop(ctx, decoded) : decoded,
      loop: spec.loop,
    });
    const gain = new GainNode(ctx, { gain: 0 });
    const panner = new PannerNode(ctx, { panningModel: "HRTF", distanceModel: "inverse", refDistance: 1 });
    place(panner, spec.azimuth, spec.distance, ctx.currentTime);
    source.connect(gain).connect(panner).connect(this.out);
    gain.gain.setTargetAtTime(10 ** (spec.gainDb / 20), ctx.currentTime, 0.3);
    source.start();
    source.onended = () => {
      if (this.live.get(spec.id)?.source === source) this.live.delete(spec.id);
    };
    this.live.set(spec.id, { spec, source, gain, panner });
  }

  update(id: string, patch: Partial<Omit<MediaLayerSpec, "id" | "url" | "loop">>): void {
    const l = this.live.get(id);
    if (!l) return;
    l.spec = { ...l.spec, ...patch };
    const t = this.ctx.currentTime;
    if (patch.gainDb !== undefined) l.gain.gain.setTargetAtTime(10 ** (patch.gainDb / 20), t, 0.05);
    place(l.panner, l.spec.azimuth, l.spec.distance, t);
  }

  /** Fade out (no click) and release. */
  remove(id: string): void {
    const l = this.live.get(id);
    if (!l) return;
    this.live.delete(id);
    const t = this.ctx.currentTime;
    l.gain.gain.setTargetAtTime(0, t, 0.2);
    l.source.stop(t + 1.2);
    l.source.onended = () => l.panner.disconnect();
  }

  /** The sleep timer's long fade, alongside the engine's. */
  fadeAll(seconds: number): void {
    const t = this.ctx.currentTime;
    for (const l of this.live.values()) {
      l.gain.gain.cancelScheduledValues(t);
      l.gain.gain.setValueAtTime(l.gain.gain.value, t);
      l.gain.gain.linearRampToValueAtTime(0, t + seconds);
    }
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  clear(): void {
    for (const id of [...this.live.keys()]) this.remove(id);
  }
}
