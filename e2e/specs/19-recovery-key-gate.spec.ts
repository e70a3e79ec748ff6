import { expect, test } from "../fixtures/test";
import { confirmRecoveryKey, SetupPage } from "../pages/SetupPage";

test("Reloading before confirming the recovery key shows the same key again, until it is confirmed", async ({
  page,
}) => {
  const setup = new SetupPage(page);
  await setup.goto();
  await page.getByLabel("Username").fill("luna");
  await page.getByLabel("Password").fill("quiet-night-rain-42");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible();
  const shown = (await page.getByTestId("recovery-key").textContent())?.trim();

  // Reload (already signed in by the cookie): the gate is still there, with the same key.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible();
  await expect(page.getByTestId("recovery-key")).toHaveText(shown ?? "");
  // Another page by address: still the gate.
  await page.goto("/journal");
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible();

  expect(await confirmRecoveryKey(page)).toBe(shown);
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  // Confirmed: gone for good, and the key is no longer kept in the tab.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(shown ?? "-");
});

test("Signing out before confirming removes the recovery key from the tab", async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.goto();
  await page.getByLabel("Username").fill("luna");
  await page.getByLabel("Password").fill("quiet-night-rain-42");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible();
  const shown = (await page.getByTestId("recovery-key").textContent())?.trim() ?? "";
  expect(shown).not.toBe("");
  // Reloaded, signed in by the cookie: the gate waits with the key kept in this tab.
  await page.reload();
  await expect(page.getByTestId("recovery-key")).toHaveText(shown);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain(shown);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(shown);
  // Nor does it come back after a reload or signing in again.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(shown);
  await page.getByLabel("Username").fill("luna");
  await page.getByLabel("Password").fill("quiet-night-rain-42");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toHaveCount(0);
});
