import type { Experiment, ExperimentToday } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { ExperimentPages, REVEALING } from "../pages/ExperimentPages";
import { SessionFlow } from "../pages/SessionFlow";
import { StudioPage } from "../pages/StudioPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("design a blinded experiment, run tonight's evening through the UI, stop early, read the report", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pages = new ExperimentPages(page);
  const flow = new SessionFlow(page);

  // Empty state, then the designer with its defaults and errors next to the fields.
  await page.goto("/experiments");
  await expect(page.getByText("No experiments yet")).toBeVisible();
  await pages.openDesigner();
  await pages.design("");
  await expect(page.getByLabel("Pairs of evenings")).toHaveValue("6");
  await expect(page.getByText("Left empty: 10 points.")).toBeVisible();
  // GET /api/experiments/power answers before Start (no past evenings here: the default).
  await expect(page.getByTestId("power-guidance")).toContainText(
    "Not enough past data (0 of 8 evenings with anxiety): default 6 pairs.",
  );
  await page.getByLabel("Pairs of evenings").fill("0");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.locator("#exp-name-err")).toHaveText(/Give the experiment a name/);
  await expect(page.locator("#exp-pairs-err")).toHaveText(/from 1 to 20/);
  await expect(page.getByLabel("Name")).toBeFocused();
  await page.getByLabel("Name").fill("Whispering before bed");
  await page.getByLabel("Pairs of evenings").fill("6");
  await expect(page.getByText("Changing anything later means starting a new experiment.")).toBeVisible();
  await page.getByRole("button", { name: "Start", exact: true }).click();

  // The interim view: completion only.
  const interim = page.getByTestId("experiment-interim");
  await expect(interim).toBeVisible({ timeout: 60_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  expect(id).not.toBe("new");
  await expect(interim).toContainText("Evenings recorded");
  await expect(interim).toContainText("Evenings left");
  // Power guidance from the (empty) past: the default.
  await expect(
    page.getByText(/Not enough past data \(0 of 8 evenings with anxiety\): default 6 pairs\./),
  ).toBeVisible();
  await pages.expectBlind();

  // Today: tonight's evening under its neutral name.
  await flow.gotoToday();
  const card = page.getByTestId("today-experiment");
  await expect(card.getByRole("heading")).toHaveText("Experiment: evening 1 of 12");
  await expect(card).toContainText(/Tonight plays Soundscape [AB]\./);
  await pages.expectBlind();
  const today = await apiJson<ExperimentToday>(page, "GET", "/api/experiments/today");
  const raw = JSON.stringify(today);
  for (const re of REVEALING) expect(raw).not.toMatch(re);
  expect(raw).not.toMatch(/"(seed|blinding|planHash)"/);
  const label = today.experiment?.soundscapeLabel ?? "";
  expect(label).toMatch(/^Soundscape [AB]$/);

  // Tonight's session through the real UI.
  await card.getByRole("link", { name: "Start tonight's session" }).click();
  await expect(page.getByRole("heading", { name: "Check in", level: 1 })).toBeVisible();
  await flow.moodCell(5, 5).click();
  await flow.setSlider("How anxious do you feel right now?", 60);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Before you listen", level: 1 })).toBeVisible();
  await expect(page.getByText(/^How much do you expect tonight's sound to help/)).toBeVisible();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(/Choose a number from 0 to 10/);
  await page.getByRole("radio", { name: "6", exact: true }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Listen", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: `Play ${label}` })).toBeVisible();
  await pages.expectBlind();
  // Playing, then opening the studio from the header: the studio gets an empty mix, not the
  // masked soundscape's layers (so nothing to save as a preset, render or share).
  await page.getByRole("button", { name: `Play ${label}` }).click();
  await expect(page.getByRole("button", { name: `Pause ${label}` })).toBeVisible();
  const studio = new StudioPage(page);
  await studio.openFromHeader();
  await expect(studio.layers).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("Soundscape");
  await pages.expectBlind();
  // Going back (or a reload, or a closed tab) resumes tonight's session instead of starting a second one.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Listen", level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Listen", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "End and check out" }).click();
  await expect(page.getByRole("heading", { name: "Check out", level: 1 })).toBeVisible();
  await flow.moodCell(7, 4).click();
  await flow.setSlider("How anxious do you feel right now?", 30);
  await flow.setSlider("Did you feel any tingles?", 3);
  await flow.setSlider("How relaxed do you feel right now?", 7);
  await page.getByRole("button", { name: "Check out", exact: true }).click();
  await expect(page.getByRole("group", { name: /^Which soundscape do you think/ })).toBeVisible();
  await page.getByRole("radio", { name: "I don't know" }).check();
  await page.getByRole("button", { name: "Record tonight" }).click();
  await expect(page.getByTestId("tonight-recorded")).toBeVisible();
  await pages.expectBlind();
  const sessions = await apiJson<{ sessions: unknown[] }>(page, "GET", "/api/sessions");
  expect(sessions.sessions).toHaveLength(1);
  // The recorded session is masked: no scene whose generators tell the arm, nothing of what
  // played until the end, only the neutral soundscape.
  expect(sessions.sessions[0]).toMatchObject({
    scene: null,
    media: [],
    condition: { kind: "masked", experimentId: id, armLabel: label.slice(-1), revealed: false },
  });

  // Today now says the evening is recorded; the list shows progress; the studio names nothing.
  await flow.gotoToday();
  await expect(page.getByTestId("today-experiment").getByRole("heading")).toHaveText(
    "Experiment: evening 1 of 12 is recorded",
  );
  await pages.expectBlind();
  await page.goto("/experiments");
  await expect(page.getByTestId("experiment-list")).toContainText("Whispering before bed");
  await expect(page.getByTestId("experiment-list")).toContainText("Running");
  await pages.expectBlind();
  await page.goto("/studio");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await pages.expectBlind();

  // The report is refused while running.
  const early = await page.request.get(`/api/experiments/${id}/report`);
  expect(early.status()).toBe(409);

  // Stop early: a confirm dialog says it will be in the report; Escape cancels.
  await page.goto(`/experiments/${id}`);
  await page.getByRole("button", { name: "Stop early" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("it will say that you stopped early");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await apiJson<Experiment>(page, "GET", `/api/experiments/${id}`)).status).toBe("running");
  await page.getByRole("button", { name: "Stop early" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Stop the experiment" }).click();

  // The report: verdict, chart with its table, statistics, hash, deviations, Markdown.
  const report = page.getByTestId("experiment-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("experiment-verdict")).toContainText(/Can't tell/i);
  await expect(page.getByTestId("experiment-chart").locator("svg").first()).toBeVisible();
  await page.getByTestId("experiment-chart-table").locator("summary").click();
  const rows = page.getByTestId("experiment-chart-data").locator("tbody tr");
  await expect(rows).toHaveCount(12);
  await expect(rows.first()).toContainText("30");
  const stats = page.getByTestId("experiment-stats");
  await expect(stats).toContainText("Complete pairs");
  await expect(stats).toContainText("0 of 6 (1 of 12 evenings recorded)");
  await expect(stats).toContainText("Guesses");
  await expect(page.getByTestId("experiment-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("experiment-deviations")).toContainText("Stopped early on");
  const md = await page.request.get(
    (await page.getByRole("link", { name: "Download Markdown" }).getAttribute("href")) ?? "",
  );
  expect(md.status()).toBe(200);
  const text = await md.text();
  expect(text).toMatch(/^# Experiment report: /);
  expect(text).toContain("## Deviations");
});

test("one experiment at a time, the server's error beside the form, and unblinding early", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pages = new ExperimentPages(page);
  // The first experiment, started through the API; the next one, through the designer.
  const created = await apiJson<Experiment>(page, "POST", "/api/experiments", {
    name: "Brushing vs without",
    plan: {
      comparison: { kind: "trigger-vs-without", sceneId: "whispered-bedtime", layerId: "brush" },
      primaryOutcome: "anxiety-change",
      pairs: 6,
    },
  });
  expect(created.status).toBe("running");
  await page.goto("/experiments");
  await expect(page.getByTestId("experiment-list")).toContainText("Brushing vs without");
  await expect(page.getByTestId("experiment-list")).toContainText("evening 1 of 12");
  await expect(page.getByRole("link", { name: "New experiment" })).toHaveCount(0);

  await page.goto("/experiments/new");
  await expect(page.getByRole("heading", { name: "New experiment", level: 1 })).toBeVisible();
  await pages.design("A second one");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Another experiment is running");

  // Unblind early from the interim view, keyboard only: the dialog explains, Enter confirms.
  await page.goto(`/experiments/${created.id}`);
  await pages.expectBlind();
  await page.getByRole("button", { name: "Unblind early" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The report will say that you unblinded early");
  await dialog.getByRole("button", { name: "Unblind now" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("experiment-report")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("experiment-verdict")).toContainText(/Can't tell/i);
  await expect(page.getByTestId("experiment-deviations")).toContainText("Unblinded early on");
  await expect(page.getByTestId("experiment-report")).toContainText(/was Soundscape [AB]/);
  await page.goto("/experiments");
  await expect(page.getByTestId("experiment-list")).toContainText("Unblinded early");
  await expect(page.getByTestId("experiment-list")).toContainText("report ready");
});
