import type { Entry } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";
import { JournalPage } from "../pages/JournalPage";
import { SearchPage } from "../pages/SearchPage";

const PAYLOAD = [
  "Nightjar <img src=x onerror=\"window.__xss = 'img'; alert('img')\">",
  "",
  "<script>window.__xss = 'script'; alert('script')</script>",
  "",
  "[click](javascript:window.__xss='link') <svg onload=\"window.__xss='svg'\"></svg>",
].join("\n");

test("an XSS payload in an entry never runs in the list, search or preview", async ({ page, signIn }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn();
  const created = await apiJson<Entry>(page, "POST", "/api/entries", {
    title: "<img src=x onerror=\"window.__xss='title'\">",
    body: PAYLOAD,
    tags: ["night"],
  });
  const flag = () => page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null);

  const journal = new JournalPage(page);
  await journal.goto();
  await expect(journal.entryCards()).toHaveCount(1);
  await expect(journal.entryCards().first()).toContainText("<img src=x"); // shown as text
  await expect(page.locator("main img")).toHaveCount(0);

  const search = new SearchPage(page);
  await search.goto();
  await search.search("nightjar");
  await expect(search.results()).toHaveCount(1);
  await expect(page.locator(".search-results img, .search-results script")).toHaveCount(0);

  const editor = new EditorPage(page);
  await editor.goto(created.id);
  const preview = await editor.togglePreview();
  await expect(preview).toContainText("Nightjar");
  await expect(preview.locator("script, svg, [onerror], [onload]")).toHaveCount(0);
  await expect(preview.locator("a[href^='javascript']")).toHaveCount(0);
  await page.waitForTimeout(500);

  expect(await flag()).toBeNull();
  expect(dialogs).toEqual([]);
});
