import { expect, type Locator, type Page } from "@playwright/test";

/** The studio (/studio): mixer, placement pad, share link, sleep timer, diagnostics. */
export class StudioPage {
  readonly layers: Locator;
  readonly playToggle: Locator;
  readonly playState: Locator;
  readonly pad: Locator;
  readonly echoes: Locator;

  constructor(readonly page: Page) {
    this.layers = page.getByTestId("layer");
    this.playToggle = page.getByTestId("play-toggle");
    this.playState = page.getByTestId("play-state");
    this.pad = page.getByTestId("placement-pad");
    this.echoes = page.getByTestId("diag-echoes");
  }

  async goto(hash = ""): Promise<void> {
    await this.page.goto(`/studio${hash}`);
    await expect(this.page.getByRole("heading", { name: "Studio", level: 1 })).toBeVisible();
  }

  /** Opens the studio through the header link (a client-side navigation keeps audio playing). */
  async openFromHeader(): Promise<void> {
    await this.page.getByRole("link", { name: "Studio", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Studio", level: 1 })).toBeVisible();
  }

  async addLayer(soundLabel: string): Promise<void> {
    const before = await this.layers.count();
    await this.page.getByRole("combobox", { name: "Sound to add" }).selectOption({ label: soundLabel });
    await this.page.getByRole("button", { name: "Add layer" }).click();
    await expect(this.layers).toHaveCount(before + 1);
  }

  layer(index: number): Locator {
    return this.layers.nth(index);
  }

  dot(layerLabel: string): Locator {
    return this.pad.getByRole("slider", { name: `${layerLabel} position` });
  }

  async play(): Promise<void> {
    await this.playToggle.click();
    await expect(this.playState).toHaveText("Playing");
  }

  /** Output level in dBFS from the AnalyserNode tap (−Infinity when silent or stopped). */
  async level(): Promise<number> {
    return this.page.evaluate(() => {
      const p = (window as unknown as { __meridianPlayer?: { level(): number } }).__meridianPlayer;
      const v = p ? p.level() : Number.NEGATIVE_INFINITY;
      return Number.isFinite(v) ? v : -999;
    });
  }

  async expectSignal(): Promise<void> {
    await expect
      .poll(() => this.level(), { timeout: 15_000, message: "output level (dBFS)" })
      .toBeGreaterThan(-60);
  }

  async expectSilence(): Promise<void> {
    await expect
      .poll(() => this.level(), { timeout: 15_000, message: "output level (dBFS)" })
      .toBeLessThan(-90);
  }

  /** Generator ids, layer ids and positions, as the page shows them. */
  async layerSummary(): Promise<string[]> {
    const out: string[] = [];
    for (const layer of await this.layers.all()) {
      const sound = await layer.getByRole("combobox", { name: /^Sound of layer/ }).inputValue();
      out.push(`${await layer.getAttribute("aria-label")}|${sound}`);
    }
    for (const dot of await this.pad.getByRole("slider").all()) {
      out.push(`${await dot.getAttribute("aria-label")}: ${await dot.getAttribute("aria-valuetext")}`);
    }
    return out;
  }

  async stats(): Promise<{ echoes: number; latencyMs: number | null; roundTripMs: number | null }> {
    return this.page.evaluate(() => {
      const p = (
        window as unknown as {
          __meridianPlayer?: {
            snapshot: { echoes: number; latencyMs: number | null; roundTripMs: number | null };
          };
        }
      ).__meridianPlayer;
      const s = p?.snapshot;
      return { echoes: s?.echoes ?? 0, latencyMs: s?.latencyMs ?? null, roundTripMs: s?.roundTripMs ?? null };
    });
  }
}
