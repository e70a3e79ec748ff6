import { apiJson, expect, test } from "../fixtures/test";

const MEMBER = { username: "sol", password: "amber-harbour-lights-77" };

test("Deleting an account goes to sign-in with 'Your account was deleted' and no request gets a 401", async ({
  page,
  signIn,
}) => {
  // The owner adds a member; the member signs in in the browser and deletes their account.
  await signIn();
  await apiJson(page, "POST", "/api/admin/users", { ...MEMBER, timeZone: "Europe/London" });
  await page.context().clearCookies();
  const login = await page.request.post("/api/auth/login", {
    data: MEMBER,
    headers: { "X-Meridian-Client": "web" },
  });
  expect(login.status()).toBe(200);

  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "Delete your account" })).toBeVisible();
  const unauthorised: string[] = [];
  page.on("response", (res) => {
    if (res.status() === 401) unauthorised.push(`${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  await page.getByLabel("Your password").fill(MEMBER.password);
  await page.getByLabel(/Type your username/).fill(MEMBER.username);
  await page.getByRole("button", { name: "Delete my account and everything in it" }).click();

  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Your account was deleted, with everything in it.");
  await expect(page.getByText(/You were signed out/)).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe("/signin");
  // Give any late page (Today, sync, player) time to ask the server.
  await page.waitForTimeout(2000);
  expect(unauthorised).toEqual([]);
  await expect(page.getByRole("status")).toHaveText("Your account was deleted, with everything in it.");
});
