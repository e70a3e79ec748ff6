import { inflateRawSync } from "node:zlib";
import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { apiJson, expect, test } from "../fixtures/test";
import { StudioPage } from "../pages/StudioPage";
import { VoiceLayers } from "../pages/VoiceLayers";

test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

const STORY = "The Night Train";

/** The voice card's settings and its dot's place, as the page shows them. */
async function voiceSummary(studio: StudioPage, voices: VoiceLayers): Promise<string[]> {
  const card = voices.card(STORY);
  return [
    await card.getByRole("combobox", { name: "Style" }).inputValue(),
    await card.getByRole("slider", { name: "Rate" }).inputValue(),
    await card.getByRole("slider", { name: "Gain" }).inputValue(),
    String(await card.getByRole("checkbox", { name: "Mute" }).isChecked()),
    String(await studio.dot(STORY).getAttribute("aria-valuetext")),
  ];
}

test("Studio: a voice layer survives a preset save and load, and a share link, as built-in content only", async ({
  page,
  context,
}) => {
  const studio = new StudioPage(page);
  const voices = new VoiceLayers(page);
  await studio.goto();
  await studio.addLayer("Rain");
  const card = await voices.add(STORY);
  await card.getByRole("combobox", { name: "Style" }).selectOption("whisper");
  await card.getByRole("slider", { name: "Rate" }).fill("100");
  await card.getByRole("slider", { name: "Gain" }).fill("-4");
  const dot = studio.dot(STORY);
  await dot.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  const expected = await voiceSummary(studio, voices);
  expect(expected.slice(0, 3)).toEqual(["whisper", "100", "-4"]);

  // Preset: saved on the server as the story's id, never its words.
  const presets = page.getByRole("region", { name: "Your presets" });
  await presets.getByRole("textbox", { name: "Name" }).fill("Train in the rain");
  await presets.getByRole("button", { name: "Save as new preset" }).click();
  await expect(presets.getByRole("button", { name: "Open Train in the rain" })).toBeVisible();
  const stored = await apiJson<{ presets: { name: string; scene: { voiceLayers: unknown[] } }[] }>(
    page,
    "GET",
    "/api/presets",
  );
  const saved = stored.presets.find((p) => p.name === "Train in the rain");
  expect(saved?.scene.voiceLayers).toEqual([
    expect.objectContaining({
      content: { kind: "story", id: "night-train" },
      style: "whisper",
      rateWpm: 100,
    }),
  ]);

  await page.reload();
  await expect(voices.cards).toHaveCount(0);
  await presets.getByRole("button", { name: "Open Train in the rain" }).click();
  await expect(voices.cards).toHaveCount(1);
  expect(await voiceSummary(studio, voices)).toEqual(expected);
  await studio.play();
  await studio.expectSignal();

  // Share link: the same voice layer in another tab; the link holds the id, not the story.
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const code = /#mix=d([A-Za-z0-9_-]+)$/.exec(link)?.[1] ?? "";
  const json = inflateRawSync(Buffer.from(code, "base64url")).toString("utf8");
  expect(JSON.parse(json).voiceLayers[0].content).toEqual({ kind: "story", id: "night-train" });
  expect(json).not.toMatch(/carriage/i); // a word of the story itself

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByText(/Opened a shared mix/)).toBeVisible();
  const shared = new VoiceLayers(other);
  await expect(shared.cards).toHaveCount(1);
  expect(await voiceSummary(new StudioPage(other), shared)).toEqual(expected);
});
