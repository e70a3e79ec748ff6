import { apiJson, expect, test } from "../fixtures/test";
import { SleepDiaryForm } from "../pages/SleepDiaryForm";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

function yesterdayInLondon(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

test("a night crossing midnight shows the derived values after saving", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Fill in this morning's sleep diary" }).click();
  const diary = new SleepDiaryForm(page);
  await diary.ready();
  // Defaults to last night in the user's time zone.
  await expect(diary.night).toHaveValue(yesterdayInLondon());
  await expect(page.getByText("last night", { exact: true })).toBeVisible();

  // A fixed winter night, so no clock change can move the numbers.
  await diary.chooseNight("2026-01-14");
  await expect(page.getByTestId("night-label")).toContainText(/January 14, 2026|14 January 2026/);
  await diary.fill({
    intoBed: "23:15",
    triedToSleep: "23:40",
    minutesToFallAsleep: 20,
    awakenings: 2,
    minutesAwake: 30,
    finalAwakening: "06:50",
    outOfBed: "07:20",
    quality: "Good",
    rested: "Somewhat rested",
    listenedMinutes: 25,
  });
  await diary.save();

  await expect(diary.derived).toBeVisible();
  await expect(diary.derivedValue("tib")).toHaveText("8 h 5 min");
  await expect(diary.derivedValue("tst")).toHaveText("6 h 20 min"); // 7 h 10 min − 20 − 30
  await expect(diary.derivedValue("se")).toHaveText("78.4%"); // 380 ÷ 485
  await expect(diary.derivedValue("sol")).toHaveText("20 min");
  await expect(diary.derivedValue("waso")).toHaveText("30 min");

  const stored = await apiJson<{
    nightOf: string;
    listened: boolean;
    listenedMinutes: number;
    derived: { totalSleepMinutes: number; timeline: { outOfBed: { date: string } } };
  }>(page, "GET", "/api/sleep-diaries/2026-01-14");
  expect(stored.derived.totalSleepMinutes).toBe(380);
  expect(stored.derived.timeline.outOfBed.date).toBe("2026-01-15");
  expect(stored.listened).toBe(true);
  expect(stored.listenedMinutes).toBe(25);

  // The definitions are on the page.
  await page.getByText("Help: what the sleep numbers mean").click();
  await expect(page.getByTestId("sleep-definitions")).toContainText("Sleep efficiency");
  await expect(page.getByTestId("sleep-definitions")).toContainText("TST ÷ TIB × 100");

  // Reloading the night shows the saved diary.
  await page.reload();
  await diary.ready();
  await expect(diary.derivedValue("tst")).toHaveText("6 h 20 min");
  await expect(page.getByLabel("What time did you get into bed?")).toHaveValue("23:15");
});

test("an implausible diary shows the field's message and saves nothing", async ({ page }) => {
  const diary = new SleepDiaryForm(page);
  await page.goto("/sleep?night=2026-01-20");
  await diary.ready();
  const answers = {
    intoBed: "23:00",
    triedToSleep: "23:10",
    minutesToFallAsleep: 15,
    awakenings: 0,
    minutesAwake: 0,
    finalAwakening: "06:00",
    outOfBed: "22:30",
    quality: "Fair",
    rested: "Slightly rested",
  };
  await diary.fill(answers);
  await diary.save();

  const message =
    "Getting out of bed at 22:30 comes before getting into bed at 23:00, even counting it as the next day (that would be 23 h 30 min in bed). Please check both times.";
  await expect(diary.fieldError("outOfBed")).toHaveText(message);
  await expect(page.getByLabel("What time did you get out of bed for the day?")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(page.getByTestId("sleep-form-error")).toContainText("Nothing was saved");
  await expect(diary.derived).toHaveCount(0);

  // The server rejects the same diary with the same message on the same field…
  const res = await page.request.put("/api/sleep-diaries/2026-01-20", {
    headers: { "X-Meridian-Client": "web" },
    data: {
      ...answers,
      quality: 3,
      rested: 2,
      nightOf: "2026-01-20",
      timeZone: "Europe/London",
      listened: false,
    },
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { field?: string; message: string } };
  expect(body.error.field).toBe("outOfBed");
  expect(body.error.message).toContain(message);
  // …and nothing was stored.
  const after = await page.request.get("/api/sleep-diaries/2026-01-20");
  expect(after.status()).toBe(404);

  // Fixing the time clears the message and saves.
  await page.getByLabel("What time did you get out of bed for the day?").fill("06:30");
  await expect(diary.fieldError("outOfBed")).toHaveCount(0);
  await diary.save();
  await expect(diary.derivedValue("tib")).toHaveText("7 h 30 min");
});

test("the morning diary links itself to last night's session", async ({ page }) => {
  // An evening session held at 22:10 London time on 14 January, logged through the API.
  const session = await apiJson<{ id: string }>(page, "POST", "/api/sessions", {
    checkIn: { pleasantness: 4, energy: 3, anxiety: 55 },
    startedAt: "2026-01-14T22:10:00.000Z",
    endedAt: "2026-01-14T22:40:00.000Z",
  });
  const diary = new SleepDiaryForm(page);
  await page.goto("/sleep?night=2026-01-14");
  await diary.ready();
  await diary.fill({
    intoBed: "23:00",
    triedToSleep: "23:10",
    minutesToFallAsleep: 15,
    awakenings: 1,
    minutesAwake: 10,
    finalAwakening: "06:45",
    outOfBed: "07:00",
    quality: "Good",
    rested: "Somewhat rested",
    listenedMinutes: 30,
  });
  await diary.save();

  const link = page.getByRole("link", { name: "that evening's session" });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", `/sessions/${session.id}`);
  const stored = await apiJson<{ sessionId: string | null }>(page, "GET", "/api/sleep-diaries/2026-01-14");
  expect(stored.sessionId).toBe(session.id);

  // A night with no evening session stays unlinked.
  await page.goto("/sleep?night=2026-01-16");
  await diary.ready();
  await diary.fill({
    intoBed: "23:00",
    triedToSleep: "23:10",
    minutesToFallAsleep: 15,
    awakenings: 1,
    minutesAwake: 10,
    finalAwakening: "06:45",
    outOfBed: "07:00",
    quality: "Good",
    rested: "Somewhat rested",
    listenedMinutes: 30,
  });
  await diary.save();
  await expect(page.getByRole("link", { name: "that evening's session" })).toHaveCount(0);
  const unlinked = await apiJson<{ sessionId: string | null }>(page, "GET", "/api/sleep-diaries/2026-01-16");
  expect(unlinked.sessionId).toBeNull();
});
