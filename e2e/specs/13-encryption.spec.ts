import { existsSync, readFileSync } from "node:fs";
import type { Entry } from "@meridian/core";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";
import { JournalPage } from "../pages/JournalPage";
import { SetupPage } from "../pages/SetupPage";

const USER = { username: "wren", password: "first-password-77" };
const NEW_PASSWORD = "second-password-88";

test("sign up → recovery key shown once → write → sign out → forgot password with the recovery key → entry still there", async ({
  page,
  server,
}) => {
  const setup = new SetupPage(page);
  await setup.goto();
  const recoveryKey = await setup.createOwner(USER.username, USER.password);
  // Shown once: nothing on the signed-in pages (or after a reload) shows it again.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByText(recoveryKey)).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Account and security" })).toBeVisible();
  await expect(page.getByText(recoveryKey)).toHaveCount(0);

  const journal = new JournalPage(page);
  await journal.goto();
  await journal.newEntry();
  const editor = new EditorPage(page);
  await editor.ready();
  await editor.title.fill("The heron at dusk");
  await editor.type("A grey heron stood in the shallows, perfectly still, until the light went.");
  await editor.expectSaved();
  const id = editor.entryIdFromUrl();

  // Not in the database file in the clear.
  const db = `${server.dataDir}/meridian.db`;
  const bytes = [db, `${db}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString("latin1"))
    .join("");
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes).not.toContain("perfectly still");
  expect(bytes).not.toContain("The heron at dusk");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();

  // A wrong key is refused with a clear message and changes nothing.
  await page.getByLabel("Username").fill(USER.username);
  await page.getByLabel("Recovery key").fill("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("That username and recovery key do not match an account")).toBeVisible();

  // The real key, typed sloppily (lower case, spaces instead of dashes), works.
  await page.getByLabel("Recovery key").fill(recoveryKey.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();

  await journal.goto();
  await expect(journal.entryCards()).toHaveCount(1);
  await expect(journal.entryCards().first()).toContainText("The heron at dusk");
  await editor.goto(id);
  await expect(editor.body).toContainText("perfectly still, until the light went.");
  const stored = await apiJson<Entry>(page, "GET", `/api/entries/${id}`);
  expect(stored.title).toBe("The heron at dusk");

  // The old password no longer opens the account; the new one does.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Username").fill(USER.username);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong username or password")).toBeVisible();
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
});

test("settings: change password and log out everywhere", async ({ page, browser, server }) => {
  const setup = new SetupPage(page);
  await setup.goto();
  await setup.createOwner(USER.username, USER.password);

  // A second device signed in to the same account.
  const other = await browser.newContext({ baseURL: server.url });
  const phone = await other.newPage();
  const login = await phone.request.post("/api/auth/login", {
    data: USER,
    headers: { "X-Meridian-Client": "web" },
  });
  expect(login.status()).toBe(200);

  await page.goto("/settings");
  await page.getByLabel("Current password").fill(USER.password);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Other devices were signed out")).toBeVisible();
  expect((await phone.request.get("/api/me")).status()).toBe(401);
  // This device carries on.
  expect((await page.request.get("/api/me")).status()).toBe(200);

  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await page.getByRole("button", { name: "Yes, log out everywhere" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("You logged out on every device.")).toBeVisible();
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await other.close();
});
