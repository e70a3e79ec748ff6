import { SleepDiaryInputSchema } from "@meridian/core";
import { createApp, openStore, unlockAccount } from "@meridian/server";
import { describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";
import { DEMO_ENTRIES, DEMO_NOTE, DEMO_SETTING } from "./demo";

async function withStore<T>(
  dataDir: string,
  work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
) {
  const store = await openStore({ dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe("meridian demo", () => {
  it("creates a demo account with three months of labelled data, and replaces it when run again", async () => {
    const io = captureIO();
    expect(await run(["demo", "--time-zone", "Europe/London"], io)).toBe(0);
    expect(io.out()).toMatch(/Created the demo account 'demo'/);
    const password = /Password \(shown only now\): (\S+)/.exec(io.out())?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(16);
    expect(io.out()).toMatch(/Recovery key \(shown only now\): ([0-9A-Z]{4}-){7}[0-9A-Z]{4}\n/);
    const dataDir = io.env?.MERIDIAN_DATA_DIR as string;

    const first = await withStore(dataDir, async (raw) => {
      const user = await raw.findUserByUsername("demo");
      if (!user) throw new Error("no demo user");
      // On disk the notes are ciphertext; the account's password opens them.
      const sealed = await raw.ritual.listSessions(user.id, { limit: 1000 });
      expect(sealed.find((s) => s.checkOut)?.checkOut?.note).toMatch(/^m1\./);
      const unlocked = await unlockAccount(raw, "demo", password ?? "");
      if (!unlocked) throw new Error("the printed password does not open the demo account");
      const store = unlocked.store;
      expect(user).toMatchObject({ role: "member", timeZone: "Europe/London" });
      expect(await store.getSetting(DEMO_SETTING)).toBe(user.id);
      const rows = await store.ritual.insightsRows(user.id, {});
      const sessions = await store.ritual.listSessions(user.id, { limit: 1000 });
      const diaries = await store.ritual.listSleepDiaries(user.id, {});
      const checkups = await store.ritual.listCheckups(user.id);
      const entries = await store.allEntries(user.id);
      // About 90 days: a session on most days, a diary on most nights, two check-ups a fortnight.
      expect(sessions.length).toBeGreaterThanOrEqual(75);
      expect(sessions.length).toBeLessThanOrEqual(90);
      expect(new Set(sessions.map((s) => s.localDate)).size).toBe(sessions.length);
      expect(diaries.length).toBeGreaterThanOrEqual(65);
      expect(diaries.length).toBeLessThanOrEqual(90);
      expect(checkups.map((c) => c.instrumentId).sort()).toEqual([
        ...Array(7).fill("gad7"),
        ...Array(7).fill("phq8"),
      ]);
      for (const c of checkups) expect(c.bandId).toBe("mild");
      expect(sessions.some((s) => s.status === "abandoned")).toBe(true);
      const hours = new Set(rows.sessions.map((s) => s.startedAt));
      expect(hours.size).toBe(sessions.length);
      for (const s of sessions) {
        if (s.checkOut) expect(s.checkOut.note).toBe(DEMO_NOTE);
        expect(s.media[0]?.kind).toBe("preset");
      }
      for (const d of diaries)
        expect(SleepDiaryInputSchema.safeParse(d.fields).success, d.nightOf).toBe(true);
      expect(diaries.filter((d) => d.sessionId !== null).length).toBeGreaterThan(30);
      expect(entries).toHaveLength(DEMO_ENTRIES.length);
      for (const e of entries) expect(e.tags).toEqual(["demo"]);
      const linked = sessions.filter((s) => s.entryId !== null);
      expect(linked).toHaveLength(DEMO_ENTRIES.length);

      // Insights through the API: at least one trigger with an estimate, same numbers as core.
      const app = createApp({ store: raw, version: "test", webDistDir: null });
      try {
        const login = await app.request("/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "demo", password }),
        });
        expect(login.status).toBe(200);
        const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const res = await app.request("/api/insights", { headers: { cookie } });
        expect(res.status).toBe(200);
        const insights = (await res.json()) as {
          counts: { sessions: number };
          triggers: { groups: { key: string; status: string }[] };
        };
        expect(insights.counts.sessions).toBe(sessions.length);
        const estimated = insights.triggers.groups.filter((g) => g.status === "estimate").map((g) => g.key);
        expect(estimated).toContain("rain");
        expect(insights.triggers.groups.some((g) => g.status === "not-enough-data")).toBe(true);
      } finally {
        app.dispose();
      }
      unlocked.release();
      return { id: user.id, sessions: sessions.length, entries: entries.length };
    });

    const again = captureIO({ env: io.env });
    expect(await run(["demo", "--time-zone", "Europe/London"], again)).toBe(0);
    expect(again.out()).toMatch(/Replaced the demo account/);
    const password2 = /Password \(shown only now\): (\S+)/.exec(again.out())?.[1] ?? "";
    await withStore(dataDir, async (raw) => {
      const users = await raw.listUsers();
      expect(users.filter((u) => u.username === "demo")).toHaveLength(1);
      const user = users.find((u) => u.username === "demo");
      expect(user?.id).not.toBe(first.id);
      expect(await raw.findUserById(first.id)).toBeNull();
      const unlocked = await unlockAccount(raw, "demo", password2);
      if (!unlocked) throw new Error("the new password does not open the demo account");
      const sessions = await unlocked.store.ritual.listSessions(user?.id ?? "", { limit: 1000 });
      expect(sessions).toHaveLength(first.sessions);
      expect(await unlocked.store.allEntries(user?.id ?? "")).toHaveLength(first.entries);
      unlocked.release();
    });
  });

  it("reads the password from stdin, and never replaces someone else's 'demo' account without --reset", async () => {
    const io = captureIO({ stdin: "a demo password of mine\n" });
    const env = io.env;
    const dataDir = env?.MERIDIAN_DATA_DIR as string;
    expect(await run(["user", "add", "demo", "--password-stdin"], io)).toBe(0);
    const refused = captureIO({ env });
    expect(await run(["demo"], refused)).toBe(1);
    expect(refused.err()).toMatch(/didn't create; add --reset/);

    const reset = captureIO({ env, stdin: "a demo password of mine\n" });
    expect(await run(["demo", "--reset", "--password-stdin"], reset)).toBe(0);
    expect(reset.out()).toMatch(/Replaced the demo account/);
    expect(reset.out()).not.toMatch(/Password/);
    await withStore(dataDir, async (store) => {
      const user = await store.findUserByUsername("demo");
      expect(await store.getSetting(DEMO_SETTING)).toBe(user?.id);
    });

    const help = captureIO({ env });
    expect(await run(["demo", "--help"], help)).toBe(0);
    expect(help.out()).toMatch(/three months of synthetic/);
    expect(await run(["demo", "extra"], captureIO({ env }))).toBe(2);
  });

  it("never replaces the studio's owner", async () => {
    const io = captureIO({ stdin: "the owner's password\n" });
    expect(await run(["user", "add", "demo", "--owner", "--password-stdin"], io)).toBe(0);
    const refused = captureIO({ env: io.env });
    expect(await run(["demo", "--reset"], refused)).toBe(1);
    expect(refused.err()).toMatch(/owner/);
  });
});
