import type { Entry } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("text typed right before a reload is restored from IndexedDB and then saved", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.gotoNew();

  // Hold back every save so only the local draft can carry the words across the reload.
  const isSave = (method: string, url: string) =>
    method !== "GET" && new URL(url).pathname.startsWith("/api/entries");
  let blocked = 0;
  await page.route("**/api/entries**", async (route) => {
    if (isSave(route.request().method(), route.request().url())) {
      blocked += 1;
      await route.abort("connectionrefused");
    } else {
      await route.continue();
    }
  });

  const words = "Whispered pages turning, a candle, and this sentence must survive.";
  await editor.type(words);
  await page.reload();
  await editor.ready();
  await expect(editor.notice).toHaveText("Restored unsaved text from this device");
  await expect(editor.body).toContainText(words);
  expect(blocked).toBeGreaterThan(0);

  // Let saves through again: the restored draft reaches the server.
  await page.unroute("**/api/entries**");
  await editor.expectSaved(40_000);
  const list = await apiJson<{ entries: Entry[] }>(page, "GET", "/api/entries");
  expect(list.entries).toHaveLength(1);
  expect(list.entries[0]?.body).toBe(words);

  // And once saved, a reload shows the server copy with no restore notice.
  await page.reload();
  await editor.ready();
  await expect(editor.body).toContainText(words);
  await expect(editor.notice).toHaveCount(0);
});

test("reloading an existing entry mid-typing (before the debounce) keeps every word", async ({ page }) => {
  const created = await apiJson<Entry>(page, "POST", "/api/entries", { body: "First line." });
  const editor = new EditorPage(page);
  await editor.goto(created.id);
  await editor.type(" Second line, typed fast.");
  await page.reload(); // no waiting: the debounce has not fired
  await editor.ready();
  await expect(editor.body).toContainText("First line. Second line, typed fast.");
  await editor.expectSaved();
  const stored = await apiJson<Entry>(page, "GET", `/api/entries/${created.id}`);
  expect(stored.body).toBe("First line. Second line, typed fast.");
});
