import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { apiJson, expect, OWNER, test } from "../fixtures/test";

/** A Day One Journal.json written for this test. */
const DAY_ONE = JSON.stringify({
  metadata: { version: "1.0" },
  entries: [
    {
      uuid: "E2E00000000000000000000000000001",
      creationDate: "2024-01-05T23:30:00Z",
      timeZone: "Europe/Berlin",
      text: "# Late walk by the canal\n\nCold air\\. Ducks asleep\\!",
      tags: ["walk"],
    },
    {
      uuid: "E2E00000000000000000000000000002",
      creationDate: "2024-01-07T08:00:00Z",
      timeZone: "Europe/London",
      text: "# Coffee and morning pages\n\nSlow start, kind to myself.",
    },
  ],
});
const file = (name: string, text: string) => ({
  name,
  mimeType: "application/json",
  buffer: Buffer.from(text),
});

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

test("Your data: export a zip, import Day One with preview, re-import finds duplicates, a bad file imports nothing, delete the account", async ({
  page,
}) => {
  const own = await apiJson<{ id: string }>(page, "POST", "/api/entries", {
    title: "Rain at the window",
    body: "The *rain* scene, then sleep.",
    tags: ["rain"],
  });

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();

  // Export everything: a real download whose archive holds the entry.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download everything (.zip)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^meridian-luna-\d{4}-\d\d-\d\d\.zip$/);
  const zip = unzipSync(readFileSync(await download.path()));
  const archive = JSON.parse(new TextDecoder().decode(zip["archive.json"]));
  expect(archive).toMatchObject({
    format: "meridian-archive",
    version: 1,
    account: { username: OWNER.username },
  });
  expect(archive.entries.map((e: { title: string }) => e.title)).toEqual(["Rain at the window"]);

  // Import a Day One file: preview first, nothing written until confirmed.
  const input = page.getByLabel("File to import");
  await input.setInputFiles(file("Journal.json", DAY_ONE));
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("Day One JSON export");
  await expect(page.getByTestId("import-summary")).toHaveText("2 new, 0 duplicates");
  await expect(preview).toContainText("From 2024-01-06 to 2024-01-07");
  await expect(preview.getByRole("listitem").filter({ hasText: "Late walk by the canal" })).toBeVisible();
  expect((await apiJson<{ entries: unknown[] }>(page, "GET", "/api/entries")).entries).toHaveLength(1);
  await page.getByRole("button", { name: "Import 2 new records" }).click();
  await expect(page.getByText("Imported 2 new records.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journal" }).click();
  await expect(page.getByText("Late walk by the canal")).toBeVisible();
  await expect(page.getByText("Coffee and morning pages")).toBeVisible();

  // The same file again: all duplicates, nothing to import.
  await page.goto("/data");
  await page.getByLabel("File to import").setInputFiles(file("Journal.json", DAY_ONE));
  await expect(page.getByTestId("import-summary")).toHaveText("0 new, 2 duplicates");
  await expect(page.getByRole("button", { name: "Nothing new to import" })).toBeDisabled();
  await page.getByRole("button", { name: "Cancel" }).click();

  // A malformed file: a clear error, and no entry from it.
  const broken = JSON.stringify({
    metadata: { version: "1.0" },
    entries: [
      {
        uuid: "E2E00000000000000000000000000003",
        creationDate: "2024-02-01T10:00:00Z",
        text: "# Fine entry",
      },
      { uuid: "E2E00000000000000000000000000004", creationDate: "not a date", text: "# Broken entry" },
    ],
  });
  await page.getByLabel("File to import").setInputFiles(file("Broken.json", broken));
  await expect(page.getByRole("alert")).toHaveText(
    'Broken.json can\'t be imported: Entry 2: "creationDate" should be an ISO 8601 date and time Nothing was imported.',
  );
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  const after = await apiJson<{ entries: { title: string }[] }>(page, "GET", "/api/entries");
  expect(after.entries.map((e) => e.title).sort()).toEqual(
    ["Coffee and morning pages", "Late walk by the canal", "Rain at the window"].sort(),
  );

  // One entry as Markdown from its page.
  await page.goto(`/entries/${own.id}`);
  const [md] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as Markdown" }).click(),
  ]);
  expect(md.suggestedFilename()).toMatch(/ Rain at the window\.md$/);
  const text = readFileSync(await md.path(), "utf8");
  expect(text).toContain('title: "Rain at the window"');
  expect(text).toContain('tags:\n  - "rain"');
  expect(text.endsWith("The *rain* scene, then sleep.\n")).toBe(true);

  // Delete the account: password and the username typed out.
  await page.goto("/data");
  const remove = page.getByRole("button", { name: "Delete my account and everything in it" });
  await page.getByLabel("Your password").fill(OWNER.password);
  await expect(remove).toBeDisabled();
  await page.getByLabel(/Type your username/).fill("someone");
  await expect(remove).toBeDisabled();
  await page.getByLabel(/Type your username/).fill(OWNER.username);
  await page.getByLabel("Your password").fill("wrong password entirely");
  await remove.click();
  await expect(page.getByRole("alert")).toHaveText("That password is not right");
  await page.getByLabel("Your password").fill(OWNER.password);
  await remove.click();
  // The last account is gone: the studio asks for a new owner.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/set up|welcome|create/i);
  const setup = await (await page.request.get("/api/setup")).json();
  expect(setup.needsOwner).toBe(true);
  const login = await page.request.post("/api/auth/login", {
    data: OWNER,
    headers: { "X-Meridian-Client": "web" },
  });
  expect(login.status()).toBe(401);
});
