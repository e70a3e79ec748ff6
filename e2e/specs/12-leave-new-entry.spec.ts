import type { Entry } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("leaving a new entry before its first save lands keeps you where you went", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.gotoNew();

  // Hold the first create until the writer has moved on to the journal.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let creates = 0;
  await page.route("**/api/entries", async (route) => {
    if (route.request().method() === "POST") {
      creates += 1;
      await held;
    }
    await route.continue();
  });

  await editor.type("A short note before bed.");
  await expect.poll(() => creates, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Journal", exact: true }).first().click();
  await expect(page).toHaveURL(/\/journal$/);

  release();
  // The save lands in the background; the address and the page stay on the journal.
  await expect
    .poll(async () => (await apiJson<{ entries: Entry[] }>(page, "GET", "/api/entries")).entries.length, {
      timeout: 15_000,
    })
    .toBe(1);
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/journal$/);
  await expect(page.getByRole("heading", { name: "Journal", level: 1 })).toBeVisible();
});
