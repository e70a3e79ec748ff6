import { expect, test } from "../fixtures/test";
import { CheckupForm } from "../pages/CheckupForm";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

const PHQ8 = [
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself—or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things, such as reading the newspaper or watching television",
  "Moving or speaking so slowly that other people could have noticed. Or the opposite—being so fidgety or restless that you have been moving around a lot more than usual",
];

const GAD7 = [
  "Feeling nervous, anxious, or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid, as if something awful might happen",
];

const PFIZER =
  /Developed by Drs\. Robert L\. Spitzer, Janet B\.W\. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc\./;

test("PHQ-8 at 16 shows the band, 'not a diagnosis' and prominent crisis resources first", async ({
  page,
}) => {
  const form = new CheckupForm(page);
  await form.goto("phq8", "PHQ-8 mood check-up");
  await expect(
    page.getByText(
      "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    ),
  ).toBeVisible();
  await expect(page.getByTestId("form-credit")).toHaveText(PFIZER);
  await expect(page.getByTestId("cadence")).toContainText("every 2 weeks");

  // Submitting with questions left shows what's missing and stores nothing.
  await form.answer(PHQ8[0] ?? "", "More than half the days");
  await page.getByRole("button", { name: "See my result" }).click();
  await expect(page.getByRole("alert")).toContainText("7 left");
  await expect(form.result).toHaveCount(0);

  for (const item of PHQ8) await form.answer(item, "More than half the days"); // 8 × 2 = 16
  await form.submit();

  await expect(form.result.getByTestId("result-total")).toHaveText("16");
  await expect(form.result.getByTestId("result-band")).toHaveText("moderately severe");
  await expect(form.result.getByTestId("not-diagnosis")).toHaveText("Screening score, not a diagnosis");
  await expect(form.result.getByTestId("result-credit")).toHaveText(PFIZER);
  await expect(form.crisis).toHaveAttribute("data-prominent", "true");
  await expect(form.crisis).toContainText("988");
  await expect(form.crisis).toContainText("116 123");
  await expect(form.crisis).toContainText("findahelpline.com");
  await expect(form.crisis.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
  await expect(form.crisis.getByRole("link", { name: "Call 116 123" })).toHaveAttribute("href", "tel:116123");
  // Prominent means at the top of the result, before the score.
  const crisisTop = (await form.crisis.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
  const scoreTop = (await form.result.getByTestId("result-total").boundingBox())?.y ?? 0;
  expect(crisisTop).toBeLessThan(scoreTop);
  await expect(form.crisis).toHaveClass(/crisis-prominent/);

  // History: a chart and its table.
  await expect(page.getByTestId("history-chart").locator("svg")).toBeVisible();
  await expect(page.getByRole("table", { name: "PHQ-8 scores by date" })).toContainText("16");
});

test("GAD-7 at a low score shows the band with crisis resources at the foot, not prominent", async ({
  page,
}) => {
  const form = new CheckupForm(page);
  await form.goto("gad7", "GAD-7 anxiety check-up");
  for (const [i, item] of GAD7.entries()) await form.answer(item, i === 3 ? "Several days" : "Not at all");
  await form.submit();

  await expect(form.result.getByTestId("result-total")).toHaveText("1");
  await expect(form.result.getByTestId("result-band")).toHaveText("minimal");
  await expect(form.result.getByTestId("not-diagnosis")).toBeVisible();
  await expect(form.result.getByTestId("result-credit")).toHaveText(PFIZER);
  await expect(form.crisis).toHaveAttribute("data-prominent", "false");
  await expect(form.crisis).not.toHaveClass(/crisis-prominent/);
  await expect(form.crisis).toContainText("988");
  await expect(form.crisis).toContainText("116 123");
  const crisisTop = (await form.crisis.boundingBox())?.y ?? 0;
  const scoreTop =
    (await form.result.getByTestId("result-total").boundingBox())?.y ?? Number.POSITIVE_INFINITY;
  expect(crisisTop).toBeGreaterThan(scoreTop);
  await expect(page.getByTestId("cadence")).toContainText("every 2 weeks");

  // The Help page lists the same resources, from core.
  await page.getByRole("link", { name: "Help & crisis support" }).first().click();
  await expect(page.getByTestId("crisis-resources")).toContainText("116 123");
  await expect(page.getByTestId("sleep-definitions")).toContainText("Sleep efficiency");
});

test("GAD-7 answered to a total of 10 shows 'moderate', the credit line and the crisis link", async ({
  page,
}) => {
  const form = new CheckupForm(page);
  await form.goto("gad7", "GAD-7 anxiety check-up");
  // 3 + 3 + 2 + 1 + 1 + 0 + 0 = 10, the first score of the moderate band (10–14).
  const answers = [
    "Nearly every day",
    "Nearly every day",
    "More than half the days",
    "Several days",
    "Several days",
    "Not at all",
    "Not at all",
  ];
  for (const [i, item] of GAD7.entries()) await form.answer(item, answers[i] ?? "Not at all");
  await form.submit();

  await expect(form.result.getByTestId("result-total")).toHaveText("10");
  await expect(form.result.getByTestId("result-band")).toHaveText("moderate");
  await expect(form.result.getByTestId("not-diagnosis")).toHaveText("Screening score, not a diagnosis");
  await expect(form.result.getByTestId("result-credit")).toHaveText(PFIZER);
  // Below 15 the resources are present but not pushed to the top.
  await expect(form.crisis).toHaveAttribute("data-prominent", "false");
  await expect(form.crisis.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
  await expect(form.crisis).toContainText("findahelpline.com");
});
