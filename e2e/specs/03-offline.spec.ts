import type { Entry } from "@meridian/core";
import { apiJson, expect, OWNER, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";

test("typing while the server is down shows offline, keeps the text, and saves once it is back", async ({
  page,
  server,
  signIn,
}) => {
  await signIn();
  const editor = new EditorPage(page);
  await editor.gotoNew();
  await editor.type("Before the outage.");
  await editor.expectSaved();
  const id = editor.entryIdFromUrl();

  await server.stop();
  await editor.type(" Written while the server slept.");
  await editor.expectStatus("Offline – kept on this device", 15_000);
  await expect(editor.body).toContainText("Before the outage. Written while the server slept.");

  // The local draft holds the words too.
  const drafts = await page.evaluate(async () => {
    const req = indexedDB.open("meridian");
    const db = await new Promise<IDBDatabase>((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const tx = db.transaction("drafts", "readonly");
    const all = tx.objectStore("drafts").getAll();
    return new Promise<Array<{ content: { body: string } }>>((res) => {
      all.onsuccess = () => res(all.result as Array<{ content: { body: string } }>);
    });
  });
  expect(drafts.map((d) => d.content.body)).toContain("Before the outage. Written while the server slept.");

  await server.restart();
  // The restarted server no longer holds the journal's key: the app asks to sign in again,
  // and the words written meanwhile are saved from the local draft once it is unlocked.
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText("Sign in again to unlock your journal")).toBeVisible();
  await page.getByLabel("Username").fill(OWNER.username);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await editor.expectSaved(45_000);
  const stored = await apiJson<Entry>(page, "GET", `/api/entries/${id}`);
  expect(stored.body).toBe("Before the outage. Written while the server slept.");
});

test("the browser going offline and online again retries at once", async ({ page, context, signIn }) => {
  await signIn();
  const editor = new EditorPage(page);
  await editor.gotoNew();
  await editor.type("Dusk.");
  await editor.expectSaved();
  const id = editor.entryIdFromUrl();
  await context.setOffline(true);
  await editor.type(" Night.");
  await editor.expectStatus("Offline – kept on this device");
  await context.setOffline(false);
  await editor.expectSaved(5_000);
  const stored = await apiJson<Entry>(page, "GET", `/api/entries/${id}`);
  expect(stored.body).toBe("Dusk. Night.");
});
