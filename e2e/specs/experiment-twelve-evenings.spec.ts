import type { Experiment, ExperimentReportView, ExperimentToday } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { ExperimentPages, REVEALING } from "../pages/ExperimentPages";
import { SessionFlow } from "../pages/SessionFlow";

// The server's clock is moved on one day per evening (MERIDIAN_TEST_CLOCK=1, POST /api/test/clock).
test.use({ testClock: true });

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_IN = { pleasantness: 4, energy: 4, anxiety: 60 };
/** Anxiety after listening: Soundscape A calms a lot, B a little (a few points of spread). */
const AFTER: Record<"A" | "B", readonly number[]> = {
  A: [30, 33, 28, 31, 35, 29],
  B: [52, 55, 50, 54, 51, 53],
};

test("a whole twelve-evening experiment on a moved clock: blind throughout, then the report", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const pages = new ExperimentPages(page);
  const flow = new SessionFlow(page);

  // Design through the designer: with no past evenings the guidance keeps 6 pairs.
  await pages.openDesigner();
  await pages.design("Twelve whispered evenings");
  await expect(page.getByTestId("power-guidance")).toContainText(
    "Not enough past data (0 of 8 evenings with anxiety): default 6 pairs.",
  );
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("experiment-interim")).toBeVisible({ timeout: 60_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const created = await apiJson<Experiment>(page, "GET", `/api/experiments/${id}`);
  expect(created.progress.totalEvenings).toBe(12);

  const used = { A: 0, B: 0 };
  const recorded: { soundscape: "A" | "B"; change: number }[] = [];
  for (let evening = 1; evening <= 12; evening++) {
    if (evening > 1) await apiJson(page, "POST", "/api/test/clock", { advanceMs: DAY_MS });
    const today = await apiJson<ExperimentToday>(page, "GET", "/api/experiments/today");
    const t = today.experiment;
    expect(t?.progress.label).toBe(`Experiment: evening ${evening} of 12`);
    const soundscape = t?.soundscape ?? "A";
    const label = t?.soundscapeLabel ?? "";
    const after = AFTER[soundscape][used[soundscape]++] ?? 40;
    recorded.push({ soundscape, change: after - CHECK_IN.anxiety });

    if (evening === 1) {
      // Tonight through the real UI.
      await flow.gotoToday();
      const card = page.getByTestId("today-experiment");
      await expect(card.getByRole("heading")).toHaveText("Experiment: evening 1 of 12");
      await card.getByRole("link", { name: "Start tonight's session" }).click();
      await expect(page.getByRole("heading", { name: "Check in", level: 1 })).toBeVisible();
      await flow.moodCell(4, 4).click();
      await flow.setSlider("How anxious do you feel right now?", CHECK_IN.anxiety);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("radio", { name: "5", exact: true }).check();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await expect(page.getByRole("button", { name: `Play ${label}` })).toBeVisible();
      await page.getByRole("button", { name: "End and check out" }).click();
      await expect(page.getByRole("heading", { name: "Check out", level: 1 })).toBeVisible();
      await flow.moodCell(6, 4).click();
      await flow.setSlider("How anxious do you feel right now?", after);
      await flow.setSlider("Did you feel any tingles?", 2);
      await flow.setSlider("How relaxed do you feel right now?", 6);
      await page.getByRole("button", { name: "Check out", exact: true }).click();
      await page.getByRole("radio", { name: "I don't know" }).check();
      await page.getByRole("button", { name: "Record tonight" }).click();
      await expect(page.getByTestId("tonight-recorded")).toBeVisible();
      continue;
    }

    // The other evenings through the same API the pages use.
    const session = await apiJson<{ id: string; localDate: string }>(
      page,
      "POST",
      `/api/experiments/${id}/evenings/${evening}/session`,
      { checkIn: CHECK_IN },
    );
    await apiJson(page, "PATCH", `/api/sessions/${session.id}`, {
      status: "checked-out",
      checkOut: {
        pleasantness: 6,
        energy: 4,
        anxiety: after,
        tingles: 2,
        relaxation: 6,
        tingleLocations: [],
      },
    });
    await apiJson(page, "POST", `/api/experiments/${id}/evenings`, {
      sessionId: session.id,
      expectation: 5,
      guess: "dont-know",
    });

    if (evening === 7) {
      // Halfway: no page names the condition, the report is still refused.
      await flow.gotoToday();
      await expect(page.getByTestId("today-experiment").getByRole("heading")).toHaveText(
        "Experiment: evening 7 of 12 is recorded",
      );
      await pages.expectBlind();
      await page.goto(`/experiments/${id}`);
      await expect(page.getByTestId("experiment-interim")).toContainText("Evenings recorded");
      await pages.expectBlind();
      await page.goto("/studio");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await pages.expectBlind();
      await page.goto("/insights");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await pages.expectBlind();
      expect((await page.request.get(`/api/experiments/${id}/report`)).status()).toBe(409);
      const raw = JSON.stringify(await apiJson<Experiment>(page, "GET", `/api/experiments/${id}`));
      for (const re of REVEALING) expect(raw).not.toMatch(re);
      expect(raw).toMatch(/"seed":null/);
    }
  }
  expect(used).toEqual({ A: 6, B: 6 });

  // Every evening recorded: the experiment has finished and the report opens.
  const finished = await apiJson<Experiment>(page, "GET", `/api/experiments/${id}`);
  expect(finished).toMatchObject({ status: "finished", reportAvailable: true });
  const { data } = await apiJson<ExperimentReportView>(page, "GET", `/api/experiments/${id}/report`);
  const { condition } = data.blinding as { condition: "A" | "B" };
  const conditionName = (data.labels as { condition: string }).condition;
  // A calmed more than B: the condition helps if it was A, works against you if it was B.
  const verdict =
    condition === "A"
      ? `${conditionName} probably helps you:`
      : `${conditionName} seems to work against you:`;

  await page.goto(`/experiments/${id}`);
  await expect(page.getByTestId("experiment-report")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("experiment-verdict")).toContainText(verdict);
  await expect(page.getByTestId("experiment-report")).toContainText(
    `${conditionName} was Soundscape ${condition}`,
  );
  await expect(page.getByTestId("experiment-chart").locator("svg").first()).toBeVisible();
  await page.getByTestId("experiment-chart-table").locator("summary").click();
  const rows = page.getByTestId("experiment-chart-data").locator("tbody tr");
  await expect(rows).toHaveCount(12);
  for (const [i, r] of recorded.entries()) {
    const cells = rows.nth(i).locator("td");
    await expect(cells.nth(0)).toHaveText(String(i + 1));
    await expect(cells.nth(2)).toHaveText(`Soundscape ${r.soundscape}`);
    await expect(cells.nth(3)).toHaveText(r.soundscape === condition ? conditionName : "the sham");
    await expect(cells.nth(4)).toHaveText(String(r.change));
  }
  await expect(page.getByTestId("experiment-stats")).toContainText("6 of 6");
  await expect(page.getByTestId("experiment-hash")).toHaveText(/^[0-9a-f]{64}$/);
});
