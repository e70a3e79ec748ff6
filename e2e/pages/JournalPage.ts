import { expect, type Locator, type Page } from "@playwright/test";

export class JournalPage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/journal${query}`);
    await expect(this.page.getByRole("heading", { name: "Journal", level: 1 })).toBeVisible();
  }

  entryCards(): Locator {
    return this.page.locator("main .entry-list .entry-card");
  }

  async newEntry(): Promise<void> {
    await this.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "New entry" })
      .click();
    await expect(this.page.getByRole("textbox", { name: "Journal entry" })).toBeVisible();
  }
}
