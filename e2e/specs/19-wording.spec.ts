import { expect, test } from "../fixtures/test";
import { CheckupForm } from "../pages/CheckupForm";
import { SessionFlow } from "../pages/SessionFlow";
import { StudioPage } from "../pages/StudioPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("Sleep timer: the text says the fade is inside the time left, as it is", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByRole("combobox", { name: "Stop after" }).selectOption("15");
  await page.getByRole("spinbutton", { name: "Fade-out (s)" }).fill("30");
  await page.getByRole("button", { name: "Start sleep timer" }).click();
  const timer = page.getByRole("region", { name: "Sleep timer" });
  await expect(timer).toContainText("until silence, fading out over the last 30 s");
  await expect(timer).not.toContainText("then a");
});

test("ASMR profile: no score on the page, so no 'Whatever your score'; the Listen step suggests by it", async ({
  page,
}) => {
  const form = new CheckupForm(page);
  await form.goto("asmr-profile", "Your ASMR profile");
  await form.answer(
    "Do certain sounds or sights ever give you tingles: a light, pleasant, static-like feeling, often on the scalp or down the neck?",
    "Yes, easily",
  );
  await page
    .getByRole("group", { name: "Which sounds or situations bring on tingles, or simply help you unwind?" })
    .getByRole("checkbox", { name: "Whispering", exact: true })
    .check();
  await page
    .getByRole("group", { name: /^Are there sounds you'd rather not hear\?/ })
    .getByRole("checkbox", { name: "Keyboard typing", exact: true })
    .check();
  await form.answer("How often do you listen to ASMR or relaxing sounds?", "Most days");
  await form.submit();
  await expect(form.crisis).toBeVisible();
  await expect(form.crisis).not.toContainText(/score/i);

  // The session's Listen step: scenes with whispering first, saying why; keyboard ones last.
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(5, 5).click();
  await flow.setSlider("How anxious do you feel right now?", 30);
  await flow.continue();
  await expect(page.getByRole("heading", { name: "Listen and write", level: 1 })).toBeVisible();
  const options = page.getByTestId("scene-option");
  await expect(options.first()).toContainText("Suggested because you said whispering gives you tingles");
  await expect(options.first()).toContainText(/Whisper|brush/i);
  const names = await options.allTextContents();
  const firstPlain = names.findIndex((t) => !t.includes("Suggested because"));
  expect(firstPlain).toBeGreaterThan(0);
  // The two scenes with keyboard typing come last, unsuggested.
  for (const t of names.slice(-2)) expect(t).toMatch(/^(Quiet typing by the window|Deep focus)/);
  expect(names.at(-1)).not.toContain("Suggested because");
});
