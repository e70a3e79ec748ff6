import type { Entry, Session } from "@meridian/core";
import type { Page } from "@playwright/test";
import { apiJson, expect, test } from "../fixtures/test";
import { SessionFlow } from "../pages/SessionFlow";

/** Entry bodies of the local drafts kept in IndexedDB on this device. */
async function draftBodies(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const req = indexedDB.open("meridian");
    const db = await new Promise<IDBDatabase>((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const all = db.transaction("drafts", "readonly").objectStore("drafts").getAll();
    const rows = await new Promise<Array<{ content: { body: string } }>>((res) => {
      all.onsuccess = () => res(all.result as Array<{ content: { body: string } }>);
    });
    db.close();
    return rows.map((r) => r.content.body);
  });
}

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("a full session: keyboard check-in on the mood grid → scene and prompt → write → check out → summary", async ({
  page,
}) => {
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await expect(page.getByText("No sessions yet")).toBeVisible();
  await flow.begin();

  // Check-in, keyboard only. Tab from the heading lands on the grid's middle square.
  await flow.tabTo(flow.moodCell(5, 5));
  await expect(flow.moodReadout).toHaveText("Nothing chosen yet.");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(flow.moodCell(7, 3)).toBeFocused();
  await expect(flow.moodCell(7, 3)).toBeChecked();
  await page.keyboard.press("Home");
  await expect(flow.moodCell(1, 3)).toBeChecked();
  await page.keyboard.press("End");
  await expect(flow.moodCell(9, 3)).toBeChecked();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowUp");
  await expect(flow.moodCell(7, 4)).toBeChecked();
  await expect(flow.moodReadout).toHaveText(
    "Pleasantness 7 of 9, energy 4 of 9: a little pleasant, low energy",
  );
  // Only one square is checked, and it is the only one in the tab order.
  await expect(page.getByTestId("mood-grid").getByRole("radio", { checked: true })).toHaveCount(1);
  await flow.setSlider("How anxious do you feel right now?", 60);
  await flow.tabTo(page.getByRole("button", { name: "Continue", exact: true }));
  await page.keyboard.press("Enter");

  // Listen: a built-in scene and a prompt.
  await expect(page.getByRole("heading", { name: "Listen and write", level: 1 })).toBeVisible();
  await flow.pickScene("Library window in the rain");
  const prompt = await flow.pickRandomPrompt();
  await flow.startWriting();
  const sessionId = flow.sessionIdFromUrl();
  await expect(page.getByTestId("prompt-text")).toHaveText(prompt);
  await expect(page.getByTestId("session-timer")).toHaveText(/^\d+ min$/);

  const words = "Rain on the tall window; my jaw unclenched somewhere in the second page.";
  await flow.type(words);
  await flow.expectSaved();

  // The session holds the check-in, the scene snapshot, the media and (once created) the entry.
  await expect
    .poll(async () => (await apiJson<Session>(page, "GET", `/api/sessions/${sessionId}`)).entryId)
    .not.toBeNull();
  const stored = await apiJson<Session>(page, "GET", `/api/sessions/${sessionId}`);
  expect(stored.status).toBe("active");
  expect(stored.checkIn).toMatchObject({ pleasantness: 7, energy: 4, anxiety: 60 });
  expect(stored.scene).toMatchObject({ name: "Library window in the rain" });
  expect((stored.scene as { layers: unknown[] }).layers.length).toBeGreaterThan(0);
  expect(stored.media).toEqual([
    { kind: "preset", presetId: "library-rain", name: "Library window in the rain" },
  ]);
  const entry = await apiJson<Entry>(page, "GET", `/api/entries/${stored.entryId}`);
  expect(entry.body).toBe(words);
  expect(entry.promptText).toBe(prompt);

  // Check out.
  await flow.endSession();
  await flow.moodCell(8, 3).click();
  await flow.setSlider("How anxious do you feel right now?", 35);
  await flow.setSlider("Did you feel any tingles?", 6);
  await expect(page.getByRole("slider", { name: "Did you feel any tingles?" })).toHaveAttribute(
    "aria-valuetext",
    "6 of 10, moderate",
  );
  await page.getByRole("checkbox", { name: "Scalp" }).check();
  await page.getByRole("checkbox", { name: "Neck" }).check();
  await flow.setSlider("How relaxed do you feel right now?", 7);
  await page.getByLabel("Anything you noticed? (optional)").fill("The page turns helped.");
  await page.getByRole("button", { name: "Check out", exact: true }).click();

  // Summary: what changed, in words and numbers, with the caveat.
  await expect(page.getByRole("heading", { name: "Session summary", level: 1 })).toBeVisible();
  await expect(flow.summary).toContainText("Anxiety: 60 → 35, 25 points lower.");
  await expect(flow.summary.getByTestId("change-anxiety")).toContainText("60");
  await expect(flow.summary.getByTestId("change-anxiety")).toContainText("35");
  await expect(flow.summary.getByTestId("change-anxiety")).toContainText("−25 (lower)");
  await expect(flow.summary).toContainText("Pleasantness: 7 → 8, 1 point higher.");
  await expect(flow.summary.getByTestId("summary-tingles")).toHaveText(
    "Tingles: 6 of 10 (moderate), felt in the scalp and neck.",
  );
  await expect(flow.summary).toContainText("A single session can't show what caused a change");

  const done = await apiJson<Session>(page, "GET", `/api/sessions/${sessionId}`);
  expect(done.status).toBe("checked-out");
  expect(done.checkOut).toMatchObject({
    anxiety: 35,
    tingles: 6,
    tingleLocations: ["scalp", "neck"],
    relaxation: 7,
    note: "The page turns helped.",
  });

  // The session appears on Today, and there is no open session any more.
  await page.getByRole("link", { name: "Back to Today" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Begin a session" })).toBeVisible();
  const recent = page.getByTestId("recent-sessions").getByRole("listitem");
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText("Library window in the rain");
  await expect(recent.first()).toContainText("Anxiety 60 → 35");
});

test("a session whose tab closed mid-write resumes from Today; abandoning it stays incomplete", async ({
  page,
  context,
}) => {
  const flow = new SessionFlow(page);
  await flow.gotoToday();
  await flow.begin();
  await flow.moodCell(4, 6).click();
  await flow.setSlider("How anxious do you feel right now?", 45);
  await flow.continue();
  await flow.pickScene("Silence");
  await flow.startWriting();
  const sessionId = flow.sessionIdFromUrl();
  const first = "Half a thought about the sea,";
  await flow.type(first);
  await flow.expectSaved();
  await expect
    .poll(async () => (await apiJson<Session>(page, "GET", `/api/sessions/${sessionId}`)).entryId)
    .not.toBeNull();

  // Mid-write: the next words never reach the server before the tab closes; only this device has them.
  await page.route("**/api/entries**", (route) =>
    route.request().method() === "GET" ? route.continue() : route.abort("connectionrefused"),
  );
  const rest = " and then the tab closed before it could save.";
  const words = first + rest;
  await flow.type(rest);
  await expect.poll(() => draftBodies(page)).toContain(words);
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  const flow2 = new SessionFlow(again);
  await flow2.gotoToday();
  await expect(again.getByRole("heading", { name: "You have a session open" })).toBeVisible();
  await again.getByRole("link", { name: "Resume your session" }).click();
  await expect(again).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(flow2.body).toContainText(words);
  await flow2.expectSaved(20_000);
  await expect
    .poll(async () => (await apiJson<Session>(again, "GET", `/api/sessions/${sessionId}`)).entryId)
    .not.toBeNull();
  const s = await apiJson<Session>(again, "GET", `/api/sessions/${sessionId}`);
  expect(s.status).toBe("active");
  expect(s.scene).toBeNull();
  expect(s.media).toEqual([]);
  const entry = await apiJson<Entry>(again, "GET", `/api/entries/${s.entryId}`);
  expect(entry.body).toBe(words);

  // Closing again at the check-out step resumes at check-out.
  await flow2.endSession();
  await again.reload();
  await expect(again.getByRole("heading", { name: "Check out", level: 1 })).toBeVisible();

  // Abandon: nothing is filled in on the person's behalf.
  await again.getByRole("button", { name: "Abandon session" }).click();
  await again.getByRole("button", { name: "Yes, abandon session" }).click();
  await expect(again.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(again.getByRole("link", { name: "Begin a session" })).toBeVisible();
  await expect(again.getByTestId("recent-sessions")).toContainText("You didn't check out — that's fine.");
  const abandoned = await apiJson<Session>(again, "GET", `/api/sessions/${sessionId}`);
  expect(abandoned.status).toBe("abandoned");
  expect(abandoned.checkOut).toBeNull();
  await again.getByTestId("recent-sessions").getByRole("link").first().click();
  await expect(again.getByTestId("session-summary")).toContainText("You didn't check out — that's fine");
});
