import { expect, test } from "../fixtures/test";
import { StudioPage } from "../pages/StudioPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("Number fields keep what is typed: fade 60 → backspace twice → 30 gives 30, not 130", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const fade = page.getByRole("spinbutton", { name: "Fade-out (s)" });
  await expect(fade).toHaveValue("60");
  await fade.click();
  await fade.press("End");
  await fade.press("Backspace");
  await fade.press("Backspace");
  await expect(fade).toHaveValue("");
  await fade.pressSequentially("30");
  await expect(fade).toHaveValue("30");
  await fade.blur();
  await expect(fade).toHaveValue("30");

  // Custom minutes alike; an out-of-range value snaps into range on leaving the field.
  await page.getByRole("combobox", { name: "Stop after" }).selectOption("custom");
  const minutes = page
    .getByRole("region", { name: "Sleep timer" })
    .getByRole("spinbutton", { name: "Minutes" });
  await expect(minutes).toHaveValue("20");
  await minutes.click();
  await minutes.press("End");
  await minutes.press("Backspace");
  await minutes.press("Backspace");
  await minutes.pressSequentially("45");
  await expect(minutes).toHaveValue("45");
  await minutes.fill("9999");
  await minutes.blur();
  await expect(minutes).toHaveValue("720");
  // Emptied and left: back to the last value.
  await minutes.fill("");
  await minutes.blur();
  await expect(minutes).toHaveValue("720");

  // The studio's play/pause fade (0–30 s).
  const playFade = page.getByRole("spinbutton", { name: "Fade (s)" });
  const before = await playFade.inputValue();
  await playFade.click();
  await playFade.press("End");
  for (let i = 0; i < before.length; i++) await playFade.press("Backspace");
  await playFade.pressSequentially("12");
  await expect(playFade).toHaveValue("12");
  await playFade.blur();
  await expect(playFade).toHaveValue("12");
});
