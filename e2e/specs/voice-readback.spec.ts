import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";
import { SessionFlow } from "../pages/SessionFlow";

// Audio may start without a gesture in these tests only (the app itself starts it on a click).
test.use({ launchOptions: autoplayChromiumLaunch });

/** The output level through the player's AnalyserNode, dBFS (−999 when silent or stopped). */
const level = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const p = (window as unknown as { __meridianPlayer?: { level(): number } }).__meridianPlayer;
    const v = p ? p.level() : Number.NEGATIVE_INFINITY;
    return Number.isFinite(v) ? v : -999;
  });

test("Read this back to me: the entry is spoken in the browser and no request carries its words", async ({
  page,
  context,
  server,
  signIn,
}) => {
  await signIn();
  const marker = `Quillowmere${Math.random().toString(36).slice(2, 8)}`;
  const editor = new EditorPage(page);
  await editor.gotoNew();
  await editor.title.fill("Evening by the window");
  await editor.type(`The rain went soft on the glass. ${marker} came by with tea, and the lamp stayed low.`);
  await editor.expectSaved();

  // From here on, every request of the page and its workers (the voice Worker fetches the speech
  // engine) is recorded: URL, headers and body.
  const seen: { url: string; carries: boolean }[] = [];
  context.on("request", (r) => {
    const all = [r.url(), JSON.stringify(r.headers()), r.postData() ?? ""].join("\n");
    seen.push({ url: r.url(), carries: all.toLowerCase().includes(marker.toLowerCase()) });
  });

  const readBack = page.getByTestId("read-back");
  await readBack.getByRole("radio", { name: "Whisper" }).check();
  // Keyboard: focus the button and press Enter.
  await readBack.getByRole("button", { name: "Read this back to me" }).focus();
  await page.keyboard.press("Enter");
  await expect(readBack.getByRole("button", { name: "Stop reading" })).toBeVisible();
  await expect
    .poll(() => level(page), { timeout: 30_000, message: "read-back level (dBFS)" })
    .toBeGreaterThan(-60);
  await expect(readBack.getByRole("status")).toHaveText(/^Reading sentence \d+ of 3$/);

  await readBack.getByRole("button", { name: "Stop reading" }).press("Enter");
  await expect(readBack.getByRole("button", { name: "Read this back to me" })).toBeVisible();
  await expect.poll(() => level(page), { timeout: 15_000, message: "level after stop" }).toBeLessThan(-90);

  expect(seen.length, "the voice Worker and engine were fetched").toBeGreaterThan(0);
  expect(seen.some((r) => r.url.endsWith(".wasm"))).toBe(true);
  expect(seen.filter((r) => r.carries).map((r) => r.url)).toEqual([]);
  expect([...new Set(seen.map((r) => new URL(r.url).origin))]).toEqual([server.url]);
});

test("Read this back to me: an empty entry or one in another script gets a clear message", async ({
  page,
  signIn,
}) => {
  await signIn();
  const editor = new EditorPage(page);
  await editor.gotoNew();
  const readBack = page.getByTestId("read-back");
  await readBack.getByRole("button", { name: "Read this back to me" }).click();
  await expect(readBack.getByRole("alert")).toHaveText("There is nothing written here yet to read back.");
  await editor.type("مساء الخير");
  await readBack.getByRole("button", { name: "Read this back to me" }).click();
  await expect(readBack.getByRole("alert")).toContainText("nothing the voice can read aloud", {
    timeout: 30_000,
  });
  await expect(readBack.getByRole("button", { name: "Read this back to me" })).toBeVisible();
});

test("Session: the prompt is whispered as writing begins, and the entry is read back at the end", async ({
  page,
  context,
  server,
  signIn,
}) => {
  await signIn();
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(4, 6).click();
  await flow.setSlider("How anxious do you feel right now?", 50);
  await flow.continue();
  await flow.pickScene("Silence");
  await flow.pickRandomPrompt();
  await flow.startWriting();

  // The toggle whispers the prompt at once (and at the start of later sessions).
  await page.getByTestId("prompt-whisper").getByRole("checkbox").check();
  await expect
    .poll(() => level(page), { timeout: 30_000, message: "prompt whisper (dBFS)" })
    .toBeGreaterThan(-60);
  await page.getByTestId("prompt-whisper").getByRole("checkbox").uncheck();
  await expect.poll(() => level(page), { timeout: 15_000 }).toBeLessThan(-90);

  const marker = `Lindenquay${Math.random().toString(36).slice(2, 8)}`;
  await flow.type(`The kettle ticked as it cooled. ${marker} waved from the garden gate.`);
  await flow.expectSaved();
  await flow.endSession();
  await flow.moodCell(6, 3).click();
  await flow.setSlider("How anxious do you feel right now?", 30);
  await flow.setSlider("Did you feel any tingles?", 2);
  await flow.setSlider("How relaxed do you feel right now?", 6);
  await page.getByRole("button", { name: "Check out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Session summary", level: 1 })).toBeVisible();

  const sent: string[] = [];
  context.on("request", (r) => {
    const all = [r.url(), JSON.stringify(r.headers()), r.postData() ?? ""].join("\n");
    if (all.includes(marker) || new URL(r.url()).origin !== server.url) sent.push(r.url());
  });
  const readBack = page.getByTestId("read-back");
  await readBack.getByRole("radio", { name: "Soft-spoken" }).check();
  await readBack.getByRole("button", { name: "Read this back to me" }).click();
  await expect(readBack.getByRole("status")).toHaveText(/^Reading sentence \d of 2$/, { timeout: 30_000 });
  await expect.poll(() => level(page), { timeout: 30_000, message: "read-back (dBFS)" }).toBeGreaterThan(-60);
  await readBack.getByRole("button", { name: "Stop reading" }).click();
  await expect(readBack.getByRole("button", { name: "Read this back to me" })).toBeVisible();
  expect(sent, "requests carrying the entry or leaving the app's origin").toEqual([]);
});
