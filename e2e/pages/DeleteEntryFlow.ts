import { expect, type Locator, type Page } from "@playwright/test";

/** The "Delete entry" button on the entry page, its confirmation dialog and the undo banner. */
export class DeleteEntryFlow {
  readonly dialog: Locator;
  readonly banner: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Delete this entry?" });
    this.banner = page.getByTestId("delete-banner");
  }

  openButton(): Locator {
    return this.page.locator(".editor-toolbar").getByRole("button", { name: "Delete entry" });
  }

  async open(): Promise<void> {
    await this.openButton().click();
    await expect(this.dialog).toBeVisible();
  }

  /** Confirms in the dialog and lands on the journal list. */
  async confirm(): Promise<void> {
    await this.dialog.getByRole("button", { name: "Delete entry" }).click();
    await expect(this.page).toHaveURL(/\/journal$/);
    await expect(this.banner).toContainText("Entry deleted");
  }

  card(id: string): Locator {
    return this.page.locator(`main .entry-list .entry-card[data-entry-id="${id}"]`);
  }

  async undo(): Promise<void> {
    await this.banner.getByRole("button", { name: "Undo" }).click();
  }
}
