import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Player } from "../audio/player";
import type { FromWorklet, ToWorklet } from "../audio/protocol";
import type { StreamHandlers } from "./client";

// The Worker is replaced by a scripted stream: the test hands out sentences as the feed pulls.
const streams: { from: number; handlers: StreamHandlers; pulls: number; closed: boolean }[] = [];
vi.mock("./client", () => ({
  openVoiceStream: (_source: unknown, options: { from: number }, handlers: StreamHandlers) => {
    const s = { from: options.from, handlers, pulls: 0, closed: false };
    streams.push(s);
    return {
      pull: () => {
        s.pulls++;
      },
      close: () => {
        s.closed = true;
      },
    };
  },
}));

const { VoiceFeed } = await import("./feed");

const IN_RATE = 16_000;
const ENGINE_RATE = 48_000;

/** The player's side the feed uses: worklet messages in (tap), messages out (send). */
function fakePlayer() {
  const sent: ToWorklet[] = [];
  let tap: ((m: FromWorklet) => void) | null = null;
  let engine = true;
  const player = {
    tap: (fn: (m: FromWorklet) => void) => {
      tap = fn;
      return () => {
        tap = null;
      };
    },
    send: (m: ToWorklet) => {
      if (engine) sent.push(m);
      return engine;
    },
  } as unknown as Player;
  const status = (layerId: string, played: number, queued: number, accepted?: number) =>
    tap?.({
      type: "pcmStatus",
      layerId,
      framesPlayed: played,
      framesQueued: queued,
      ended: false,
      sampleRate: ENGINE_RATE,
      ...(accepted === undefined ? {} : { accepted }),
    });
  return {
    player,
    sent,
    status,
    ready: () => tap?.({ type: "ready", sampleRate: ENGINE_RATE }),
    setEngine: (on: boolean) => {
      engine = on;
    },
  };
}

const pushes = (sent: ToWorklet[]) => sent.filter((m) => m.type === "pushPcm");
const seconds = (s: number) => new Float32Array(Math.round(s * IN_RATE));
const sentence = (index: number, s: number) => streams.at(-1)?.handlers.sentence(index, seconds(s), IN_RATE);

beforeEach(() => {
  streams.length = 0;
});

describe("VoiceFeed", () => {
  it("pushes half-second pieces one at a time, each after the last was answered", () => {
    const p = fakePlayer();
    new VoiceFeed(p.player, "voice-1", { kind: "text", text: "x" }, { style: "soft", rateWpm: 130, seed: 1 });
    expect(streams[0]?.pulls).toBe(1);
    sentence(0, 1.2);
    expect(pushes(p.sent)).toHaveLength(1);
    const first = pushes(p.sent)[0];
    expect(first?.type === "pushPcm" && first.samples.length).toBe(8000);
    p.status("voice-1", 0, 24_000, 8000);
    p.status("voice-1", 0, 48_000, 8000);
    p.status("voice-1", 0, 57_600, 3200);
    expect(pushes(p.sent).map((m) => (m.type === "pushPcm" ? m.samples.length : 0))).toEqual([
      8000, 8000, 3200,
    ]);
  });

  it("keeps about 14 s queued in the layer and at most 25 s made ahead", () => {
    const p = fakePlayer();
    new VoiceFeed(p.player, "voice-1", { kind: "text", text: "x" }, { style: "soft", rateWpm: 130, seed: 1 });
    const stream = streams[0];
    // The layer already holds 14 s: nothing more is pushed, though sentences keep coming.
    p.status("voice-1", 0, 14 * ENGINE_RATE);
    for (let i = 0; i < 5 && (stream?.pulls ?? 0) > i; i++) sentence(i, 3);
    expect(pushes(p.sent)).toHaveLength(0);
    // 14 s queued + 9 s here < 25: one more pull; at 14 + 12 s it stops asking.
    expect(stream?.pulls).toBe(4);
    // The layer drains below 14 s: pieces flow again.
    p.status("voice-1", 2 * ENGINE_RATE, 12 * ENGINE_RATE);
    expect(pushes(p.sent)).toHaveLength(1);
  });

  it("puts back what the ring refused", () => {
    const p = fakePlayer();
    new VoiceFeed(p.player, "voice-1", { kind: "text", text: "x" }, { style: "soft", rateWpm: 130, seed: 1 });
    sentence(0, 0.5);
    p.status("voice-1", 0, 0, 3000);
    const again = pushes(p.sent)[1];
    expect(again?.type === "pushPcm" && again.samples.length).toBe(5000);
  });

  it("reads the sentence playing from the frames played, and seeks by clearing and reopening", () => {
    const p = fakePlayer();
    const feed = new VoiceFeed(
      p.player,
      "voice-1",
      { kind: "text", text: "x" },
      { style: "soft", rateWpm: 130, seed: 1 },
    );
    streams[0]?.handlers.opened(10, 100);
    sentence(0, 0.5);
    p.status("voice-1", 0, 24_000, 8000);
    sentence(1, 0.5);
    p.status("voice-1", 100, 48_000, 8000);
    expect(feed.status).toMatchObject({ sentence: 0, state: "playing", count: 10 });
    p.status("voice-1", 30_000, 18_000);
    expect(feed.status.sentence).toBe(1);
    expect(feed.status.elapsedSeconds).toBeCloseTo(30_000 / ENGINE_RATE, 5);

    feed.seek(5);
    expect(p.sent.at(-1)).toEqual({ type: "clearPcm", layerId: "voice-1" });
    expect(streams[0]?.closed).toBe(true);
    expect(streams[1]?.from).toBe(5);
    expect(feed.status).toMatchObject({ sentence: 5, state: "loading", elapsedSeconds: 50 });
  });

  it("waits for an engine, and resumes at the sentence playing when a fresh one starts", () => {
    const p = fakePlayer();
    p.setEngine(false);
    const feed = new VoiceFeed(
      p.player,
      "voice-1",
      { kind: "text", text: "x" },
      { style: "soft", rateWpm: 130, seed: 1 },
    );
    sentence(0, 1);
    expect(feed.status.state).toBe("ready");
    expect(p.sent).toHaveLength(0);
    p.setEngine(true);
    p.ready();
    expect(pushes(p.sent)).toHaveLength(1);
    p.status("voice-1", 0, 24_000, 8000);
    sentence(1, 0.5);
    p.status("voice-1", 0, 48_000, 8000);
    p.status("voice-1", 50_000, 10_000);
    expect(feed.status.sentence).toBe(1);
    // Stop, then Play: a new engine holds nothing, so the stream reopens at sentence 1.
    p.ready();
    expect(streams).toHaveLength(2);
    expect(streams[1]?.from).toBe(1);
    expect(feed.status.state).toBe("loading");
  });
});
