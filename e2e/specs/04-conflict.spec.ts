import type { Entry } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";

test("two tabs editing one entry: the 409 shows both texts and keeps both", async ({
  page,
  context,
  signIn,
}) => {
  await signIn();
  const created = await apiJson<Entry>(page, "POST", "/api/entries", { body: "Evening notes." });

  const tabA = new EditorPage(page);
  const tabB = new EditorPage(await context.newPage());
  await tabA.goto(created.id);
  await tabB.goto(created.id);

  await tabA.type(" Tab A heard the ocean.");
  await tabA.expectSaved();

  await tabB.type(" Tab B heard the rain.");
  await tabB.expectStatus("Not saved – conflict");
  const merge = tabB.mergeView();
  await expect(merge).toBeVisible();
  await expect(merge.getByTestId("merge-mine")).toContainText("Evening notes. Tab B heard the rain.");
  await expect(merge.getByTestId("merge-theirs")).toContainText("Evening notes. Tab A heard the ocean.");

  // Nothing was overwritten while the writer decides.
  const meanwhile = await apiJson<Entry>(page, "GET", `/api/entries/${created.id}`);
  expect(meanwhile.body).toBe("Evening notes. Tab A heard the ocean.");

  await merge.getByRole("button", { name: "Keep both" }).click();
  await tabB.expectSaved();
  await expect(merge).toHaveCount(0);
  await expect(tabB.body).toContainText("Tab B heard the rain.");
  await expect(tabB.body).toContainText("Tab A heard the ocean.");

  const stored = await apiJson<Entry>(page, "GET", `/api/entries/${created.id}`);
  expect(stored.body).toContain("Evening notes. Tab B heard the rain.");
  expect(stored.body).toContain("Evening notes. Tab A heard the ocean.");
  expect(stored.body).toContain("Version saved elsewhere");
  expect(stored.revision).toBe(3);
});
