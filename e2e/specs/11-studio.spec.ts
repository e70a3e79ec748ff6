import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { SessionFlow } from "../pages/SessionFlow";
import { StudioPage } from "../pages/StudioPage";

// Audio may start without a gesture in these tests only (the app itself starts it on a click).
test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("Studio: a 3-layer scene plays, a layer moves on the pad, muting every layer is silent", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Rain");
  await studio.addLayer("Pink noise");
  await studio.addLayer("Tapping");
  await expect(studio.pad.getByRole("slider")).toHaveCount(3);

  await studio.play();
  await studio.expectSignal();

  // Keyboard: turn the rain 30° clockwise and bring it nearer.
  const rain = studio.dot("Rain");
  const before = await rain.getAttribute("aria-valuenow");
  await rain.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  await expect(rain).toHaveAttribute("aria-valuenow", String(Number(before) + 30));
  await expect(page.getByTestId("selected-place")).toHaveText(
    await rain.getAttribute("aria-valuetext").then(String),
  );

  // Pointer: drag the tapping dot to the listener's right ear.
  const tap = studio.dot("Tapping");
  const box = await studio.pad.boundingBox();
  if (!box) throw new Error("no pad");
  await tap.hover();
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(tap).toHaveAttribute("aria-valuenow", "90");
  await expect(tap).toHaveAttribute("aria-valuetext", /^90° right/);

  await studio.expectSignal();
  for (const layer of await studio.layers.all()) await layer.getByRole("checkbox", { name: "Mute" }).check();
  await studio.expectSilence();
  await studio.layer(0).getByRole("checkbox", { name: "Mute" }).uncheck();
  await studio.expectSignal();
  await expect(page.getByTestId("diag-load")).toHaveText(/^\d+(\.\d)? %$/);
});

test("Studio: a share link opens the same mix (scene in the hash)", async ({ page, context }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Ocean waves");
  await studio.addLayer("Page turn");
  await studio.addLayer("Whispering");
  const dot = studio.dot("Page turn");
  await dot.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowDown");
  await studio.layer(2).getByLabel("Gain").fill("-3");
  const expected = await studio.layerSummary();

  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(link).toMatch(/\/studio#mix=[dj][A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  const shared = new StudioPage(other);
  await other.goto(link);
  await expect(other.getByText(/Opened a shared mix/)).toBeVisible();
  await expect(shared.layers).toHaveCount(3);
  expect(await shared.layerSummary()).toEqual(expected);
  await expect(shared.layer(2).getByLabel("Gain")).toHaveValue("-3");

  // A damaged link says so instead of opening something else.
  const damaged = await context.newPage();
  await damaged.goto(link.replace(/#mix=d../, "#mix=dQQ"));
  await expect(damaged.getByText(/damaged or incomplete|isn't valid/)).toBeVisible();
  await expect(new StudioPage(damaged).layers).toHaveCount(0);
});

test("Studio: the sleep timer fades to silence and stops (test clock)", async ({ page }) => {
  await page.clock.install();
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByRole("combobox", { name: "Preset" }).selectOption({ label: "Ocean sleep" });
  await expect(studio.layers.first()).toBeVisible();
  await studio.play();
  await studio.expectSignal();

  await page.getByRole("combobox", { name: "Stop after" }).selectOption("15");
  await page.getByRole("spinbutton", { name: "Fade-out (s)" }).fill("3");
  await page.getByRole("button", { name: "Start sleep timer" }).click();
  await expect(page.getByTestId("sleep-remaining")).toHaveText(/^1[45]:\d\d$/);

  // Ten minutes on: still playing, the time left shows it.
  await page.clock.fastForward("10:00");
  await expect(page.getByTestId("sleep-remaining")).toHaveText(/^[45]:\d\d$/);
  await studio.expectSignal();

  // Into the last seconds: the engine fades out, then the player stops.
  await page.clock.fastForward("04:58");
  await expect(page.getByText("fading out…")).toBeVisible();
  await expect(studio.playState).toHaveText("Stopped", { timeout: 15_000 });
  await studio.expectSilence();
  await expect(page.getByTestId("sleep-remaining")).toHaveCount(0);
});

test("Studio: keystrokes in the editor schedule one-shots in the worklet", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Brown noise");
  await studio.play();

  // Off until enabled: typing makes no trigger.
  await page.getByRole("link", { name: "New entry" }).click();
  const body = page.getByRole("textbox", { name: "Journal entry" });
  await body.click();
  await page.keyboard.type("quiet", { delay: 30 });
  await page.waitForTimeout(300);
  expect((await studio.stats()).echoes).toBe(0);
  // Leave only once the entry is saved (the first save moves the address to the new entry).
  await expect(page.getByTestId("save-status").first()).toHaveText("Saved");

  await studio.openFromHeader();
  await page.getByRole("checkbox", { name: /soft sound for each keystroke/ }).check();
  await page.getByRole("combobox", { name: "Sound", exact: true }).last().selectOption("Soft key");
  await expect(studio.playState).toHaveText("Playing");

  await page.getByRole("link", { name: "New entry" }).click();
  await body.click();
  const text = "the rain keeps time";
  await page.keyboard.type(text, { delay: 40 });
  await expect(page.getByTestId("save-status").first()).toHaveText("Saved");
  await expect.poll(async () => (await studio.stats()).echoes).toBeGreaterThanOrEqual(text.length);
  const s = await studio.stats();
  console.log(
    `keystroke → scheduled median ${s.latencyMs?.toFixed(2)} ms, round trip ${s.roundTripMs?.toFixed(2)} ms`,
  );
  expect(s.latencyMs).not.toBeNull();
  expect(s.roundTripMs).toBeLessThan(30);

  await studio.openFromHeader();
  await expect(studio.echoes).toHaveText(String(s.echoes));
});

test("Studio: a 3-layer mix saved as a preset is restored after a reload and plays", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Rain");
  await studio.addLayer("Wind");
  await studio.addLayer("Pen on paper");
  const pen = studio.dot("Pen on paper");
  await pen.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  const expected = await studio.layerSummary();

  const presets = page.getByRole("region", { name: "Your presets" });
  await presets.getByRole("textbox", { name: "Name" }).fill("Rainy desk");
  await presets.getByRole("button", { name: "Save as new preset" }).click();
  await expect(presets.getByRole("button", { name: "Open Rainy desk" })).toBeVisible();

  await page.reload();
  await expect(studio.layers).toHaveCount(0);
  await presets.getByRole("button", { name: "Open Rainy desk" }).click();
  await expect(studio.layers).toHaveCount(3);
  expect(await studio.layerSummary()).toEqual(expected);
  await studio.play();
  await studio.expectSignal();

  // Rename, duplicate, delete.
  await presets.getByRole("button", { name: "Rename Rainy desk" }).click();
  await presets.getByRole("textbox", { name: "New name for Rainy desk" }).fill("Desk in the rain");
  await presets.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(presets.getByRole("button", { name: "Open Desk in the rain" })).toBeVisible();
  await presets.getByRole("button", { name: "Duplicate Desk in the rain" }).click();
  await expect(presets.getByRole("button", { name: "Open Desk in the rain (copy)" })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await presets.getByRole("button", { name: "Delete Desk in the rain (copy)" }).click();
  await expect(presets.getByRole("button", { name: /^Open / })).toHaveCount(1);
});

/** A 16-bit stereo WAV: `seconds` of a soft 330 Hz tone. */
function toneWav(seconds: number, rate = 48000): Buffer {
  const n = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + n * 4);
  buf.write("RIFF", 0);
  buf.writeUInt32LE(36 + n * 4, 4);
  buf.write("WAVEfmt ", 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(2, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 4, 28);
  buf.writeUInt16LE(4, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36);
  buf.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 330 * i) / rate) * 6000);
    buf.writeInt16LE(v, 44 + i * 4);
    buf.writeInt16LE(v, 46 + i * 4);
  }
  return buf;
}

test("Studio: your own WAV plays as a layer; a text file named .mp3 is refused; a video link loads nothing before play", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const media = page.getByRole("region", { name: "Your own media" });
  const upload = media.getByLabel("Upload an audio file");

  await upload.setInputFiles({
    name: "notes.mp3",
    mimeType: "audio/mpeg",
    buffer: Buffer.from("just some words\n"),
  });
  await expect(media.getByTestId("media-error")).toBeVisible();
  await expect(media.getByRole("list", { name: "Your media" })).toHaveCount(0);

  await upload.setInputFiles({ name: "hum.wav", mimeType: "audio/wav", buffer: toneWav(3) });
  await expect(media.getByText("hum.wav", { exact: true })).toBeVisible();
  await expect(media.getByText(/^WAV · 3 s · /)).toBeVisible();

  // No engine layers: whatever sounds is the uploaded file, a layer of the mix with a dot on the pad.
  await expect(studio.layers).toHaveCount(0);
  await media.getByRole("button", { name: "Play hum.wav as a layer" }).click();
  await expect(studio.playState).toHaveText("Playing");
  await expect(page.getByTestId("media-layer")).toHaveCount(1);
  await studio.expectSignal();
  const dot = studio.dot("hum.wav");
  await dot.focus();
  for (let i = 0; i < 18; i++) await page.keyboard.press("ArrowRight");
  await expect(dot).toHaveAttribute("aria-valuenow", "90");
  // The panner follows: the source sits to the listener's right (+x).
  await expect
    .poll(() =>
      page.evaluate(() => {
        const p = (
          window as unknown as {
            __meridianPlayer: { mediaPlaying(): string[]; mediaPosition(id: string): number[] | null };
          }
        ).__meridianPlayer;
        // The layer's id is random (never the file's name): the one layer playing.
        return p.mediaPosition(p.mediaPlaying()[0] ?? "")?.[0] ?? 0;
      }),
    )
    .toBeGreaterThan(1.4);
  await studio.expectSignal();
  await media.getByRole("button", { name: "Take hum.wav out of the mix" }).click();
  await expect(page.getByTestId("media-layer")).toHaveCount(0);
  await studio.expectSilence();

  await media.getByRole("textbox", { name: "Video link" }).fill("https://youtu.be/dQw4w9WgXcQ");
  await media.getByRole("button", { name: "Add link" }).click();
  await expect(media.getByRole("button", { name: "Play video" })).toBeVisible();
  await expect(page.locator("iframe")).toHaveCount(0);
  // The fixture's foreignRequests check fails the test if anything went to another origin.

  page.on("dialog", (d) => void d.accept());
  await media.getByRole("button", { name: "Delete hum.wav" }).click();
  await expect(media.getByText("hum.wav", { exact: true })).toHaveCount(0);
});

test("Studio: the mix renders to a WAV on the server with progress; a long render can be cancelled", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Brown noise");
  const render = page.getByRole("region", { name: "Render to a file" });
  await render.getByRole("button", { name: "8 h" }).click();
  await render.getByRole("button", { name: "Render", exact: true }).click();
  await expect(render.getByRole("button", { name: "Cancel render" })).toBeVisible();
  await render.getByRole("button", { name: "Cancel render" }).click();
  await expect(render.getByText("Render cancelled.")).toBeVisible();

  await render.getByRole("button", { name: "1 min" }).click();
  await render.getByRole("combobox", { name: "Format" }).selectOption("wav");
  await render.getByRole("button", { name: "Render", exact: true }).click();
  const download = render.getByRole("link", { name: /^Download .+\.wav$/ });
  await expect(download).toBeVisible({ timeout: 60_000 });
  const res = await page.request.get((await download.getAttribute("href")) ?? "");
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect(body.subarray(0, 4).toString()).toBe("RIFF");
  expect(body.length).toBeGreaterThan(60 * 48000 * 4);
});

test("Studio: the session's write step plays the chosen scene on a press of Play", async ({ page }) => {
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(5, 5).click();
  await flow.setSlider("How anxious do you feel right now?", 30);
  await flow.continue();
  await expect(page.getByRole("heading", { name: "Listen and write", level: 1 })).toBeVisible();
  await flow.pickScene("Ocean sleep");
  await flow.startWriting();
  const studio = new StudioPage(page);
  const play = page.getByRole("button", { name: /^Play Ocean sleep/ });
  await expect(play).toBeVisible();
  // Nothing plays before the press.
  expect(await studio.level()).toBe(-999);
  await play.click();
  await studio.expectSignal();
  await page.getByRole("button", { name: /^Pause Ocean sleep/ }).click();
  await studio.expectSilence();
});
