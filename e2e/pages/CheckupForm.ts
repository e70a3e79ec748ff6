import { expect, type Locator, type Page } from "@playwright/test";

/** A check-up questionnaire page (/checkups/:id) and its result. */
export class CheckupForm {
  readonly result: Locator;
  readonly crisis: Locator;

  constructor(readonly page: Page) {
    this.result = page.getByTestId("checkup-result");
    this.crisis = this.result.getByTestId("crisis-resources");
  }

  async goto(id: string, title: string): Promise<void> {
    await this.page.goto(`/checkups/${id}`);
    await expect(this.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  }

  /** Answers item n (1-based) of the numbered questions with the option labelled `option`. */
  async answer(questionText: string, option: string): Promise<void> {
    await this.page
      .getByRole("group", { name: questionText, exact: true })
      .getByRole("radio", { name: option, exact: true })
      .check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole("button", { name: "See my result" }).click();
    await expect(this.result).toBeVisible();
  }
}
