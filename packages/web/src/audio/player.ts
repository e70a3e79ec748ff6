/**
 * Main-thread controller of the studio's audio: one AudioContext (created on a user gesture),
 * the engine worklet, a fade gain (fade in on play, out on pause/stop), a mute gain, an
 * AnalyserNode tap (level meter and tests), Media Session, the sleep timer and keystroke echoes.
 * Framework-free; React reads it through PlayerProvider (useSyncExternalStore).
 */
import { fromEngineScene, type StudioScene, toEngineScene } from "@meridian/core";
import type { PcmLayer, Scene } from "@meridian/sound";
import type { MediaLayers, MediaSource } from "./mediaLayers";
import { type EngineStats, type FromWorklet, PROCESSOR_NAME, type ToWorklet } from "./protocol";
import workletUrl from "./worklet.ts?worker&url";

export type PlayState = "stopped" | "playing" | "paused";

export interface SleepTimerState {
  /** Epoch ms when the timer ends (silence). */
  readonly endsAt: number;
  readonly fadeSeconds: number;
  readonly fading: boolean;
}

export interface PlayerSnapshot {
  readonly state: PlayState;
  readonly scene: StudioScene | null;
  readonly title: string;
  /** The scene is an experiment's blinded soundscape (TonightPage): the studio must not open or
   * save it. Set by play/setScene with `{ masked: true }`; any other scene clears it. */
  readonly masked: boolean;
  readonly muted: boolean;
  readonly fadeSeconds: number;
  readonly stats: EngineStats | null;
  readonly sleep: SleepTimerState | null;
  /** Keystroke triggers echoed by the worklet. */
  readonly echoes: number;
  /** Median keydown → scheduled in the worklet (ms, one way, epoch clocks), null before any. */
  readonly latencyMs: number | null;
  /** Median keydown → echo back on the main thread (ms, an upper bound of the one-way figure). */
  readonly roundTripMs: number | null;
  readonly error: string | null;
}

export interface SceneOptions {
  /** An experiment's blinded soundscape (see PlayerSnapshot.masked). */
  masked?: boolean;
}

/** A scene in the current format (the engine's version 1 scenes, e.g. built-ins, upgraded). */
export const asStudioScene = (scene: Scene | StudioScene): StudioScene =>
  scene.version === 2 ? scene : fromEngineScene(scene);

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

export class Player {
  private ctx: AudioContext | null = null;
  private moduleLoaded: Promise<void> | null = null;
  private node: AudioWorkletNode | null = null;
  private fade: GainNode | null = null;
  private muteGain: GainNode | null = null;
  private analyser: AnalyserNode | null = null;
  private media: MediaLayers | null = null;
  private mediaCatalog = new Map<string, MediaSource>();
  private listeners = new Set<() => void>();
  private snap: PlayerSnapshot = {
    state: "stopped",
    scene: null,
    title: "",
    masked: false,
    muted: false,
    fadeSeconds: 2,
    stats: null,
    sleep: null,
    echoes: 0,
    latencyMs: null,
    roundTripMs: null,
    error: null,
  };
  private oneWay: number[] = [];
  private roundTrip: number[] = [];
  private nextTriggerId = 1;
  private pendingSent = new Map<number, number>();
  private sleepTick: ReturnType<typeof setInterval> | null = null;
  private op = 0;
  private taps = new Set<(m: FromWorklet) => void>();
  private extraPcm: readonly PcmLayer[] = [];

  get snapshot(): PlayerSnapshot {
    return this.snap;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private set(patch: Partial<PlayerSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  /** Seconds of fade on play, pause and stop (default 2). */
  setFadeSeconds(s: number): void {
    this.set({ fadeSeconds: Math.max(0, Math.min(30, s)) });
  }

  /** The audio context (created on first use — call from a user gesture). */
  private async context(ahead = false): Promise<AudioContext> {
    if (!this.ctx) {
      const ctx = new AudioContext({ latencyHint: "interactive" });
      this.ctx = ctx;
      // Made ahead of Play (prepare): silent until a gesture plays.
      if (ahead && ctx.state === "running") void ctx.suspend();
      this.fade = new GainNode(ctx, { gain: 0 });
      this.muteGain = new GainNode(ctx, { gain: this.snap.muted ? 0 : 1 });
      this.analyser = new AnalyserNode(ctx, { fftSize: 2048, smoothingTimeConstant: 0 });
      this.fade.connect(this.muteGain).connect(this.analyser).connect(ctx.destination);
      const fade = this.fade;
      // Own audio's graph loads with the worklet, not with the first page (it is not needed before Play).
      const media = import("./mediaLayers").then(({ MediaLayers }) => {
        this.media = new MediaLayers(ctx, fade, (message) => this.set({ error: message }));
        this.media.setMasterGain(this.snap.scene?.masterGainDb ?? 0);
      });
      this.moduleLoaded = Promise.all([ctx.audioWorklet.addModule(workletUrl), media]).then(() => {});
    }
    await this.moduleLoaded;
    return this.ctx;
  }

  private post(m: ToWorklet, transfer: Transferable[] = []): void {
    this.node?.port.postMessage(m, transfer);
  }

  /** For the voice streams (voice/, loaded only once a voice is used): worklet messages in
   * (`ready` means a fresh engine), PCM out, and PCM layers the scene lacks (read-back). */
  tap(fn: (m: FromWorklet) => void): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  send(m: ToWorklet, transfer: Transferable[] = []): boolean {
    this.post(m, transfer);
    return this.node !== null;
  }

  setExtraPcm(layers: readonly PcmLayer[]): void {
    this.extraPcm = layers;
    if (this.snap.scene) this.post({ type: "setScene", scene: this.engineScene(this.snap.scene) });
  }

  private engineScene(s: StudioScene): Scene {
    const e = toEngineScene(s);
    return this.extraPcm.length ? { ...e, pcmLayers: [...(e.pcmLayers ?? []), ...this.extraPcm] } : e;
  }

  private async ensureNode(): Promise<AudioWorkletNode> {
    const ctx = await this.context();
    if (this.node) return this.node;
    const node = new AudioWorkletNode(ctx, PROCESSOR_NAME, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      processorOptions: { seed: (Math.random() * 2 ** 32) >>> 0 },
    });
    node.port.onmessage = (e: MessageEvent<FromWorklet>) => this.onMessage(e.data);
    node.onprocessorerror = () => this.set({ error: "The sound engine stopped with an error." });
    node.connect(this.fade as GainNode);
    this.node = node;
    if (this.snap.scene) this.post({ type: "setScene", scene: this.engineScene(this.snap.scene) });
    return node;
  }

  private onMessage(m: FromWorklet): void {
    for (const t of this.taps) t(m);
    if (m.type === "stats") {
      const { type: _t, ...stats } = m;
      this.set({ stats });
    } else if (m.type === "triggered") {
      const keydown = this.pendingSent.get(m.id);
      this.pendingSent.delete(m.id);
      if (m.sentAt > 0) this.oneWay.push(m.scheduledAt - m.sentAt);
      if (keydown !== undefined) this.roundTrip.push(performance.now() - keydown);
      if (this.oneWay.length > 200) this.oneWay.shift();
      if (this.roundTrip.length > 200) this.roundTrip.shift();
      this.set({
        echoes: this.snap.echoes + 1,
        latencyMs: median(this.oneWay),
        roundTripMs: median(this.roundTrip),
      });
    } else if (m.type === "finished") {
      // The engine faded to silence (sleep timer or stop): release it.
      if (this.snap.sleep) this.clearSleep();
      this.dropNode();
      this.media?.clear();
      if (this.snap.state === "playing") void this.settle("stopped");
    } else if (m.type === "error") {
      this.set({ error: m.message });
    }
  }

  private dropNode(): void {
    if (!this.node) return;
    this.node.port.onmessage = null;
    this.node.disconnect();
    this.node = null;
  }

  private async settle(state: PlayState): Promise<void> {
    this.set({ state });
    this.updateMediaSession();
    if (state !== "playing" && this.ctx && this.ctx.state === "running") await this.ctx.suspend();
  }

  private ramp(to: number, seconds: number): number {
    const ctx = this.ctx;
    const g = this.fade?.gain;
    if (!ctx || !g) return 0;
    const now = ctx.currentTime;
    g.cancelScheduledValues(now);
    g.setValueAtTime(g.value, now);
    if (seconds > 0) g.linearRampToValueAtTime(to, now + seconds);
    else g.setValueAtTime(to, now);
    return seconds;
  }

  /** Load the engine before Play (e.g. a voice fills its queue meanwhile): the context stays
   * suspended, so nothing sounds or advances until play() — which then starts at once. */
  async prepare(): Promise<void> {
    try {
      if (this.snap.state === "stopped") await this.context(true);
      await this.ensureNode();
    } catch {
      // play() reports the same failure when it is pressed.
    }
  }

  /** Start (or resume) playing; `scene` replaces the current one. Call from a user gesture. */
  async play(scene?: Scene | StudioScene, title?: string, options?: SceneOptions): Promise<void> {
    const op = ++this.op;
    try {
      if (scene) this.setScene(scene, title, options);
      const ctx = await this.context();
      await this.ensureNode();
      if (ctx.state !== "running") await ctx.resume();
      if (op !== this.op) return;
      this.syncMedia();
      this.ramp(1, this.snap.fadeSeconds);
      // Resumed during the sleep timer's fade: the next tick fades again over the time left.
      const sleep = this.snap.sleep;
      this.set({
        state: "playing",
        error: null,
        ...(sleep?.fading ? { sleep: { ...sleep, fading: false } } : {}),
      });
      this.updateMediaSession();
    } catch (err) {
      this.set({ error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async fadeTo(state: "paused" | "stopped"): Promise<void> {
    const op = ++this.op;
    if (this.snap.state === "stopped" && state === "stopped") return;
    const wait = this.ramp(0, this.snap.state === "playing" ? this.snap.fadeSeconds : 0);
    this.set({ state });
    this.updateMediaSession();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    if (op !== this.op) return;
    if (state === "stopped") {
      this.clearSleep();
      this.dropNode();
      this.media?.clear();
    }
    await this.settle(state);
  }

  pause(): Promise<void> {
    return this.fadeTo("paused");
  }

  stop(): Promise<void> {
    return this.fadeTo("stopped");
  }

  toggle(): Promise<void> {
    return this.snap.state === "playing" ? this.pause() : this.play();
  }

  /** Replace the scene (playing: the engine fades layers in and out, no clicks; own-audio
   * layers start, stop and move on the main thread). */
  setScene(input: Scene | StudioScene, title?: string, options?: SceneOptions): void {
    const scene = asStudioScene(input);
    this.set({ scene, title: title ?? scene.name ?? "Untitled mix", masked: options?.masked ?? false });
    this.post({ type: "setScene", scene: this.engineScene(scene) });
    this.media?.setMasterGain(scene.masterGainDb ?? 0);
    if (this.snap.state !== "stopped") this.syncMedia();
    this.updateMediaSession();
  }

  /** The user's audio files the scene's own-audio layers may use (id → file URL and matched gain). */
  setMediaCatalog(items: ReadonlyArray<{ id: string; url: string; gainDb: number }>): void {
    this.mediaCatalog = new Map(items.map((i) => [i.id, { url: i.url, gainDb: i.gainDb }]));
    if (this.snap.state !== "stopped") this.syncMedia();
  }

  private syncMedia(): void {
    const scene = this.snap.scene;
    if (scene && this.media) this.media.sync(scene, (id) => this.mediaCatalog.get(id) ?? null);
  }

  /** Own-audio layers playing now (ids), and where one is (Web Audio x, y, z) — for tests. */
  mediaPlaying(): string[] {
    return this.media?.playingIds() ?? [];
  }

  mediaPosition(id: string): [number, number, number] | null {
    return this.media?.positionOf(id) ?? null;
  }

  /** The play/pause/sleep fade gain now (0–1). */
  fadeLevel(): number {
    return this.fade?.gain.value ?? 0;
  }

  setLayerParam(layerId: string, name: string, value: number | boolean | string): void {
    this.post({ type: "setLayerParam", layerId, name, value });
  }

  setMasterGain(db: number): void {
    this.post({ type: "setMasterGain", db });
    this.media?.setMasterGain(db);
  }

  setMuted(muted: boolean): void {
    const g = this.muteGain?.gain;
    if (g && this.ctx) g.setTargetAtTime(muted ? 0 : 1, this.ctx.currentTime, 0.03);
    this.set({ muted });
  }

  /**
   * A one-shot through engine.trigger. `keydownAt` (performance.now() time base, e.g. the
   * event's timeStamp) asks the worklet to echo, for the latency figure.
   */
  trigger(kind: string, opts: { strength: number; gainDb?: number; keydownAt?: number }): boolean {
    if (!this.node || this.snap.state !== "playing") return false;
    let id: number | undefined;
    let sentAt: number | undefined;
    if (opts.keydownAt !== undefined) {
      id = this.nextTriggerId++;
      sentAt = performance.timeOrigin + opts.keydownAt;
      this.pendingSent.set(id, opts.keydownAt);
      if (this.pendingSent.size > 500) this.pendingSent.clear();
    }
    const m: ToWorklet = {
      type: "trigger",
      kind,
      strength: opts.strength,
      ...(opts.gainDb !== undefined ? { gainDb: opts.gainDb } : {}),
      ...(id !== undefined ? { id, sentAt } : {}),
    };
    this.post(m);
    return true;
  }

  requestStats(): void {
    this.post({ type: "stats" });
  }

  /** Output level in dBFS (RMS over the analyser window, −Infinity when silent or stopped). */
  level(): number {
    const a = this.analyser;
    if (!a || this.snap.state === "stopped" || this.ctx?.state !== "running") return Number.NEGATIVE_INFINITY;
    const buf = new Float32Array(a.fftSize);
    a.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    const rms = Math.sqrt(sum / buf.length);
    return rms > 0 ? 20 * Math.log10(rms) : Number.NEGATIVE_INFINITY;
  }

  // ---- Sleep timer: wall-clock end (Date.now, so a test clock can drive it). The long fade is
  // a ramp on the fade gain (engine and own audio alike) that starts `fadeSeconds` before the
  // end; extending or cancelling during it ramps back up from wherever the level is (the engine
  // keeps playing underneath, so nothing restarts); at the end the player stops.

  startSleep(minutes: number, fadeSeconds: number): void {
    this.set({ sleep: { endsAt: Date.now() + minutes * 60_000, fadeSeconds, fading: false } });
    if (!this.sleepTick) this.sleepTick = setInterval(() => this.tickSleep(), 1000);
  }

  /** Seconds of the ramp back up when a fading sleep timer is extended or cancelled. */
  static readonly SLEEP_RECOVER_S = 2;

  /** Back to full level from the current one, smoothly (a fading timer was extended or cancelled). */
  private recoverFromSleepFade(): void {
    if (this.snap.state === "playing") this.ramp(1, Player.SLEEP_RECOVER_S);
  }

  extendSleep(minutes: number): void {
    const s = this.snap.sleep;
    if (!s) return;
    if (s.fading) this.recoverFromSleepFade();
    this.set({ sleep: { ...s, endsAt: Math.max(s.endsAt, Date.now()) + minutes * 60_000, fading: false } });
  }

  cancelSleep(): void {
    const s = this.snap.sleep;
    this.clearSleep();
    if (s?.fading) this.recoverFromSleepFade();
  }

  private clearSleep(): void {
    if (this.sleepTick) clearInterval(this.sleepTick);
    this.sleepTick = null;
    if (this.snap.sleep) this.set({ sleep: null });
  }

  /** Called every second (and by tests through the clock). */
  tickSleep(): void {
    const s = this.snap.sleep;
    if (!s) return;
    const left = s.endsAt - Date.now();
    if (left <= 0) {
      // Silence reached (or the page slept through the end): stop.
      this.clearSleep();
      void this.stop();
      return;
    }
    if (this.snap.state !== "playing") return;
    if (!s.fading && left <= s.fadeSeconds * 1000) {
      this.ramp(0, Math.max(0.05, left / 1000));
      this.set({ sleep: { ...s, fading: true } });
    } else {
      this.set({ sleep: { ...s } });
    }
  }

  private mediaHandlersSet = false;

  private updateMediaSession(): void {
    if (typeof navigator === "undefined" || !("mediaSession" in navigator)) return;
    const ms = navigator.mediaSession;
    try {
      if (typeof MediaMetadata !== "undefined" && this.snap.scene) {
        ms.metadata = new MediaMetadata({ title: this.snap.title, artist: "Meridian", album: "Studio" });
      }
      ms.playbackState =
        this.snap.state === "playing" ? "playing" : this.snap.state === "paused" ? "paused" : "none";
      if (!this.mediaHandlersSet) {
        this.mediaHandlersSet = true;
        ms.setActionHandler("play", () => void this.play());
        ms.setActionHandler("pause", () => void this.pause());
        ms.setActionHandler("stop", () => void this.stop());
      }
    } catch {
      // Media Session is a nicety; an unsupported action must not break playback.
    }
  }
}

let instance: Player | null = null;

/** The app-wide player. */
export function getPlayer(): Player {
  if (!instance) {
    instance = new Player();
    // A read-only hook for the level meter in tests and for diagnostics from the console.
    (window as unknown as { __meridianPlayer?: Player }).__meridianPlayer = instance;
  }
  return instance;
}
