import type { Entry } from "@meridian/core";
import Database from "better-sqlite3";
import { apiJson, expect, test } from "../fixtures/test";
import { JournalPage } from "../pages/JournalPage";

test("an entry whose ciphertext is damaged is named on the journal list; the others still show", async ({
  page,
  server,
  signIn,
}) => {
  await signIn();
  const kept = await apiJson<Entry>(page, "POST", "/api/entries", { title: "The kept one", body: "Rain." });
  const lost = await apiJson<Entry>(page, "POST", "/api/entries", {
    title: "The damaged one",
    body: "Wind.",
  });

  // Flip one bit of the second entry's body ciphertext in the database file.
  const db = new Database(`${server.dataDir}/meridian.db`);
  try {
    db.pragma("busy_timeout = 5000");
    const row = db.prepare("select body from entries where id = ?").get(lost.id) as { body: string };
    const [version, iv, sealed] = row.body.split(".");
    const bytes = Buffer.from(sealed ?? "", "base64url");
    bytes[1] = (bytes[1] ?? 0) ^ 0x04;
    db.prepare("update entries set body = ? where id = ?").run(
      `${version}.${iv}.${bytes.toString("base64url")}`,
      lost.id,
    );
  } finally {
    db.close();
  }

  const journal = new JournalPage(page);
  await journal.goto();
  await expect(journal.entryCards()).toHaveCount(1);
  await expect(journal.entryCards().first()).toContainText("The kept one");
  const banner = page.getByTestId("unreadable-banner");
  await expect(banner).toContainText("1 entry could not be decrypted");
  await expect(banner).toContainText(lost.id);
  await expect(banner).toContainText(lost.localDate);
  expect(kept.id).not.toBe(lost.id);
});
