import type { Entry } from "@meridian/core";
import type { Page } from "@playwright/test";
import { apiJson, expect, test } from "../fixtures/test";
import { DeleteEntryFlow } from "../pages/DeleteEntryFlow";
import { EditorPage } from "../pages/EditorPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

/** Every DELETE of an entry any page of the context sent (keepalive ones too). */
function watchDeletes(page: Page): string[] {
  const seen: string[] = [];
  page.context().on("request", (req) => {
    if (req.method() === "DELETE" && new URL(req.url()).pathname.startsWith("/api/entries/")) {
      seen.push(new URL(req.url()).pathname);
    }
  });
  return seen;
}

async function entryStatus(page: Page, id: string): Promise<number> {
  return (await page.request.get(`/api/entries/${id}`)).status();
}

async function writeEntry(page: Page, text: string): Promise<{ editor: EditorPage; id: string }> {
  const editor = new EditorPage(page);
  await editor.gotoNew();
  await editor.type(text);
  await editor.expectSaved();
  await expect(page).toHaveURL(/\/entries\/[^/?]+$/);
  return { editor, id: editor.entryIdFromUrl() };
}

test("delete asks first, Escape keeps the entry, Undo brings it back untouched", async ({ page }) => {
  const deletes = watchDeletes(page);
  const { editor, id } = await writeEntry(page, "The kettle ticked as it cooled.");
  const flow = new DeleteEntryFlow(page);

  // Brand-new entries have nothing to delete.
  const fresh = new EditorPage(await page.context().newPage());
  await fresh.gotoNew();
  await expect(new DeleteEntryFlow(fresh.page).openButton()).toHaveCount(0);
  await fresh.page.close();

  // Keyboard: the button is reachable, the dialog takes focus, Escape cancels.
  await flow.openButton().focus();
  await page.keyboard.press("Enter");
  await expect(flow.dialog).toBeVisible();
  await expect(flow.dialog).toContainText("10 seconds");
  await expect(flow.dialog.getByRole("button", { name: "Keep entry" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(flow.dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/entries/${id}$`));

  // Words typed just before deleting are saved first (Undo must give them back).
  await editor.type(" Then quiet.");
  await flow.open();
  await flow.confirm();
  await expect(flow.card(id)).toHaveCount(0);

  await flow.undo();
  await expect(flow.card(id)).toBeVisible();
  await expect(flow.banner).not.toContainText("Entry deleted");
  // Past the undo window: still nothing sent, still on the server with every word.
  await page.waitForTimeout(11_000);
  expect(deletes).toEqual([]);
  expect((await apiJson<Entry>(page, "GET", `/api/entries/${id}`)).body).toBe(
    "The kettle ticked as it cooled. Then quiet.",
  );
  await flow.card(id).click();
  await editor.ready();
  await expect(editor.body).toContainText("The kettle ticked as it cooled. Then quiet.");
  await expect(editor.notice).toHaveCount(0);
});

test("without Undo the entry is deleted on the server after the delay", async ({ page }) => {
  const deletes = watchDeletes(page);
  const { id } = await writeEntry(page, "Rain on the skylight.");
  const flow = new DeleteEntryFlow(page);
  await flow.open();
  await flow.confirm();
  await expect(flow.card(id)).toHaveCount(0);
  // During the undo window the server still has it.
  expect(await entryStatus(page, id)).toBe(200);
  await expect(flow.banner).not.toContainText("Entry deleted", { timeout: 15_000 });
  await expect.poll(() => entryStatus(page, id), { timeout: 10_000 }).toBe(404);
  expect(deletes).toEqual([`/api/entries/${id}`]);
  // A fresh list does not show it either, and its page says it is gone (no draft resurrects it).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Journal", level: 1 })).toBeVisible();
  await expect(flow.card(id)).toHaveCount(0);
  await page.goto(`/entries/${id}`);
  await expect(page.getByText("This entry doesn't exist")).toBeVisible();
});

test("closing the page during the undo window still deletes the entry (keepalive)", async ({ page }) => {
  const { id } = await writeEntry(page, "Candle smoke and the clock.");
  const flow = new DeleteEntryFlow(page);
  await flow.open();
  await flow.confirm();
  const context = page.context();
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  // Well inside the 10 s window: only the pagehide keepalive DELETE can have removed it.
  await expect.poll(() => entryStatus(again, id), { timeout: 5_000 }).toBe(404);
  await again.goto("/journal");
  await expect(again.getByRole("heading", { name: "Journal", level: 1 })).toBeVisible();
  await expect(new DeleteEntryFlow(again).card(id)).toHaveCount(0);
  await again.goto(`/entries/${id}`);
  await expect(again.getByText("This entry doesn't exist")).toBeVisible();
});

test("a DELETE that fails (offline) brings the entry back with a clear message", async ({ page }) => {
  const { id } = await writeEntry(page, "Wind in the chimney.");
  await page.route(`**/api/entries/${id}`, async (route) => {
    if (route.request().method() === "DELETE") await route.abort("internetdisconnected");
    else await route.continue();
  });
  const flow = new DeleteEntryFlow(page);
  await flow.open();
  await flow.confirm();
  await expect(flow.card(id)).toHaveCount(0);
  await expect(flow.banner).toContainText("Could not delete “Wind in the chimney.”", { timeout: 15_000 });
  await expect(flow.card(id)).toBeVisible();
  expect(await entryStatus(page, id)).toBe(200);
  await flow.banner.getByRole("button", { name: "Dismiss" }).click();
  await expect(flow.banner).toHaveText("");
});
