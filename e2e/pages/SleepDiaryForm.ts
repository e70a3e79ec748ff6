import { expect, type Locator, type Page } from "@playwright/test";

export interface DiaryAnswers {
  intoBed: string;
  triedToSleep: string;
  minutesToFallAsleep: number;
  awakenings: number;
  minutesAwake: number;
  finalAwakening: string;
  outOfBed: string;
  quality: string;
  rested: string;
  listenedMinutes?: number;
}

/** The morning sleep diary page. */
export class SleepDiaryForm {
  readonly night: Locator;
  readonly derived: Locator;

  constructor(readonly page: Page) {
    this.night = page.getByLabel("Which night?");
    this.derived = page.getByTestId("sleep-derived");
  }

  async ready(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Sleep diary", level: 1 })).toBeVisible();
    await expect(this.page.getByLabel("What time did you get into bed?")).toBeVisible();
  }

  async chooseNight(date: string): Promise<void> {
    await this.night.fill(date);
    await expect(this.page).toHaveURL(new RegExp(`night=${date}`));
    await this.ready();
  }

  async fill(a: DiaryAnswers): Promise<void> {
    const p = this.page;
    await p.getByLabel("What time did you get into bed?").fill(a.intoBed);
    await p.getByLabel("What time did you try to go to sleep?").fill(a.triedToSleep);
    await p.getByLabel("How long did it take you to fall asleep?").fill(String(a.minutesToFallAsleep));
    await p.getByLabel("How many times did you wake up").fill(String(a.awakenings));
    await p.getByLabel("In total, how long did these awakenings last?").fill(String(a.minutesAwake));
    await p.getByLabel("What time was your final awakening?").fill(a.finalAwakening);
    await p.getByLabel("What time did you get out of bed for the day?").fill(a.outOfBed);
    await p
      .getByRole("group", { name: "How would you rate the quality of your sleep?" })
      .getByRole("radio", { name: a.quality, exact: true })
      .check();
    await p
      .getByRole("group", { name: /How rested or refreshed/ })
      .getByRole("radio", { name: a.rested, exact: true })
      .check();
    const listened = p.getByRole("group", { name: "Did you listen to something to fall asleep?" });
    if (a.listenedMinutes !== undefined) {
      await listened.getByRole("radio", { name: "Yes" }).check();
      await p.getByLabel("For how long?").fill(String(a.listenedMinutes));
    } else {
      await listened.getByRole("radio", { name: "No" }).check();
    }
  }

  async save(): Promise<void> {
    await this.page.getByRole("button", { name: /^(Save|Update) diary$/ }).click();
  }

  derivedValue(id: "tib" | "tst" | "se" | "sol" | "waso" | "after"): Locator {
    return this.page.getByTestId(`derived-${id}`).locator("dd");
  }

  fieldError(field: string): Locator {
    return this.page.getByTestId(`error-${field}`);
  }
}
