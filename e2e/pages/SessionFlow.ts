import { expect, type Locator, type Page } from "@playwright/test";

/** Today page and the session ritual (check-in → listen → write → check-out → summary). */
export class SessionFlow {
  readonly body: Locator;
  readonly saveStatus: Locator;
  readonly summary: Locator;
  readonly moodReadout: Locator;

  constructor(readonly page: Page) {
    this.body = page.getByRole("textbox", { name: "Journal entry" });
    this.saveStatus = page.getByTestId("save-status").first();
    this.summary = page.getByTestId("session-summary");
    this.moodReadout = page.getByTestId("mood-readout");
  }

  async gotoToday(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  }

  async begin(): Promise<void> {
    await this.page.getByRole("link", { name: "Begin a session" }).click();
    await expect(this.page.getByRole("heading", { name: "Check in", level: 1 })).toBeVisible();
  }

  moodCell(pleasantness: number, energy: number): Locator {
    return this.page.getByRole("radio", {
      name: new RegExp(`^Pleasantness ${pleasantness} of 9, energy ${energy} of 9:`),
    });
  }

  /** Moves focus with Tab until the element matching `target` has it (at most `max` presses). */
  async tabTo(target: Locator, max = 12): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
  }

  /** Sets a slider with the keyboard only: Home, then ArrowRight `value − min` times. */
  async setSlider(name: string | RegExp, value: number): Promise<void> {
    const slider = this.page.getByRole("slider", { name });
    await this.tabTo(slider, 20);
    await this.page.keyboard.press("Home");
    for (let i = 0; i < value; i++) await this.page.keyboard.press("ArrowRight");
    await expect(slider).toHaveValue(String(value));
  }

  async continue(label = "Continue"): Promise<void> {
    await this.page.getByRole("button", { name: label, exact: true }).click();
  }

  async pickScene(name: string): Promise<void> {
    await this.page.getByRole("radio", { name: new RegExp(`^${name}`) }).check();
  }

  async pickRandomPrompt(): Promise<string> {
    await this.page.getByRole("button", { name: /Give me a prompt|Shuffle/ }).click();
    const prompt = this.page.getByTestId("prompt-text");
    await expect(prompt).toBeVisible();
    return ((await prompt.textContent()) ?? "").trim();
  }

  async startWriting(): Promise<void> {
    await this.page.getByRole("button", { name: "Start writing" }).click();
    await expect(this.body).toBeVisible();
    await expect(this.page).toHaveURL(/\/sessions\/[^/?]+$/);
  }

  async type(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async expectSaved(timeout = 10_000): Promise<void> {
    await expect(this.saveStatus).toHaveText("Saved", { timeout });
  }

  async endSession(): Promise<void> {
    await this.page.getByRole("button", { name: "End and check out" }).click();
    await expect(this.page.getByRole("heading", { name: "Check out", level: 1 })).toBeVisible();
  }

  sessionIdFromUrl(): string {
    const m = /\/sessions\/([^/?#]+)$/.exec(new URL(this.page.url()).pathname);
    if (!m?.[1]) throw new Error(`no session id in ${this.page.url()}`);
    return decodeURIComponent(m[1]);
  }
}
