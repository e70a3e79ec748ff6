/**
 * The AudioWorkletProcessor: a thin wrapper around the sound engine. Messages are in
 * protocol.ts (documented in docs/audio-protocol.md). Bundled by Vite as its own file
 * (`?worker&url`), loaded with audioWorklet.addModule from the same origin.
 */
import { createEngine } from "@meridian/sound";
import { type FromWorklet, PROCESSOR_NAME, type ProcessorOptions, type ToWorklet } from "./protocol";

// AudioWorkletGlobalScope is not in lib.dom; declare the little that is used.
declare const sampleRate: number;
declare const currentFrame: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

// performance.now is missing in some AudioWorkletGlobalScopes; Date.now (1 ms) averages out over blocks.
const perf = (globalThis as { performance?: { now(): number } }).performance;
const clock: () => number = perf ? () => perf.now() : Date.now;

class EngineProcessor extends AudioWorkletProcessor {
  private readonly engine;
  private readonly statsFrames: number;
  private busyMs = 0;
  private windowFrames = 0;
  private overruns = 0;
  private blocks = 0;
  private triggers = 0;
  private finishedSent = false;
  private pcmIds: readonly string[] = [];

  constructor(options: { processorOptions: ProcessorOptions }) {
    super();
    const o = options.processorOptions;
    this.engine = createEngine({ sampleRate, seed: o.seed });
    if (o.scene) this.handle({ type: "setScene", scene: o.scene });
    this.statsFrames = Math.round(((o.statsIntervalMs ?? 500) / 1000) * sampleRate);
    this.port.onmessage = (e: MessageEvent<ToWorklet>) => this.handle(e.data);
    this.post({ type: "ready", sampleRate });
  }

  private post(m: FromWorklet): void {
    this.port.postMessage(m);
  }

  private handle(m: ToWorklet): void {
    const e = this.engine;
    try {
      if (m.type === "setScene") {
        e.setScene(m.scene);
        this.pcmIds = (m.scene.pcmLayers ?? []).map((l) => l.id);
      } else if (m.type === "pushPcm") {
        const n = e.pushPcm(m.layerId, m.samples, m.channels, m.sampleRate, { endOfStream: m.endOfStream });
        this.pcmStatus(m.layerId, n);
      } else if (m.type === "clearPcm") {
        e.clearPcm(m.layerId);
        this.pcmStatus(m.layerId);
      } else if (m.type === "setLayerParam") e.setLayerParam(m.layerId, m.name, m.value);
      else if (m.type === "setMasterGain") e.setMasterGain(m.db);
      else if (m.type === "fadeOut") e.fadeOut(m.seconds);
      else if (m.type === "stop") e.stop();
      else if (m.type === "stats") this.report();
      else if (m.type === "trigger") {
        const { type: _t, kind, id, sentAt, ...opts } = m;
        const ok = e.trigger(kind, opts);
        this.triggers += ok ? 1 : 0;
        if (id !== undefined)
          this.post({
            type: "triggered",
            id,
            ok,
            sentAt: sentAt ?? 0,
            scheduledAt: Date.now(),
            frame: e.frame,
          });
      }
    } catch (err) {
      this.post({ type: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Where a PCM layer is (after a push: how many frames it took), for feeding and play position. */
  private pcmStatus(layerId: string, accepted?: number): void {
    const s = this.engine.pcmStatus(layerId);
    if (s)
      this.post({
        type: "pcmStatus",
        layerId,
        ...s,
        sampleRate,
        ...(accepted === undefined ? {} : { accepted }),
      });
  }

  private report(): void {
    const audioMs = (this.windowFrames / sampleRate) * 1000;
    this.post({
      type: "stats",
      load: audioMs > 0 ? this.busyMs / audioMs : 0,
      overruns: this.overruns,
      blocks: this.blocks,
      frames: currentFrame,
      triggers: this.triggers,
      sampleRate,
      clock: perf ? "performance" : "date",
    });
    this.busyMs = 0;
    this.windowFrames = 0;
    for (const id of this.pcmIds) this.pcmStatus(id);
  }

  process(_in: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0];
    const l = out?.[0];
    if (!out || !l) return true;
    const r = out[1] ?? l;
    const t0 = clock();
    this.engine.process(l, r, l.length);
    const spent = clock() - t0;
    this.busyMs += spent;
    this.windowFrames += l.length;
    this.blocks += 1;
    // A block that (measurably, beyond the clock's resolution) took longer than its duration.
    if (spent > (l.length / sampleRate) * 1000 + (perf ? 0 : 1)) this.overruns += 1;
    if (this.windowFrames >= this.statsFrames) this.report();
    if (this.engine.finished && !this.finishedSent) {
      this.finishedSent = true;
      this.post({ type: "finished" });
    }
    return true;
  }
}

registerProcessor(PROCESSOR_NAME, EngineProcessor);
