import { expect, type Locator, type Page } from "@playwright/test";

/** The Insights page (/insights). */
export class InsightsPage {
  readonly summary: Locator;
  readonly effects: Locator;
  readonly effectsTable: Locator;
  readonly notEnough: Locator;
  readonly calendar: Locator;
  readonly calendarTable: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId("insights-summary");
    this.effects = page.getByTestId("effects-section");
    this.effectsTable = page.getByTestId("effects-chart-data");
    this.notEnough = page.getByTestId("not-enough");
    this.calendar = page.getByTestId("calendar");
    this.calendarTable = page.getByTestId("calendar-data");
  }

  async openFromHeader(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    await expect(this.summary.or(this.page.getByTestId("insights-empty"))).toBeVisible();
  }

  /** Opens the "Show as a table" alternative under a chart. */
  async showTable(chartTestId: string): Promise<void> {
    const details = this.page.getByTestId(`${chartTestId}-table`);
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
    await expect(details.locator("table")).toBeVisible();
  }

  /** A row of the per-sound estimates table, by generator id. */
  effectRow(key: string): Locator {
    return this.effectsTable.locator(`tbody tr[data-key="${key}"]`);
  }

  effectCell(key: string, col: "n" | "mean" | "ci" | "dz"): Locator {
    return this.effectRow(key).locator(`td[data-col="${col}"]`);
  }

  notEnoughItem(key: string): Locator {
    return this.notEnough.locator(`li[data-key="${key}"]`);
  }

  async chooseMeasure(label: "Anxiety (0–100)" | "Pleasantness (1–9)" | "Energy (1–9)"): Promise<void> {
    await this.effects.getByLabel("Measure").selectOption({ label });
  }

  async groupBy(name: "Sounds" | "Scenes" | "Your own audio"): Promise<void> {
    await this.effects.getByRole("radio", { name }).check();
  }
}
