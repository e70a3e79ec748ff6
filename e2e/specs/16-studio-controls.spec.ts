import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { StudioPage } from "../pages/StudioPage";

// Audio may start without a gesture in these tests only (the app itself starts it on a click).
test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

/** Mean output level in dB over ~1 s (the analyser's RMS, sampled every 100 ms). */
async function meanLevel(studio: StudioPage): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 10; i++) {
    xs.push(await studio.level());
    await studio.page.waitForTimeout(100);
  }
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

test("Studio shortcuts: ? opens the help, Space plays and pauses, M mutes, N moves to the next preset", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const line of ["Play or pause", "Mute or unmute", "Next preset", "This help"]) {
    await expect(help.getByText(line)).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  // The header button opens the same help.
  await page.getByRole("button", { name: /Shortcuts/ }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();

  const preset = page.getByRole("combobox", { name: "Preset" });
  await expect(preset).toHaveValue("");
  await page.keyboard.press("n");
  const first = await preset.inputValue();
  expect(first).not.toBe("");
  await expect(studio.layers.first()).toBeVisible();
  await page.keyboard.press("n");
  await expect(preset).not.toHaveValue(first);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(" ");
  await expect(studio.playState).toHaveText("Playing");
  await studio.expectSignal();
  await page.keyboard.press("m");
  await expect(page.getByRole("button", { name: "Unmute" })).toHaveAttribute("aria-pressed", "true");
  await studio.expectSilence();
  await page.keyboard.press("m");
  await studio.expectSignal();
  await page.keyboard.press(" ");
  await expect(studio.playState).toHaveText("Paused");
  await studio.expectSilence();

  // Typing in a field is not a shortcut.
  const name = page.getByRole("region", { name: "Your presets" }).getByRole("textbox", { name: "Name" });
  await name.fill("");
  await name.pressSequentially("nm ?");
  await expect(name).toHaveValue("nm ?");
  await expect(help).toBeHidden();
  await expect(studio.playState).toHaveText("Paused");
});

test("Studio: surprise me makes a playable mix of compatible layers, a new one each time", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByRole("button", { name: "Surprise me" }).click();
  const count = await studio.layers.count();
  expect(count).toBeGreaterThanOrEqual(3);
  expect(count).toBeLessThanOrEqual(5);
  await expect(studio.pad.getByRole("slider")).toHaveCount(count);
  const first = await studio.layerSummary();
  const sounds = first.filter((l) => l.includes("|")).map((l) => l.split("|")[1]);
  expect(new Set(sounds).size).toBe(sounds.length);
  expect(sounds.filter((s) => s?.endsWith("-noise")).length).toBeLessThanOrEqual(1);
  await studio.play();
  await studio.expectSignal();
  let other = first;
  for (let i = 0; i < 5 && JSON.stringify(other) === JSON.stringify(first); i++) {
    await page.getByRole("button", { name: "Surprise me" }).click();
    other = await studio.layerSummary();
  }
  expect(other).not.toEqual(first);
  await studio.expectSignal();
});

test("Studio: the master volume changes the output level (AnalyserNode)", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Brown noise");
  await studio.play();
  await studio.expectSignal();
  await page.waitForTimeout(2500); // past the fade-in
  const master = page.getByRole("slider", { name: "Master volume" });
  const full = await meanLevel(studio);
  await master.fill("-24");
  await expect(page.getByText("-24 dB", { exact: true })).toBeVisible();
  await page.waitForTimeout(800);
  const low = await meanLevel(studio);
  console.log(`master 0 dB → ${full.toFixed(1)} dBFS; −24 dB → ${low.toFixed(1)} dBFS`);
  expect(full - low).toBeGreaterThan(15);
  await master.fill("0");
  await page.waitForTimeout(800);
  expect(Math.abs((await meanLevel(studio)) - full)).toBeLessThan(4);
});

test("Studio: Media Session metadata and its play, pause and stop handlers drive the player", async ({
  page,
}) => {
  // Keep the handlers the page registers so the test can call them as the OS media keys would.
  await page.addInitScript(() => {
    const handlers: Record<string, () => void> = {};
    (window as unknown as { __mediaHandlers: typeof handlers }).__mediaHandlers = handlers;
    const ms = navigator.mediaSession;
    const original = ms.setActionHandler.bind(ms);
    ms.setActionHandler = (action: MediaSessionAction, handler: MediaSessionActionHandler | null) => {
      if (handler) handlers[action] = () => handler({ action });
      else delete handlers[action];
      original(action, handler);
    };
  });
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByRole("combobox", { name: "Preset" }).selectOption({ label: "Ocean sleep" });
  await studio.play();
  await studio.expectSignal();
  const session = () =>
    page.evaluate(() => ({
      state: navigator.mediaSession.playbackState,
      title: navigator.mediaSession.metadata?.title ?? null,
      actions: Object.keys((window as unknown as { __mediaHandlers: object }).__mediaHandlers).sort(),
    }));
  expect(await session()).toEqual({
    state: "playing",
    title: "Ocean sleep",
    actions: ["pause", "play", "stop"],
  });
  const call = (action: string) =>
    page.evaluate(
      (a) => (window as unknown as { __mediaHandlers: Record<string, () => void> }).__mediaHandlers[a]?.(),
      action,
    );

  await call("pause");
  await expect(studio.playState).toHaveText("Paused");
  await expect.poll(async () => (await session()).state).toBe("paused");
  await studio.expectSilence();
  await call("play");
  await expect(studio.playState).toHaveText("Playing");
  await expect.poll(async () => (await session()).state).toBe("playing");
  await studio.expectSignal();
  await call("stop");
  await expect(studio.playState).toHaveText("Stopped");
  await expect.poll(async () => (await session()).state).toBe("none");
  await studio.expectSilence();
});
