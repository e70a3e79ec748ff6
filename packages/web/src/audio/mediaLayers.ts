/**
 * Your own audio files as layers of the scene (`scene.mediaLayers`, core's scene format 2):
 * decoded on the main thread, looped with a baked-in crossfade (or played once), placed with an
 * HRTF PannerNode whose position follows the layer's motion (core's placeAt, scheduled about a
 * second ahead so a throttled timer never leaves a gap), into a bus (the master volume) that
 * feeds the same fade gain as the engine, so play, pause, stop and the sleep timer treat it alike.
 */
import {
  driftPhases,
  type MediaSceneLayer,
  mediaLayerAudible,
  placeAt,
  type StudioScene,
} from "@meridian/core";

/** What the library says about a file: where to fetch it and its loudness-matched gain. */
export interface MediaSource {
  readonly url: string;
  readonly gainDb: number;
}

interface Live {
  layer: MediaSceneLayer;
  url: string;
  source: AudioBufferSourceNode;
  gain: GainNode;
  panner: PannerNode;
  phases: readonly number[];
  /** Context time the layer's motion clock started. */
  t0: number;
  /** Context time up to which positions are scheduled. */
  until: number;
}

const CROSSFADE_S = 1.5;
const AHEAD_S = 1.2;
const STEP_S = 0.05;

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

/** Web Audio coordinates (listener faces −z, +x right, +y up) of a place around the head. */
export function toCartesian(azimuth: number, elevation: number, distance: number): [number, number, number] {
  const a = (azimuth * Math.PI) / 180;
  const e = (elevation * Math.PI) / 180;
  return [
    Math.sin(a) * Math.cos(e) * distance,
    Math.sin(e) * distance,
    -Math.cos(a) * Math.cos(e) * distance,
  ];
}

const sameMotion = (a: MediaSceneLayer, b: MediaSceneLayer) =>
  JSON.stringify([a.position, a.motion]) === JSON.stringify([b.position, b.motion]);

export class MediaLayers {
  private live = new Map<string, Live>();
  private buffers = new Map<string, Promise<AudioBuffer>>();
  private pending = new Map<string, number>();
  private tick: ReturnType<typeof setInterval> | null = null;
  private generation = 0;
  /** The bus all layers feed: the master volume of own audio. */
  readonly bus: GainNode;

  constructor(
    private readonly ctx: AudioContext,
    out: AudioNode,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.bus = new GainNode(ctx, { gain: 1 });
    this.bus.connect(out);
  }

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

  setMasterGain(db: number): void {
    this.bus.gain.setTargetAtTime(10 ** (db / 20), this.ctx.currentTime, 0.03);
  }

  /**
   * Brings the playing layers in line with the scene: starts new ones (fading in), fades out
   * removed ones, follows gain, mute/solo, loop, place and motion changes. `resolve` gives a
   * layer's file, or null when it is not in this user's library (the layer stays silent).
   */
  sync(scene: StudioScene, resolve: (mediaId: string) => MediaSource | null): void {
    const wanted = new Set(scene.mediaLayers.map((l) => l.id));
    for (const id of [...this.live.keys()]) if (!wanted.has(id)) this.remove(id);
    for (const layer of scene.mediaLayers) {
      const src = resolve(layer.mediaId);
      const l = this.live.get(layer.id);
      if (!src) {
        if (l) this.remove(layer.id);
        continue;
      }
      const level = mediaLayerAudible(layer, scene) ? 10 ** ((src.gainDb + layer.gainDb) / 20) : 0;
      if (l && (l.url !== src.url || l.layer.loop !== layer.loop)) this.remove(layer.id);
      const cur = this.live.get(layer.id);
      if (!cur) {
        void this.start(layer, src, level);
        continue;
      }
      const t = this.ctx.currentTime;
      cur.gain.gain.setTargetAtTime(level, t, 0.05);
      if (!sameMotion(cur.layer, layer)) {
        cur.layer = layer;
        this.reschedule(cur, true);
      } else cur.layer = layer;
    }
    this.ensureTick();
  }

  private async start(layer: MediaSceneLayer, src: MediaSource, level: number): Promise<void> {
    const gen = this.generation;
    const token = (this.pending.get(layer.id) ?? 0) + 1;
    this.pending.set(layer.id, token);
    let decoded: AudioBuffer;
    try {
      decoded = await this.load(src.url);
    } catch (err) {
      this.onError(
        `Could not play “${layer.name ?? layer.id}”: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    // Superseded (removed, restarted or cleared) while loading.
    if (gen !== this.generation || this.pending.get(layer.id) !== token || this.live.has(layer.id)) return;
    this.pending.delete(layer.id);
    const ctx = this.ctx;
    const source = new AudioBufferSourceNode(ctx, {
      buffer: layer.loop ? crossfadeLoop(ctx, decoded) : decoded,
      loop: layer.loop,
    });
    const gain = new GainNode(ctx, { gain: 0 });
    const panner = new PannerNode(ctx, { panningModel: "HRTF", distanceModel: "inverse", refDistance: 1 });
    source.connect(gain).connect(panner).connect(this.bus);
    const t = ctx.currentTime;
    gain.gain.setTargetAtTime(level, t, 0.3);
    const live: Live = {
      layer,
      url: src.url,
      source,
      gain,
      panner,
      phases: driftPhases(layer.id),
      t0: t,
      until: t,
    };
    this.reschedule(live, true);
    source.start();
    source.onended = () => {
      if (this.live.get(layer.id)?.source === source) this.live.delete(layer.id);
    };
    this.live.set(layer.id, live);
  }

  /** Schedules the panner's path ~1 s ahead; `fresh` drops what was scheduled (a change). */
  private reschedule(l: Live, fresh: boolean): void {
    const now = this.ctx.currentTime;
    const p = l.panner;
    const params = [p.positionX, p.positionY, p.positionZ];
    let from = l.until;
    if (fresh || from < now) {
      const here = placeAt(l.layer.position, l.layer.motion, now - l.t0, l.phases);
      const xyz = toCartesian(here.azimuth, here.elevation, here.distance);
      for (const [i, a] of params.entries()) {
        a.cancelScheduledValues(now);
        // A moved dot glides there (no jump); a path continues from where it is.
        if (fresh && l.until > l.t0) a.setTargetAtTime(xyz[i] as number, now, 0.05);
        else a.setValueAtTime(xyz[i] as number, now);
      }
      from = now + (fresh && l.until > l.t0 ? 0.2 : 0);
      if (l.layer.motion.kind === "static") {
        l.until = now + 3600;
        return;
      }
    }
    if (l.layer.motion.kind === "static") return;
    for (let t = from + STEP_S; t <= now + AHEAD_S; t += STEP_S) {
      const at = placeAt(l.layer.position, l.layer.motion, t - l.t0, l.phases);
      const xyz = toCartesian(at.azimuth, at.elevation, at.distance);
      for (const [i, a] of params.entries()) a.linearRampToValueAtTime(xyz[i] as number, t);
      l.until = t;
    }
  }

  private ensureTick(): void {
    if (this.tick || this.live.size + this.pending.size === 0) return;
    this.tick = setInterval(() => {
      for (const l of this.live.values()) this.reschedule(l, false);
      if (this.live.size + this.pending.size === 0 && this.tick) {
        clearInterval(this.tick);
        this.tick = null;
      }
    }, 250);
  }

  /** Where a playing layer's panner is now (tests and diagnostics), or null. */
  positionOf(id: string): [number, number, number] | null {
    const p = this.live.get(id)?.panner;
    return p ? [p.positionX.value, p.positionY.value, p.positionZ.value] : null;
  }

  playingIds(): string[] {
    return [...this.live.keys()];
  }

  /** Fade out (no click) and release. */
  remove(id: string): void {
    this.pending.delete(id);
    const l = this.live.get(id);
    if (!l) return;
    this.live.delete(id);
    const t = this.ctx.currentTime;
    l.gain.gain.cancelScheduledValues(t);
    l.gain.gain.setValueAtTime(l.gain.gain.value, t);
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
    this.generation++;
    this.pending.clear();
    for (const id of [...this.live.keys()]) this.remove(id);
  }
}
