/**
 * One speech stream into one of the engine's PCM layers: sentences from the voice Worker
 * (client.ts), pushed to the worklet with back-pressure (about 12–20 s queued in the layer's
 * ring, at most ~25 s synthesised ahead), and the play position read back from the worklet's
 * `pcmStatus` (sentence n of N, elapsed of an estimated total). Skip and replay clear the layer
 * and reopen the stream at another sentence; a fresh engine (stop, then play) resumes at the
 * sentence that was playing.
 */
import { VOICE_PCM_BUFFER_SECONDS } from "@meridian/core";
import type { Player } from "../audio/player";
import type { FromWorklet } from "../audio/protocol";
import { openVoiceStream, type VoiceStreamHandle } from "./client";
import type { StreamOptions, VoiceSource } from "./protocol";

/** loading: the engine or the first sentence is being prepared; ready: the first sentence waits
 * for the engine (Play); playing: the layer has sounded since it was (re)opened. */
export type FeedState = "loading" | "ready" | "playing" | "ended" | "error";

export interface FeedStatus {
  readonly state: FeedState;
  /** Sentence playing now, 0-based. */
  readonly sentence: number;
  /** Sentences in all (null: endless or not known yet). */
  readonly count: number | null;
  readonly elapsedSeconds: number;
  readonly totalSeconds: number | null;
  readonly error: string | null;
}

/** Push while the layer holds less than LOW seconds (so ~LOW plus a sentence, ≤ 20 s, is queued);
 * synthesise at most AHEAD seconds ahead of what is playing. */
const LOW_S = 14;
const AHEAD_S = 25;
/** Seconds a voice layer's ring holds (core's voicePcmLayer; read-back uses the same). */
const RING_S = VOICE_PCM_BUFFER_SECONDS;

interface Chunk {
  index: number;
  samples: Float32Array;
  sampleRate: number;
  /** The sentence's first chunk (its start marks the sentence). */
  first: boolean;
}

/** Sentences go to the worklet in pieces this long: the audio thread converts each push at
 * once, so small pushes keep it from stalling (and the first piece sounds sooner). */
const CHUNK_S = 0.5;

interface Mark {
  readonly index: number;
  /** Input frames pushed before this sentence since the layer was last cleared. */
  readonly start: number;
}

export class VoiceFeed {
  private handle: VoiceStreamHandle | null = null;
  private local: Chunk[] = [];
  private pending = false;
  private inFlight: Chunk | null = null;
  private workerDone = false;
  private eosSent = false;
  private marks: Mark[] = [];
  private pushedFrames = 0;
  private inRate = 16_000;
  private queuedS = 0;
  private playedFrames = 0;
  private from = 0;
  private baseSeconds = 0;
  private readonly untap: () => void;
  private listeners = new Set<() => void>();
  private st: FeedStatus = {
    state: "loading",
    sentence: 0,
    count: null,
    elapsedSeconds: 0,
    totalSeconds: null,
    error: null,
  };

  constructor(
    private readonly player: Player,
    readonly layerId: string,
    private readonly source: VoiceSource,
    private options: Omit<StreamOptions, "from">,
    from = 0,
  ) {
    this.untap = player.tap((m) => this.onWorklet(m));
    this.open(from);
  }

  get status(): FeedStatus {
    return this.st;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<FeedStatus>): void {
    this.st = { ...this.st, ...patch };
    for (const l of this.listeners) l();
  }

  private open(from: number): void {
    this.handle?.close();
    this.local = [];
    this.pending = false;
    this.inFlight = null;
    this.workerDone = false;
    this.eosSent = false;
    this.marks = [];
    this.pushedFrames = 0;
    this.playedFrames = 0;
    this.queuedS = 0;
    this.from = from;
    const count = this.st.count;
    const total = this.st.totalSeconds;
    this.baseSeconds = count && total ? (total * from) / count : 0;
    this.set({ state: "loading", sentence: from, elapsedSeconds: this.baseSeconds, error: null });
    this.handle = openVoiceStream(
      this.source,
      { ...this.options, from },
      {
        opened: (n, seconds) => {
          this.baseSeconds = n && seconds ? (seconds * from) / n : 0;
          this.set({ count: n, totalSeconds: seconds, elapsedSeconds: this.baseSeconds });
        },
        sentence: (index, samples, sampleRate) => {
          this.pending = false;
          this.inRate = sampleRate;
          const step = Math.round(CHUNK_S * sampleRate);
          for (let i = 0; i < samples.length; i += step) {
            // slice, not subarray: a posted view would carry its whole buffer.
            this.local.push({ index, samples: samples.slice(i, i + step), sampleRate, first: i === 0 });
          }
          if (this.st.state === "loading") this.set({ state: "ready" });
          this.pump();
        },
        end: () => {
          this.pending = false;
          this.workerDone = true;
          this.pump();
        },
        error: (message) => {
          this.pending = false;
          this.set({ state: "error", error: message });
        },
      },
    );
    this.pump();
  }

  private localSeconds(): number {
    return this.local.reduce((s, c) => s + c.samples.length / c.sampleRate, 0);
  }

  /** Push what the layer has room for (one push in flight: its answer says what was taken),
   * then ask the Worker for more if little is ahead. */
  private pump(): void {
    if (this.st.state === "error") return;
    const c = this.local[0];
    if (!this.inFlight && c) {
      const seconds = c.samples.length / c.sampleRate;
      if (this.queuedS < LOW_S && (this.queuedS === 0 || this.queuedS + seconds <= RING_S - 2)) {
        const m = {
          type: "pushPcm",
          layerId: this.layerId,
          samples: c.samples,
          channels: 1,
          sampleRate: c.sampleRate,
        } as const;
        if (this.player.send(m)) {
          this.local.shift();
          this.inFlight = c;
          if (c.first) this.marks.push({ index: c.index, start: this.pushedFrames });
          if (this.marks.length > 64) this.marks.shift();
          this.pushedFrames += c.samples.length;
          this.queuedS += seconds;
        }
      }
    }
    if (!this.inFlight && this.workerDone && this.local.length === 0 && !this.eosSent) {
      const m = {
        type: "pushPcm",
        layerId: this.layerId,
        samples: new Float32Array(0),
        channels: 1,
        sampleRate: this.inRate,
        endOfStream: true,
      } as const;
      if (this.player.send(m)) this.eosSent = true;
    }
    if (!this.pending && !this.workerDone && this.queuedS + this.localSeconds() < AHEAD_S) {
      this.pending = true;
      this.handle?.pull();
    }
  }

  private onWorklet(m: FromWorklet): void {
    if (m.type === "ready") {
      // A fresh engine: what the old one held is gone. Resume at the sentence that was playing.
      if (this.pushedFrames > 0 || this.eosSent) this.open(this.st.sentence);
      else this.pump();
      return;
    }
    if (m.type !== "pcmStatus" || m.layerId !== this.layerId) return;
    const sent = this.inFlight;
    if (m.accepted !== undefined && sent) {
      this.inFlight = null;
      // The ring refused the end of the push: keep it for the next one.
      if (m.accepted < sent.samples.length) {
        this.pushedFrames -= sent.samples.length - m.accepted;
        this.local.unshift({ ...sent, samples: sent.samples.slice(m.accepted), first: false });
      }
    }
    this.queuedS = m.framesQueued / m.sampleRate;
    this.playedFrames = (m.framesPlayed * this.inRate) / m.sampleRate;
    let sentence = this.from;
    for (const k of this.marks) if (k.start <= this.playedFrames) sentence = k.index;
    const heard = m.framesPlayed > 0;
    this.set({
      state: m.ended ? "ended" : heard && this.st.state !== "error" ? "playing" : this.st.state,
      sentence,
      elapsedSeconds: this.baseSeconds + this.playedFrames / this.inRate,
    });
    this.pump();
  }

  /** Jump to a sentence (skip forward, replay): the layer is cleared, the stream reopened there. */
  seek(sentence: number): void {
    const count = this.st.count;
    const to = Math.max(0, count === null ? sentence : Math.min(count - 1, sentence));
    this.player.send({ type: "clearPcm", layerId: this.layerId });
    this.open(to);
  }

  /** New style or rate: resume at the sentence playing now. */
  restyle(options: Omit<StreamOptions, "from">): void {
    this.options = options;
    this.seek(this.st.sentence);
  }

  close(): void {
    this.untap();
    this.handle?.close();
    this.handle = null;
    this.player.send({ type: "clearPcm", layerId: this.layerId });
    this.listeners.clear();
  }
}
