import { expect, type Locator, type Page } from "@playwright/test";

/** The voice layers of the studio (or the Listen step): the picker, each layer's card. */
export class VoiceLayers {
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.cards = page.getByTestId("voice-layer");
  }

  async add(label: string): Promise<Locator> {
    const before = await this.cards.count();
    await this.page.getByRole("combobox", { name: "Voice to add" }).selectOption({ label });
    await this.page.getByRole("button", { name: "Add voice" }).click();
    await expect(this.cards).toHaveCount(before + 1);
    return this.cards.nth(before);
  }

  card(title: string): Locator {
    return this.page.getByRole("listitem", { name: `Voice: ${title}` });
  }

  position(title: string): Locator {
    return this.card(title).getByTestId("voice-position");
  }

  /** The 1-based sentence number the card shows. */
  async sentence(title: string): Promise<number> {
    const text = (await this.position(title).textContent()) ?? "";
    return Number(/Sentence (\d+)/.exec(text)?.[1] ?? Number.NaN);
  }
}
