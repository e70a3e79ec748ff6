import { expect, type Page } from "@playwright/test";

/** Words that would give the blinding away while an experiment runs: any sentence pairing a
 * soundscape with the arm it plays, or the schedule's seed and plan hash. */
export const REVEALING = [
  /Soundscape [AB] (is|was) (the )?(trigger|condition|sham|control)/i,
  /(trigger|condition|sham|control) (is|was) Soundscape [AB]/i,
  /\b[0-9a-f]{64}\b/,
];

/** The Experiments pages: designer, interim view, tonight's evening and the report. */
export class ExperimentPages {
  constructor(readonly page: Page) {}

  /** From the list's "New experiment" link to the designer. */
  async openDesigner(): Promise<void> {
    await this.page.goto("/experiments");
    await expect(this.page.getByRole("heading", { name: "Experiments", level: 1 })).toBeVisible();
    await this.page.getByRole("link", { name: "New experiment" }).click();
    await expect(this.page.getByRole("heading", { name: "New experiment", level: 1 })).toBeVisible();
  }

  /** Fills the designer: the whisper layer of "Whispered bedtime" against a matched sham. */
  async design(name: string): Promise<void> {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByRole("radio", { name: /A trigger vs a matched sham/ }).check();
    await this.page.getByLabel("Scene", { exact: true }).selectOption("whispered-bedtime");
    await this.page.getByLabel("Trigger (a layer of that scene)").selectOption("whisper");
  }

  /** Checks the visible text of the current page names no condition. */
  async expectBlind(): Promise<void> {
    const text = (await this.page.locator("body").textContent()) ?? "";
    for (const re of REVEALING) expect(text, `page ${this.page.url()} reveals ${re}`).not.toMatch(re);
  }
}
