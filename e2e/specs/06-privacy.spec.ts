import { expect, test } from "../fixtures/test";

test("every page only talks to the app's own origin", async ({ page, server, signIn, foreignRequests }) => {
  const seen = new Set<string>();
  page.on("request", (r) => seen.add(new URL(r.url()).origin));
  await signIn();
  for (const path of ["/", "/entries/new", "/search?q=rain", "/settings", "/help"]) {
    await page.goto(path);
    await expect(page.locator("main")).not.toBeEmpty();
    await page.waitForLoadState("networkidle");
  }
  expect([...seen]).toEqual([server.url]);
  expect(foreignRequests).toEqual([]);
  // The CSP the server sends forbids inline scripts; the built page has none.
  const inline = await page.locator("script:not([src])").count();
  expect(inline).toBe(0);
});
