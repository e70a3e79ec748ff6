import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { SessionFlow } from "../pages/SessionFlow";
import { StudioPage } from "../pages/StudioPage";
import { VoiceLayers } from "../pages/VoiceLayers";

// Audio may start without a gesture in these tests only (the app itself starts it on a click).
test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

const STORY = "The Night Train";

test("Studio: a story voice layer is heard within moments of Play, and skips sentence by sentence", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  const voices = new VoiceLayers(page);
  await studio.goto();
  await voices.add(STORY);
  await expect(studio.pad.getByRole("slider")).toHaveCount(1);
  // Adding the voice starts the speech engine and its first sentence (before Play, like opening
  // a preset with a voice): the card says when it is ready.
  await expect(voices.position(STORY)).toHaveText(/\(ready\)$/, { timeout: 30_000 });

  // Time from pressing Play to the first audio through the AnalyserNode, measured in the page.
  await page.evaluate(() => {
    const w = window as unknown as {
      __meridianPlayer?: { level(): number };
      __voiceTiming?: { pressed?: number; first?: number; loud?: number };
    };
    const t: { pressed?: number; first?: number; loud?: number } = {};
    w.__voiceTiming = t;
    document.addEventListener("pointerdown", () => (t.pressed ??= performance.now()), { capture: true });
    const poll = () => {
      const db = w.__meridianPlayer?.level() ?? Number.NEGATIVE_INFINITY;
      if (t.pressed !== undefined) {
        if (db > -100) t.first ??= performance.now();
        if (db > -60) t.loud ??= performance.now();
      }
      if (t.loud === undefined) setTimeout(poll, 2);
    };
    poll();
  });
  await studio.play();
  await studio.expectSignal();
  const timing = await page.evaluate(
    () =>
      (window as unknown as { __voiceTiming: { pressed: number; first: number; loud: number } })
        .__voiceTiming,
  );
  const firstMs = timing.first - timing.pressed;
  const loudMs = timing.loud - timing.pressed;
  console.log(
    `voice: Play -> first audio ${firstMs.toFixed(0)} ms, -> above -60 dBFS ${loudMs.toFixed(0)} ms`,
  );
  test.info().annotations.push({ type: "play-to-first-audio-ms", description: firstMs.toFixed(0) });
  // Target: first audio within 700 ms of Play (measured 110-180 ms on a busy 2-core machine).
  expect(firstMs).toBeLessThan(700);

  // It is the voice that sounds: the position moves on, and muting the voice silences the mix.
  const position = voices.position(STORY);
  await expect(position).toHaveText(/^Sentence 1 of \d+ · 0:0\d of about \d+:\d\d$/);
  await voices.card(STORY).getByRole("button", { name: "Next sentence" }).click();
  await expect.poll(() => voices.sentence(STORY)).toBe(2);
  await voices.card(STORY).getByRole("button", { name: "Next sentence" }).click();
  await expect.poll(() => voices.sentence(STORY)).toBe(3);
  await studio.expectSignal();
  await voices.card(STORY).getByRole("button", { name: "Replay sentence" }).click();
  await expect.poll(() => voices.sentence(STORY)).toBe(3);
  await voices.card(STORY).getByRole("button", { name: "Previous sentence" }).click();
  await expect.poll(() => voices.sentence(STORY)).toBe(2);
  await studio.expectSignal();
  await voices.card(STORY).getByRole("checkbox", { name: "Mute" }).check();
  await studio.expectSilence();
  await voices.card(STORY).getByRole("checkbox", { name: "Mute" }).uncheck();
  await studio.expectSignal();
});

test("Session: the Listen step adds a wind-down voice to the scene, and the write step plays it", async ({
  page,
}) => {
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(4, 6).click();
  await flow.setSlider("How anxious do you feel right now?", 45);
  await flow.continue();
  await flow.pickScene("Library window in the rain");
  const voices = new VoiceLayers(page);
  const card = await voices.add("Letting go of the day");
  await expect(card.getByRole("combobox", { name: "Style" })).toHaveValue("whisper");
  await flow.startWriting();

  const play = page.getByTestId("session-listen").getByRole("button", { name: /^Play / });
  await play.click();
  const studio = new StudioPage(page);
  await studio.expectSignal();
  // The voice is in what plays: the player's scene has it, and its PCM layer is being fed.
  const voice = await page.evaluate(() => {
    const p = (
      window as unknown as { __meridianPlayer: { snapshot: { scene: { voiceLayers?: unknown[] } } } }
    ).__meridianPlayer;
    return p.snapshot.scene.voiceLayers;
  });
  expect(voice).toEqual([
    expect.objectContaining({ content: { kind: "wind-down", id: "wind-down-letting-go" } }),
  ]);
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const p = (
                window as unknown as {
                  __meridianPlayer: {
                    tap(
                      f: (m: { type: string; layerId?: string; framesPlayed?: number }) => void,
                    ): () => void;
                  };
                }
              ).__meridianPlayer;
              const off = p.tap((m) => {
                if (m.type === "pcmStatus" && m.layerId === "voice-1") {
                  off();
                  resolve(m.framesPlayed ?? 0);
                }
              });
            }),
        ),
      { timeout: 30_000, message: "frames of the voice played" },
    )
    .toBeGreaterThan(0);
});
