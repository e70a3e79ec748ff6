import type { Session } from "@meridian/core";
import type { Page } from "@playwright/test";
// Values straight from core's pure modules: the package entry also loads the sound package's
// scene JSON files, which Playwright's test loader can't import.
import {
  type CheckupObservation,
  computeInsights,
  describeMeanChange,
  formatMeasure,
  formatMeasureSigned,
  type Insights,
  type SessionObservation,
  type SleepObservation,
} from "../../packages/core/src/insights/index";
import { deriveSleep } from "../../packages/core/src/sleep/night";
import { localToInstant } from "../../packages/core/src/sleep/time-zone";
import { apiJson, expect, test } from "../fixtures/test";
import { InsightsPage } from "../pages/InsightsPage";

const ZONE = "Europe/London";
const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same records. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SceneSpec {
  id: string;
  name: string;
  /** generator → gain in dB; every layer here carries ≥ 10 % of the scene's power. */
  layers: Record<string, number>;
}

const SCENES: Record<string, SceneSpec> = {
  rain: { id: "library-rain", name: "Library window in the rain", layers: { rain: 0, "brown-noise": -3 } },
  tapping: { id: "desk-tapping", name: "Desk tapping", layers: { tapping: 0, "pink-noise": -3 } },
  whisper: { id: "whisper-room", name: "Whisper room", layers: { whispering: 0, "brown-noise": -3 } },
  // Used in two sessions only: "fire" never gets an estimate.
  fire: { id: "hearth", name: "Hearth", layers: { fire: 0, "pink-noise": -4 } },
};

function sceneJson(s: SceneSpec): Record<string, unknown> {
  return {
    version: 1,
    name: s.name,
    masterGainDb: 0,
    fadeIn: 3,
    fadeOut: 10,
    layers: Object.entries(s.layers).map(([generator, gainDb]) => ({
      id: generator,
      generator,
      params: {},
      gainDb,
      mute: false,
      solo: false,
      position: { azimuth: 0, elevation: 0, distance: 1 },
      motion: { kind: "static" },
      spread: 60,
    })),
  };
}

function localParts(ms: number): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    hour: Number(get("hour")) + Number(get("minute")) / 60,
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

interface Planned {
  startedAt: string;
  scene: SceneSpec | null;
  checkIn: { pleasantness: number; energy: number; anxiety: number };
  checkOut: { pleasantness: number; energy: number; anxiety: number; tingles: number } | null;
}

/**
 * 60 sessions, one a day over the last 60 days (10:00 or 21:00 UTC), with rain, tapping, whispering,
 * silence and (twice) a fireplace. Rain sessions are followed by a clear anxiety drop (18–28 points);
 * the others by −10…+8. A few are abandoned (no check-out).
 */
function plan(now: number): Planned[] {
  const rnd = random(20_261_128);
  const out: Planned[] = [];
  for (let i = 0; i < 60; i++) {
    const dayStart = Math.floor((now - (60 - i) * DAY_MS) / DAY_MS) * DAY_MS;
    const startedAt = new Date(dayStart + (i % 2 === 0 ? 10 : 21) * 3_600_000).toISOString();
    const scene =
      i === 11 || i === 40
        ? SCENES.fire
        : i % 10 === 9
          ? null
          : [SCENES.rain, SCENES.tapping, SCENES.whisper][i % 3];
    const anxiety = clamp(40 + rnd() * 40, 0, 100);
    const pleasantness = clamp(3 + rnd() * 3, 1, 9);
    const energy = clamp(3 + rnd() * 4, 1, 9);
    const rain = scene === SCENES.rain;
    const abandoned = i % 17 === 5;
    out.push({
      startedAt,
      scene: scene ?? null,
      checkIn: { pleasantness, energy, anxiety },
      checkOut: abandoned
        ? null
        : {
            anxiety: clamp(anxiety - (rain ? 18 + rnd() * 10 : -8 + rnd() * 18), 0, 100),
            pleasantness: clamp(pleasantness + (rain ? 1 + rnd() * 2 : -1 + rnd() * 2), 1, 9),
            energy: clamp(energy - 1 + rnd() * 2, 1, 9),
            tingles: clamp(rnd() * 8, 0, 10),
          },
    });
  }
  return out;
}

/** Seeds the sessions through the API (backfilled startedAt), returning core's observations. */
async function seed(page: Page, planned: Planned[]): Promise<SessionObservation[]> {
  const observations: SessionObservation[] = [];
  for (const p of planned) {
    const created = await apiJson<Session>(page, "POST", "/api/sessions", {
      checkIn: p.checkIn,
      scene: p.scene ? sceneJson(p.scene) : null,
      media: p.scene ? [{ kind: "preset", presetId: p.scene.id, name: p.scene.name }] : [],
      startedAt: p.startedAt,
    });
    if (p.checkOut) {
      await apiJson<Session>(page, "PATCH", `/api/sessions/${created.id}`, {
        status: "checked-out",
        checkOut: { ...p.checkOut, tingleLocations: [], relaxation: 6 },
      });
    } else {
      await apiJson<Session>(page, "PATCH", `/api/sessions/${created.id}`, { status: "abandoned" });
    }
    const local = localParts(Date.parse(p.startedAt));
    expect(created.localDate).toBe(local.date);
    observations.push({
      id: created.id,
      startedAt: created.startedAt,
      localDate: local.date,
      hourLocal: local.hour,
      checkIn: p.checkIn,
      checkOut: p.checkOut,
      triggers: p.scene ? Object.keys(p.scene.layers) : [],
      presetId: p.scene?.id ?? null,
      mediaId: null,
    });
  }
  return observations;
}

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("Insights: a new user sees the empty state, not made-up numbers", async ({ page }) => {
  const insights = new InsightsPage(page);
  await page.goto("/");
  await insights.openFromHeader();
  await expect(page.getByTestId("insights-empty")).toContainText("Insights appear after a few sessions");
  await expect(insights.summary).toHaveCount(0);
  await expect(page.getByTestId("weekly-card")).toHaveCount(0); // not on this page
  await page.goto("/");
  await expect(page.getByTestId("weekly-card")).toContainText("No sessions in the last seven days");
});

test("Insights: a failed load says so and can be retried", async ({ page }) => {
  let fail = true;
  await page.route("**/api/insights", (route) =>
    fail
      ? route.fulfill({
          status: 400,
          json: { error: { code: "bad_request", message: "Something went wrong" } },
        })
      : route.continue(),
  );
  const insights = new InsightsPage(page);
  await page.goto("/insights");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Could not load your insights: Something went wrong");
  fail = false;
  await alert.getByRole("button", { name: "Try again" }).click();
  await insights.ready();
  await expect(page.getByTestId("insights-empty")).toBeVisible();
});

test("Insights: 60 seeded sessions — summary, rain's interval as core computes it, calendar, not enough data for a sound used twice", async ({
  page,
}) => {
  const now = Date.now();
  const planned = plan(now);
  const observations = await seed(page, planned);
  const today = localParts(now).date;

  // The numbers the page must show: core's computation on the same observations…
  const expected: Insights = computeInsights({ sessions: observations }, { today });
  const rain = expected.triggers.groups.find((g) => g.key === "rain");
  const fire = expected.triggers.groups.find((g) => g.key === "fire");
  if (!rain || !fire) throw new Error("seeded triggers missing from the core computation");
  expect(rain.status).toBe("estimate");
  expect(rain.measures.anxiety.interval?.upper ?? 0).toBeLessThan(0); // a clear drop by design
  expect(expected.triggers.rankings.anxiety[0]).toBe("rain");
  expect(fire.sessions).toBe(2);
  expect(fire.status).toBe("not-enough-data");

  // …and the server's, which must agree with it.
  const api = await apiJson<Insights>(page, "GET", "/api/insights");
  expect(api.counts.sessions).toBe(60);
  const apiRain = api.triggers.groups.find((g) => g.key === "rain");
  expect(apiRain?.completeSessions).toBe(rain.completeSessions);
  const ci = rain.measures.anxiety.interval;
  const apiCi = apiRain?.measures.anxiety.interval;
  if (!ci || !apiCi) throw new Error("rain has no interval");
  expect(apiCi.mean).toBeCloseTo(ci.mean, 9);
  expect(apiCi.lower).toBeCloseTo(ci.lower, 9);
  expect(apiCi.upper).toBeCloseTo(ci.upper, 9);
  expect(api.triggers.rankings.anxiety).toEqual(expected.triggers.rankings.anxiety);

  // Today's card links to the page.
  await page.goto("/");
  const card = page.getByTestId("weekly-card");
  const lastWeek = observations.filter((o) => o.localDate > addDaysUtc(today, -7)).length;
  await expect(card).toContainText(`In the last seven days: ${lastWeek} session`);
  await card.getByRole("link", { name: "See all insights" }).click();
  const insights = new InsightsPage(page);
  await insights.ready();

  // The summary: plain words, the interval always there, correlation not cause.
  const rainSentence = `Sessions with rain (${rain.completeSessions}) were followed by anxiety that ${describeMeanChange(rain.measures.anxiety)}`;
  await expect(insights.summary).toContainText(
    `Over ${expected.overall.completeSessions} sessions, your anxiety`,
  );
  await expect(insights.summary).toContainText(rainSentence);
  await expect(insights.summary).toContainText("not proof of cause");
  await expect(page.getByTestId("experiment-note")).toContainText("blinded");

  // Rain's row in the table under the chart: the same numbers, rounded like the summary.
  await expect(page.getByTestId("effects-chart").locator("svg")).toBeVisible();
  await insights.showTable("effects-chart");
  await expect(insights.effectsTable.locator("tbody tr").first()).toHaveAttribute("data-key", "rain");
  await expect(insights.effectCell("rain", "n")).toHaveText(String(rain.measures.anxiety.n));
  await expect(insights.effectCell("rain", "mean")).toHaveText(
    formatMeasureSigned(rain.measures.anxiety.meanChange ?? Number.NaN, "anxiety"),
  );
  await expect(insights.effectCell("rain", "ci")).toHaveText(
    `${formatMeasureSigned(ci.lower, "anxiety")} to ${formatMeasureSigned(ci.upper, "anxiety")}`,
  );

  // The sound used twice is listed plainly as "not enough data yet", never ranked.
  await expect(insights.effectRow("fire")).toHaveCount(0);
  await expect(insights.notEnoughItem("fire")).toContainText("Fire");
  await expect(insights.notEnoughItem("fire")).toContainText("(2 sessions with a check-out)");
  await expect(insights.notEnoughItem("fire")).toContainText(
    `not enough data yet — about ${fire.moreSessionsNeeded} more sessions would give a useful estimate`,
  );

  // Pleasantness through the selector: rain's pleasantness row matches core too.
  await insights.chooseMeasure("Pleasantness (1–9)");
  const pci = rain.measures.pleasantness.interval;
  if (!pci) throw new Error("rain has no pleasantness interval");
  await expect(insights.effectCell("rain", "ci")).toHaveText(
    `${formatMeasureSigned(pci.lower, "pleasantness")} to ${formatMeasureSigned(pci.upper, "pleasantness")}`,
  );

  // Grouped by scene, the built-in scene is shown by its name, with the same interval as core.
  await insights.chooseMeasure("Anxiety (0–100)");
  await insights.groupBy("Scenes");
  await insights.showTable("effects-chart");
  const scene = expected.presets.groups.find((g) => g.key === "library-rain")?.measures.anxiety.interval;
  if (!scene) throw new Error("the rain scene has no interval");
  await expect(insights.effectRow("library-rain").locator("th")).toHaveText("Library window in the rain");
  await expect(insights.effectCell("library-rain", "ci")).toHaveText(
    `${formatMeasureSigned(scene.lower, "anxiety")} to ${formatMeasureSigned(scene.upper, "anxiety")}`,
  );

  // The calendar: one square per day with a session, each listed in its table.
  const days = [...new Set(observations.map((o) => o.localDate))];
  await expect(insights.calendar.locator("svg").last()).toBeVisible();
  await expect(insights.calendar.locator("svg title")).toHaveCount(days.length);
  await insights.showTable("calendar");
  await expect(insights.calendarTable.locator("tbody tr")).toHaveCount(days.length);
  for (const d of [days[0], days.at(-1)]) {
    await expect(insights.calendarTable.locator(`tr[data-date="${d}"] td`).first()).toHaveText("1");
  }
  await expect(page.getByTestId("showing-up")).toContainText("nothing to keep up");

  // Coloured by change instead: each day's mean anxiety change as core computes it ("–" when the
  // day's session was abandoned).
  await page.getByRole("radio", { name: "Change in anxiety" }).check();
  const cal = expected.consistency.calendar;
  for (const d of days.slice(-8)) {
    const change = cal.anxietyChange[cal.dates.indexOf(d)] ?? null;
    await expect(insights.calendarTable.locator(`tr[data-date="${d}"] td`).nth(1)).toHaveText(
      change === null ? "–" : formatMeasureSigned(change, "anxiety"),
    );
  }

  // Trends: weekly check-in anxiety with its table, one row per week.
  await expect(page.getByTestId("trend-anxietyBefore").locator("svg").first()).toBeVisible();
  await insights.showTable("trend-anxietyBefore");
  await expect(page.getByTestId("trend-anxietyBefore-table").locator("tbody tr")).toHaveCount(
    expected.trends.weekly.filter((w) => w.anxietyBefore !== null).length,
  );
});

function addDaysUtc(date: string, delta: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/**
 * 40 days: an evening session (21:00) every other day and a morning one (10:00) between them, a
 * sleep diary for each of the 39 nights before today (falling asleep sooner after an evening
 * session), and three check-ups. Returns core's observations built from what was sent.
 */
async function seedSleepAndCheckups(
  page: Page,
  today: string,
): Promise<{ sessions: SessionObservation[]; sleep: SleepObservation[]; checkups: CheckupObservation[] }> {
  const { rain, tapping } = SCENES;
  if (!rain || !tapping) throw new Error("scenes missing");
  const sessions: SessionObservation[] = [];
  const sleep: SleepObservation[] = [];
  const eveningOf = new Map<string, string>();
  for (let i = 40; i >= 1; i--) {
    const date = addDaysUtc(today, -i);
    const evening = i % 2 === 0;
    const time = evening ? "21:00" : "10:00";
    const startedAt = new Date(localToInstant(date, time, ZONE).instantMs).toISOString();
    const checkIn = { pleasantness: 3 + (i % 4), energy: 4 + (i % 3), anxiety: 45 + ((i * 7) % 25) };
    const checkOut = {
      pleasantness: Math.min(9, checkIn.pleasantness + 1),
      energy: checkIn.energy,
      anxiety: checkIn.anxiety - 8 - (i % 5),
      tingles: i % 4,
    };
    const created = await apiJson<Session>(page, "POST", "/api/sessions", {
      checkIn,
      scene: sceneJson(evening ? rain : tapping),
      media: [],
      startedAt,
    });
    await apiJson<Session>(page, "PATCH", `/api/sessions/${created.id}`, {
      status: "checked-out",
      checkOut: { ...checkOut, tingleLocations: [], relaxation: 6 },
    });
    if (evening) eveningOf.set(date, created.id);
    sessions.push({
      id: created.id,
      startedAt: created.startedAt,
      localDate: date,
      hourLocal: evening ? 21 : 10,
      checkIn,
      checkOut,
      triggers: Object.keys((evening ? rain : tapping).layers),
      presetId: null,
      mediaId: null,
    });
  }
  for (let i = 39; i >= 1; i--) {
    const nightOf = addDaysUtc(today, -i);
    const after = eveningOf.has(nightOf);
    const night = {
      nightOf,
      timeZone: ZONE,
      intoBed: "23:00",
      triedToSleep: "23:15",
      minutesToFallAsleep: after ? 10 + (i % 4) * 3 : 30 + (i % 5) * 4,
      awakenings: i % 3,
      minutesAwake: (i % 3) * 5,
      finalAwakening: "06:45",
      outOfBed: "07:00",
      quality: after ? 4 : 2 + (i % 3),
      rested: 3,
    };
    const saved = await apiJson<{ sessionId: string | null }>(
      page,
      "PUT",
      `/api/sleep-diaries/${nightOf}`,
      night,
    );
    expect(saved.sessionId).toBe(eveningOf.get(nightOf) ?? null);
    const derived = deriveSleep(night);
    sleep.push({
      date: nightOf,
      solMinutes: derived.sleepOnsetLatencyMinutes,
      sleepEfficiency: derived.sleepEfficiency,
      quality: night.quality,
      precededBySessionId: saved.sessionId,
    });
  }
  const answers = (prefix: string, n: number, value: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, k) => [`${prefix}_${k + 1}`, value]));
  const checkups: CheckupObservation[] = [];
  for (const [days, instrumentId, items, value] of [
    [35, "gad7", 7, 2],
    [21, "gad7", 7, 1],
    [20, "phq8", 8, 1],
  ] as const) {
    const date = addDaysUtc(today, -days);
    const completedAt = new Date(localToInstant(date, "09:00", ZONE).instantMs).toISOString();
    await apiJson(page, "POST", "/api/checkups", {
      instrumentId,
      answers: answers(instrumentId, items, value),
      completedAt,
    });
    checkups.push({ instrumentId, date, total: items * value });
  }
  return { sessions, sleep, checkups };
}

test("Insights: sleep after evening sessions and check-up totals show core's numbers, with intervals and tables; the period picker narrows them", async ({
  page,
}) => {
  const today = localParts(Date.now()).date;
  const seeded = await seedSleepAndCheckups(page, today);
  const expected = computeInsights(seeded, { today });

  // The API agrees with core on the sleep comparison and the check-up trend.
  const api = await apiJson<Insights>(page, "GET", "/api/insights");
  expect(api.sleep.afterSession).toEqual(JSON.parse(JSON.stringify(expected.sleep.afterSession)));
  expect(api.trends.checkups).toEqual(expected.trends.checkups);
  const sol = expected.sleep.afterSession.solMinutes;
  expect(sol.status).toBe("estimate");
  expect(sol.difference?.upper ?? 0).toBeLessThan(0); // sooner asleep after an evening session, by design

  const insights = new InsightsPage(page);
  await page.goto("/insights");
  await insights.ready();

  // Sleep: one chart per measure, and the table with both sides' nights and the Welch interval.
  const sleepSection = page.getByTestId("sleep-section");
  await expect(sleepSection.getByTestId("sleep-chart-solMinutes").locator("svg")).toBeVisible();
  const solRow = sleepSection.getByTestId("sleep-table").locator('tr[data-key="solMinutes"]');
  await expect(solRow.locator('td[data-col="with"]')).toContainText(`${sol.with.n} nights`);
  await expect(solRow.locator('td[data-col="without"]')).toContainText(`${sol.without.n} nights`);
  const d = sol.difference;
  if (!d) throw new Error("no sleep-onset difference");
  await expect(solRow.locator('td[data-col="comparison"]')).toHaveText(
    `difference ${formatMeasureSigned(d.difference, "solMinutes")} (95% CI ${formatMeasureSigned(d.lower, "solMinutes")} to ${formatMeasureSigned(d.upper, "solMinutes")})`,
  );
  const with_ = sol.with.interval;
  if (!with_) throw new Error("no interval for nights after a session");
  await expect(solRow.locator('td[data-col="with"]')).toContainText(
    `${formatMeasure(with_.lower, "solMinutes")} to ${formatMeasure(with_.upper, "solMinutes")}`,
  );

  // Check-ups: the chart and its table, one row per answered check-up with its total.
  const trends = page.getByTestId("trends-section");
  await expect(trends.getByTestId("trend-checkups").locator("svg").first()).toBeVisible();
  await insights.showTable("trend-checkups");
  const checkupRows = page.getByTestId("trend-checkups-table").locator("tbody tr");
  await expect(checkupRows).toHaveCount(seeded.checkups.length);
  for (const c of seeded.checkups) {
    await expect(
      checkupRows
        .and(page.locator(`[data-date="${c.date}"][data-instrument="${c.instrumentId}"]`))
        .locator("td.num"),
    ).toHaveText(String(c.total));
  }

  // The period picker: the last 30 days ask the server for exactly that range.
  const last30 = addDaysUtc(today, -29);
  const asked = page.waitForResponse(
    (r) => r.url().includes("/api/insights?") && r.url().includes(`from=${last30}`),
  );
  await page.getByRole("radio", { name: "Last 30 days" }).check();
  const answer = await asked;
  expect(new URL(answer.url()).searchParams.get("to")).toBe(today);
  const inRange = seeded.sessions.filter((s) => s.localDate >= last30).length;
  await expect(page.getByTestId("insights-basis")).toContainText(`based on ${inRange} sessions`);
  await expect(page.getByTestId("on-this-day")).toContainText("All time");

  // Chosen dates: a last day before the first is refused before asking; a good range is shown.
  await page.getByRole("radio", { name: "Choose dates" }).check();
  const form = page.getByRole("form", { name: "Choose dates" });
  await form.getByLabel("First day").fill(addDaysUtc(today, -5));
  await form.getByLabel("Last day").fill(addDaysUtc(today, -10));
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("range-problem")).toHaveText("The last day can’t be before the first day.");
  await form.getByLabel("First day").fill(addDaysUtc(today, -10));
  await form.getByLabel("Last day").fill(addDaysUtc(today, -1));
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("range-problem")).toHaveCount(0);
  await expect(page.getByTestId("insights-basis")).toContainText("based on 10 sessions");

  // A period without sessions says so and offers everything again.
  await form.getByLabel("First day").fill("2001-01-01");
  await form.getByLabel("Last day").fill("2001-01-31");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("insights-empty-range")).toContainText("No sessions in this period");
  await page.getByRole("button", { name: "Show all time" }).click();
  await expect(page.getByTestId("insights-basis")).toContainText(
    `based on ${seeded.sessions.length} sessions`,
  );
});
