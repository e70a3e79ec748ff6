import { expect, type Locator, type Page } from "@playwright/test";

export class SearchPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/search");
    await expect(this.page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();
  }

  async search(q: string): Promise<void> {
    await this.page.getByRole("searchbox").fill(q);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
  }

  results(): Locator {
    return this.page.locator(".search-results .entry-card");
  }
}
