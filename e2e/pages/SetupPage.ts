import { expect, type Page } from "@playwright/test";

export class SetupPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Welcome to Meridian" })).toBeVisible();
  }

  async createOwner(username: string, password: string): Promise<void> {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create owner account" }).click();
    // After sign-in the home page is Today (the journal lives at /journal).
    await expect(this.page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  }
}
