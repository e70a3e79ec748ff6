import { autoplayChromiumLaunch } from "../fixtures/chromium";
import { expect, test } from "../fixtures/test";
import { StudioPage } from "../pages/StudioPage";

test.use({ launchOptions: autoplayChromiumLaunch });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

interface Sample {
  fade: number;
  level: number;
}

/** Fade gain and output level (dBFS) every 50 ms for `ms`. */
function sample(page: import("@playwright/test").Page, ms: number): Promise<Sample[]> {
  return page.evaluate(async (ms) => {
    const p = (window as unknown as { __meridianPlayer: { fadeLevel(): number; level(): number } })
      .__meridianPlayer;
    const out: { fade: number; level: number }[] = [];
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const level = p.level();
      out.push({ fade: p.fadeLevel(), level: Number.isFinite(level) ? level : -999 });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      await new Promise((r) => setTimeout(r, 40));
    }
    return out;
  }, ms);
}

test("Sleep timer: extending during the final fade ramps back up from the current level (test clock)", async ({
  page,
}) => {
  await page.clock.install();
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addLayer("Brown noise");
  await studio.play();
  await studio.expectSignal();
  await page.waitForTimeout(2500); // past the fade-in: full level
  const before = await sample(page, 600);
  const fullLevel = before.reduce((a, s) => a + s.level, 0) / before.length;

  await page.getByRole("combobox", { name: "Stop after" }).selectOption("15");
  await page.getByRole("spinbutton", { name: "Fade-out (s)" }).fill("20");
  await page.getByRole("button", { name: "Start sleep timer" }).click();
  // 14:50 on: the last 10 s, inside the 20 s fade.
  await page.clock.fastForward("14:50");
  await expect(page.getByText("fading out…")).toBeVisible();
  const fading = await sample(page, 2500);
  const mid = fading[fading.length - 1] as Sample;
  expect(mid.fade).toBeLessThan(0.9);
  expect(mid.fade).toBeGreaterThan(0.2);

  await page.getByRole("button", { name: "+15 min" }).click();
  const after = await sample(page, 3000);
  await expect(page.getByText("fading out…")).toHaveCount(0);
  await expect(page.getByTestId("sleep-remaining")).toHaveText(/^15:\d\d$/);

  // From where it was, up, never down: no restart from silence, no jump.
  const first = after[0] as Sample;
  expect(first.fade).toBeGreaterThan(mid.fade - 0.1);
  for (let i = 1; i < after.length; i++) {
    expect((after[i] as Sample).fade).toBeGreaterThanOrEqual((after[i - 1] as Sample).fade - 1e-6);
  }
  expect((after[after.length - 1] as Sample).fade).toBeGreaterThan(0.99);
  // The sound itself never dropped towards silence on the way up (a restarted engine would).
  const lowest = Math.min(...after.map((s) => s.level));
  expect(lowest).toBeGreaterThan(20 * Math.log10(mid.fade) + fullLevel - 8);
  const end = await sample(page, 500);
  expect(end.reduce((a, s) => a + s.level, 0) / end.length).toBeGreaterThan(fullLevel - 3);
  expect(await studio.playState.textContent()).toBe("Playing");

  // Cancelling during a fade does the same.
  await page.clock.fastForward("14:55");
  await expect(page.getByText("fading out…")).toBeVisible();
  await page.waitForTimeout(1500);
  const dip = (await sample(page, 100))[0] as Sample;
  expect(dip.fade).toBeLessThan(0.95);
  await page.getByRole("button", { name: "Cancel timer" }).click();
  const back = await sample(page, 2600);
  expect((back[0] as Sample).fade).toBeGreaterThan(dip.fade - 0.1);
  expect((back[back.length - 1] as Sample).fade).toBeGreaterThan(0.99);
  await expect(page.getByTestId("sleep-remaining")).toHaveCount(0);
  await expect(studio.playState).toHaveText("Playing");
});
