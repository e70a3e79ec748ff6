import { expect, type Page } from "@playwright/test";

export class SetupPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Welcome to Meridian" })).toBeVisible();
  }

  /** Creates the owner, confirms the recovery key was saved, and returns that key. */
  async createOwner(username: string, password: string): Promise<string> {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create owner account" }).click();
    const recoveryKey = await confirmRecoveryKey(this.page);
    // After sign-in the home page is Today (the journal lives at /journal).
    await expect(this.page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    return recoveryKey;
  }
}

/** The recovery key screen after creating an account: reads the key, ticks "I have saved my
 * recovery key" (Continue stays disabled until then) and continues. */
export async function confirmRecoveryKey(page: Page): Promise<string> {
  await expect(page.getByRole("heading", { name: "Save your recovery key" })).toBeVisible();
  const recoveryKey = (await page.getByTestId("recovery-key").textContent())?.trim() ?? "";
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  const go = page.getByRole("button", { name: "Continue to my journal" });
  await expect(go).toBeDisabled();
  await page.getByLabel("I have saved my recovery key").check();
  await go.click();
  return recoveryKey;
}
