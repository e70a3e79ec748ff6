import { expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";
import { JournalPage } from "../pages/JournalPage";
import { SearchPage } from "../pages/SearchPage";
import { SetupPage } from "../pages/SetupPage";

test("first-run owner setup → write with a prompt → reload → find it in search", async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.goto();
  await setup.createOwner("luna", "quiet-night-rain-42");

  const journal = new JournalPage(page);
  await journal.goto();
  await expect(page.getByText("Your journal is empty")).toBeVisible();
  await journal.newEntry();

  const editor = new EditorPage(page);
  await editor.ready();
  const prompt = await editor.pickRandomPrompt();
  expect(prompt.length).toBeGreaterThan(3);
  await editor.title.fill("Rain on the skylight");
  await editor.type("The rain sounded like soft applause, and my shoulders finally dropped.");
  await editor.expectSaved();
  await expect(page).toHaveURL(/\/entries\/(?!new)[^/?]+$/);
  const id = editor.entryIdFromUrl();
  // Keep writing after the create moved the URL to the entry's id: nothing typed before may vanish.
  await editor.type(" Then the lullaby.");
  await editor.expectSaved();
  await expect(editor.body).toContainText("finally dropped. Then the lullaby.");

  await page.reload();
  await editor.ready();
  await expect(editor.body).toContainText("soft applause");
  await expect(editor.title).toHaveValue("Rain on the skylight");
  await expect(page.getByTestId("prompt-text")).toHaveText(prompt);
  await expect(editor.notice).toHaveCount(0);

  await journal.goto();
  await expect(journal.entryCards()).toHaveCount(1);
  await expect(journal.entryCards().first()).toContainText("Rain on the skylight");

  const search = new SearchPage(page);
  await search.goto();
  await search.search("applause");
  await expect(search.results()).toHaveCount(1);
  const hit = search.results().first();
  await expect(hit).toHaveAttribute("href", `/entries/${id}`);
  await expect(hit.locator("mark").first()).toHaveText(/applause/i);
});

test("leaving the editor right after typing still lists every word", async ({ page, signIn }) => {
  await signIn();
  const editor = new EditorPage(page);
  await editor.gotoNew();
  await editor.type("Hair brushing, slow and even.");
  await editor.expectSaved();
  await editor.type(" Then silence.");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journal" }).click();
  const journal = new JournalPage(page);
  await expect(journal.entryCards()).toHaveCount(1);
  await expect(journal.entryCards().first()).toContainText("Hair brushing, slow and even. Then silence.");
});
