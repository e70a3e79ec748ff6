import { expect, type Locator, type Page } from "@playwright/test";

export class EditorPage {
  readonly body: Locator;
  readonly title: Locator;
  readonly status: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.body = page.getByRole("textbox", { name: "Journal entry" });
    this.title = page.getByLabel("Title", { exact: true });
    this.status = page.getByTestId("save-status").first();
    this.notice = page.getByTestId("restore-notice");
  }

  async gotoNew(): Promise<void> {
    await this.page.goto("/entries/new");
    await this.ready();
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/entries/${id}`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.body).toBeVisible();
    // The new-entry page puts its client id into the URL before any typing.
    await expect(this.page).toHaveURL(/\/entries\/(new\?draft=.+|[^/?]+$)/);
  }

  /** Types at the end of the entry text. */
  async type(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async text(): Promise<string> {
    const lines = await this.body.locator(".cm-line").allTextContents();
    return lines.join("\n").replace(/\u200b/g, "");
  }

  async expectStatus(label: string | RegExp, timeout = 10_000): Promise<void> {
    await expect(this.status).toHaveText(label, { timeout });
  }

  async expectSaved(timeout = 10_000): Promise<void> {
    await this.expectStatus("Saved", timeout);
  }

  entryIdFromUrl(): string {
    const m = /\/entries\/([^/?#]+)$/.exec(new URL(this.page.url()).pathname);
    if (!m?.[1] || m[1] === "new") throw new Error(`no entry id in ${this.page.url()}`);
    return decodeURIComponent(m[1]);
  }

  async pickRandomPrompt(): Promise<string> {
    await this.page.getByRole("button", { name: /Give me a prompt|Shuffle/ }).click();
    const prompt = this.page.getByTestId("prompt-text");
    await expect(prompt).toBeVisible();
    return ((await prompt.textContent()) ?? "").trim();
  }

  async togglePreview(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Preview" }).click();
    const preview = this.page.getByTestId("preview");
    await expect(preview).toBeVisible();
    return preview;
  }

  mergeView(): Locator {
    return this.page.getByTestId("merge-view");
  }
}
