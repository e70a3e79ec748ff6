import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { SessionFlow } from "../pages/SessionFlow";
import { StudioPage } from "../pages/StudioPage";

test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
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

/** An ftyp box and filler: an MP4 by its content (the browser needn't be able to play it). */
function fakeMp4(): Buffer {
  const b = Buffer.alloc(6000);
  b.writeUInt32BE(24, 0);
  b.write("ftypisom", 4, "ascii");
  b.write("isomavc1mp41", 12, "ascii");
  return b;
}

const mediaX = (page: import("@playwright/test").Page, id: string) =>
  page.evaluate((id) => {
    const p = (window as unknown as { __meridianPlayer: { mediaPosition(id: string): number[] | null } })
      .__meridianPlayer;
    return p.mediaPosition(id)?.[0] ?? null;
  }, id);

test("Own audio is part of the scene: pad dot with motion, saved in a preset, carried by a share link, silent with a note once the file is gone", async ({
  page,
  context,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const media = page.getByRole("region", { name: "Your own media" });
  await expect(media.getByText(/Nothing here yet/)).toBeVisible();
  await expect(media.getByTestId("storage-usage")).toContainText("of 2.0 GB used");
  await media.getByLabel("Upload an audio file").setInputFiles({
    name: "hum.wav",
    mimeType: "audio/wav",
    buffer: toneWav(4),
  });
  await expect(media.getByText("hum.wav", { exact: true })).toBeVisible();
  await studio.addLayer("Pink noise");
  await media.getByRole("button", { name: "Play hum.wav as a layer" }).click();
  await expect(studio.playState).toHaveText("Playing");
  const card = page.getByTestId("media-layer");
  await expect(card).toHaveCount(1);
  const dot = studio.dot("hum.wav");
  await expect(dot).toHaveAttribute("data-kind", "media");
  await expect(studio.pad.getByRole("slider")).toHaveCount(2);

  // The layer's id is random: stored in the clear in presets, it must not spell the file's name.
  const playing = () =>
    page.evaluate(() =>
      (
        window as unknown as { __meridianPlayer: { mediaPlaying(): string[] } }
      ).__meridianPlayer.mediaPlaying(),
    );
  await expect.poll(playing).toHaveLength(1);
  const layerId = (await playing())[0] ?? "";
  expect(layerId).toMatch(/^m-[0-9a-f]{12}$/);

  // Motion: orbiting every 4 s, the panner goes round the head (both sides).
  await dot.focus();
  await page.getByRole("combobox", { name: "Motion" }).selectOption({ label: "Orbit" });
  await page.getByRole("slider", { name: /^Period/ }).fill("4");
  const xs: number[] = [];
  for (let i = 0; i < 25; i++) {
    xs.push((await mediaX(page, layerId)) ?? 0);
    await page.waitForTimeout(200);
  }
  expect(Math.max(...xs)).toBeGreaterThan(0.8);
  expect(Math.min(...xs)).toBeLessThan(-0.8);
  await studio.expectSignal();

  // Solo the file: the noise goes quiet, the hum still sounds; mute it: silence.
  await card.getByRole("checkbox", { name: "Solo" }).check();
  await studio.expectSignal();
  await card.getByRole("checkbox", { name: "Mute" }).check();
  await studio.expectSilence();
  await card.getByRole("checkbox", { name: "Mute" }).uncheck();
  await card.getByRole("checkbox", { name: "Solo" }).uncheck();

  // Saved in a preset and restored after a reload.
  const presets = page.getByRole("region", { name: "Your presets" });
  await presets.getByRole("textbox", { name: "Name" }).fill("Hum and pink");
  await presets.getByRole("button", { name: "Save as new preset" }).click();
  await expect(presets.getByRole("button", { name: "Open Hum and pink" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("media-layer")).toHaveCount(0);
  await presets.getByRole("button", { name: "Open Hum and pink" }).click();
  await expect(page.getByTestId("media-layer")).toHaveCount(1);
  await expect(studio.layers).toHaveCount(1);
  await expect(page.getByRole("combobox", { name: "Motion" })).toHaveCount(1);
  await studio.dot("hum.wav").focus();
  await expect(page.getByRole("combobox", { name: "Motion" })).toHaveValue("orbit");
  await studio.play();
  await expect.poll(playing).toEqual([layerId]);
  await studio.expectSignal();

  // A share link carries it (by id: it plays for its owner).
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByText(/Opened a shared mix/)).toBeVisible();
  await expect(other.getByText(/not in your library/)).toHaveCount(0);
  await expect(other.getByTestId("media-layer")).toHaveCount(1);
  await other.close();

  // Once the file is deleted, the same link opens with a clear note and the layer stays silent.
  page.on("dialog", (d) => void d.accept());
  await media.getByRole("button", { name: "Delete hum.wav" }).click();
  await expect(media.getByText("hum.wav", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("media-layer")).toHaveCount(0);
  const later = await context.newPage();
  await later.goto(link);
  await expect(later.getByText(/own audio file \(“hum.wav”\) that is not in your library/)).toBeVisible();
  await expect(later.getByTestId("media-layer-missing")).toBeVisible();
  await expect(new StudioPage(later).layers).toHaveCount(1);
});

test("A render of any length includes own WAV layers; an unusable length is refused in the form", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const media = page.getByRole("region", { name: "Your own media" });
  await media
    .getByLabel("Upload an audio file")
    .setInputFiles({ name: "hum.wav", mimeType: "audio/wav", buffer: toneWav(2) });
  await media.getByRole("button", { name: "Play hum.wav as a layer" }).click();
  const render = page.getByRole("region", { name: "Render to a file" });
  await expect(render.getByText("No renders yet.", { exact: false })).toBeVisible();
  await render.getByRole("spinbutton", { name: "Hours" }).fill("0");
  await render.getByRole("spinbutton", { name: "Minutes" }).fill("0");
  await render.getByRole("spinbutton", { name: "Seconds" }).fill("5");
  await render.getByRole("button", { name: "Render", exact: true }).click();
  await expect(render.getByRole("alert")).toHaveText("A render lasts from 10 seconds to 12 hours.");
  await render.getByRole("spinbutton", { name: "Seconds" }).fill("12");
  await render.getByRole("combobox", { name: "Format" }).selectOption("wav");
  await render.getByRole("button", { name: "Render", exact: true }).click();
  const download = render.getByRole("link", { name: /^Download .+-12s\.wav$/ });
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expect(render.getByTestId("render-warnings")).toHaveCount(0);
  const res = await page.request.get((await download.getAttribute("href")) ?? "");
  const wav = await res.body();
  expect(wav.length).toBe(80 + 12 * 48000 * 4);
  // The hum is in it: well above silence in the middle.
  let sum = 0;
  const from = 80 + 4 * 48000 * 4;
  for (let o = from; o < from + 48000 * 4; o += 2) sum += (wav.readInt16LE(o) / 32768) ** 2;
  expect(Math.sqrt(sum / 48000 / 2)).toBeGreaterThan(0.01);
  // A compressed file can't be mixed on the server: the render says so and goes on without it.
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  await media.getByLabel("Upload an audio file").setInputFiles({
    name: "night.mp3",
    mimeType: "audio/mpeg",
    buffer: Buffer.concat(Array.from({ length: 12 }, () => frame)),
  });
  await media.getByRole("button", { name: "Play night.mp3 as a layer" }).click();
  await expect(page.getByTestId("media-layer")).toHaveCount(2);
  await render.getByRole("button", { name: "Render", exact: true }).click();
  const warnings = render.getByTestId("render-warnings");
  await expect(warnings).toContainText("“night.mp3” is MP3: the server can only mix WAV files");
  await expect(render.getByRole("link", { name: /^Download / })).toHaveCount(2, { timeout: 60_000 });

  // Kept until deleted.
  await page.reload();
  await expect(render.getByRole("link", { name: /^Download .+-12s\.wav$/ })).toHaveCount(2);
  await expect(render.getByTestId("render-warnings")).toContainText("night.mp3");
  page.on("dialog", (d) => void d.accept());
  const deletes = render.getByRole("button", { name: /^Delete .+-12s\.wav$/ });
  await deletes.first().click();
  await expect(deletes).toHaveCount(1);
  await deletes.first().click();
  await expect(render.getByText("No renders yet.", { exact: false })).toBeVisible();
});

test("A video file and a saved link attach to a session; the review shows them and plays the file on request", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const media = page.getByRole("region", { name: "Your own media" });
  await media
    .getByLabel("Upload a video file")
    .setInputFiles({ name: "walk.mp4", mimeType: "video/mp4", buffer: fakeMp4() });
  await expect(media.getByText("walk.mp4", { exact: true })).toBeVisible();
  await media.getByLabel("Upload a video file").setInputFiles({
    name: "clip.mp4",
    mimeType: "video/mp4",
    buffer: Buffer.from("plain words, not a video"),
  });
  await expect(media.getByTestId("media-error")).toContainText("not a video file");
  await media.getByLabel("Upload an audio file").setInputFiles({
    name: "hum.wav",
    mimeType: "audio/wav",
    buffer: toneWav(2),
  });
  await expect(media.getByText("hum.wav", { exact: true })).toBeVisible();
  const youtube = "https://youtu.be/dQw4w9WgXcQ";
  await media.getByRole("textbox", { name: "Video link" }).fill(youtube);
  await media.getByRole("button", { name: "Add link" }).click();
  await expect(media.getByRole("button", { name: "Play video" })).toBeVisible();

  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(5, 5).click();
  await flow.setSlider("How anxious do you feel right now?", 30);
  await flow.continue();
  const picker = page.getByTestId("session-media-picker");
  await picker.getByRole("checkbox", { name: /walk\.mp4/ }).check();
  await picker.getByRole("checkbox", { name: /youtu\.be/ }).check();
  await picker.getByRole("checkbox", { name: /hum\.wav/ }).check();
  await flow.startWriting();
  const list = page.getByTestId("session-media");
  await expect(list).toContainText("Video: walk.mp4");
  await expect(list).toContainText(`Video: ${youtube}`);
  // The linked video's embed loads only on a press (the fixture fails on any foreign request).
  await expect(list.getByRole("button", { name: `Watch ${youtube}` })).toBeVisible();
  await expect(page.locator("iframe")).toHaveCount(0);
  // An attached sound plays on a press, as a layer.
  await expect(list).toContainText("Sound: hum.wav");
  await list.getByRole("button", { name: "Play hum.wav" }).click();
  await studio.expectSignal();
  await list.getByRole("button", { name: "Stop hum.wav" }).click();
  await studio.expectSilence();
  await expect(page.locator("video")).toHaveCount(0);
  await list.getByRole("button", { name: "Watch walk.mp4" }).click();
  await expect(page.locator("video")).toHaveAttribute("src", /\/api\/media\/[^/]+\/file$/);

  const id = flow.sessionIdFromUrl();
  const session = await (await page.request.get(`/api/sessions/${id}`)).json();
  const items = await (await page.request.get("/api/media")).json();
  const video = items.items.find((i: { name: string }) => i.name === "walk.mp4");
  const link = items.items.find((i: { kind: string }) => i.kind === "link");
  const hum = items.items.find((i: { name: string }) => i.name === "hum.wav");
  expect(session.media).toEqual([
    { kind: "own-video", mediaId: video.id, name: "walk.mp4" },
    { kind: "own-video", mediaId: link.id, name: youtube },
    { kind: "own-audio", audioId: hum.id, name: "hum.wav" },
  ]);

  await flow.endSession();
  await flow.moodCell(6, 4).click();
  await flow.setSlider("How anxious do you feel right now?", 20);
  await flow.setSlider("Did you feel any tingles?", 0);
  await flow.setSlider("How relaxed do you feel right now?", 7);
  await page.getByRole("button", { name: "Check out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Session summary", level: 1 })).toBeVisible();
  await expect(
    page.getByText(/listened to walk\.mp4 and https:\/\/youtu\.be\/\S+ and hum\.wav/),
  ).toBeVisible();
  await expect(page.getByTestId("session-media")).toContainText("Video: walk.mp4");
});
