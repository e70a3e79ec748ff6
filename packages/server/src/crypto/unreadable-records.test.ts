import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MeridianApp } from "../app";
import { download, sendFile, sineWav, unzip } from "../archive/seed.test-helpers";
import { testBackends } from "../store/testing";
import { body, type Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

const backends = await testBackends();

/** Flips one bit inside a sealed value (`m1.<iv>.<sealed>`): it no longer authenticates. */
function flipped(sealed: string): string {
  const [version, iv, data] = sealed.split(".");
  const bytes = Buffer.from(data ?? "", "base64url");
  bytes[1] = (bytes[1] ?? 0) ^ 0x08;
  return `${version}.${iv}.${bytes.toString("base64url")}`;
}

const NIGHTS = ["2025-01-20", "2025-01-21"];
const diary = (nightOf: string, comments: string) => ({
  nightOf,
  timeZone: "UTC",
  intoBed: "23:10",
  triedToSleep: "23:30",
  minutesToFallAsleep: 20,
  awakenings: 1,
  minutesAwake: 10,
  finalAwakening: "06:50",
  outOfBed: "07:15",
  quality: 3,
  rested: 4,
  listened: false,
  comments,
});

async function created(res: Response, status = 201): Promise<{ id: string }> {
  expect(res.status, await res.clone().text()).toBe(status);
  return body(res);
}

/** One damaged prompt, preset, media name, session note and diary comment must not hide the
 * rest of their lists, nor make export or import fail. */
describe.each(backends)("unreadable records beyond entries on %s", (kind) => {
  let raw: RawBackend;
  let app: MeridianApp;
  let ana: Client;
  const logged: string[] = [];
  const good: Record<string, string> = {};
  const bad: Record<string, string> = {};
  const today = new Date().toISOString().slice(0, 10);
  let before: Uint8Array = new Uint8Array();

  beforeAll(async () => {
    raw = await openRawBackend(kind);
    app = appOver(raw);
    ana = clientOf(app);
    expect(
      (await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" })).status,
    ).toBe(201);
    const scenes = await body(await ana.get("/api/scenes"));
    for (const [i, word] of ["heron", "walnut"].entries()) {
      const which = i === 0 ? good : bad;
      which.prompt = (
        await created(await ana.post("/api/prompts", { category: "sleep", text: `Think of the ${word}.` }))
      ).id;
      which.preset = (
        await created(
          await ana.post("/api/presets", { name: `Preset ${word}`, scene: scenes.scenes[0].scene }),
        )
      ).id;
      which.media = (
        await created(
          await app.request("/api/media", {
            method: "POST",
            headers: {
              cookie: ana.cookie ?? "",
              "x-meridian-client": "test",
              "content-type": "application/octet-stream",
              "x-filename": `${word}.wav`,
            },
            body: sineWav(0.2),
          }),
        )
      ).id;
      const session = await created(
        await ana.post("/api/sessions", { checkIn: { pleasantness: 4, energy: 5, anxiety: 30 } }),
      );
      await created(
        await ana.patch(`/api/sessions/${session.id}`, {
          status: "checked-out",
          checkOut: {
            pleasantness: 6,
            energy: 5,
            anxiety: 20,
            tingles: 0,
            relaxation: 7,
            note: `the ${word}`,
          },
        }),
        200,
      );
      which.session = session.id;
      const night = NIGHTS[i] ?? "";
      expect(
        (await ana.put(`/api/sleep-diaries/${night}`, diary(night, `dreamt of the ${word}`))).status,
      ).toBe(201);
      which.diary = night;
    }
    before = await download(ana, "/api/export?format=archive");
    // Damage one record of each kind in the database itself.
    for (const [table, column, id] of [
      ["prompts", "text", bad.prompt],
      ["presets", "name", bad.preset],
      ["media", "name", bad.media],
    ] as const) {
      const [row] = await raw.query<Record<string, string>>(`select ${column} from ${table} where id = ?`, [
        id,
      ]);
      await raw.exec(`update ${table} set ${column} = ? where id = ?`, [flipped(row?.[column] ?? ""), id]);
    }
    const [s] = await raw.query<{ check_out: string }>("select check_out from ritual_sessions where id = ?", [
      bad.session,
    ]);
    const checkOut = JSON.parse(s?.check_out ?? "{}");
    checkOut.note = flipped(checkOut.note);
    await raw.exec("update ritual_sessions set check_out = ? where id = ?", [
      JSON.stringify(checkOut),
      bad.session,
    ]);
    const [d] = await raw.query<{ fields: string }>("select fields from sleep_diaries where night_of = ?", [
      bad.diary,
    ]);
    const fields = JSON.parse(d?.fields ?? "{}");
    fields.comments = flipped(fields.comments);
    await raw.exec("update sleep_diaries set fields = ? where night_of = ?", [
      JSON.stringify(fields),
      bad.diary,
    ]);
    bad.diaryId =
      (await raw.query<{ id: string }>("select id from sleep_diaries where night_of = ?", [bad.diary]))[0]
        ?.id ?? "";
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    app?.dispose();
    await raw?.dispose();
  });

  it("lists every readable prompt, preset, media item, session and diary, and names the bad one", async () => {
    const prompts = await body(await ana.get("/api/prompts?category=sleep"));
    const own = prompts.prompts.filter((p: { builtIn: boolean }) => !p.builtIn);
    expect(own.map((p: { id: string }) => p.id)).toEqual([good.prompt]);
    expect(prompts.unreadable).toEqual([{ id: bad.prompt, date: today }]);

    const presets = await body(await ana.get("/api/presets"));
    expect(presets.presets.map((p: { id: string }) => p.id)).toEqual([good.preset]);
    expect(presets.unreadable).toEqual([{ id: bad.preset, date: today }]);

    const media = await body(await ana.get("/api/media"));
    expect(media.items.map((m: { id: string }) => m.id)).toEqual([good.media]);
    expect(media.unreadable).toEqual([{ id: bad.media, date: today }]);

    const sessions = await body(await ana.get("/api/sessions"));
    expect(sessions.sessions.map((s: { id: string }) => s.id)).toEqual([good.session]);
    expect(sessions.unreadable).toEqual([{ id: bad.session, date: today }]);

    const diaries = await body(await ana.get("/api/sleep-diaries"));
    expect(diaries.diaries.map((x: { nightOf: string }) => x.nightOf)).toEqual([good.diary]);
    expect(diaries.unreadable).toEqual([{ id: bad.diaryId, date: bad.diary }]);
  });

  it("pages sessions past an unreadable one without stopping or skipping", async () => {
    const seen: string[] = [];
    const named: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await ana.get(`/api/sessions?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, await res.clone().text()).toBe(200);
      const page = await body(res);
      seen.push(...page.sessions.map((s: { id: string }) => s.id));
      named.push(...page.unreadable.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual([good.session]);
    expect(named).toEqual([bad.session]);
  });

  it("answers 422 record_unreadable when one is opened on its own", async () => {
    for (const path of [
      `/api/presets/${bad.preset}`,
      `/api/media/${bad.media}`,
      `/api/sessions/${bad.session}`,
      `/api/sleep-diaries/${bad.diary}`,
    ]) {
      const res = await ana.get(path);
      expect(res.status, path).toBe(422);
      expect((await body(res)).error.code, path).toBe("record_unreadable");
    }
    expect((await ana.get(`/api/presets/${good.preset}`)).status).toBe(200);
    expect((await ana.get(`/api/sessions/${good.session}`)).status).toBe(200);
  });

  it("logs each with its table, field and id, never its text", () => {
    const lines = logged.filter((l) => l.includes("decrypt_failed"));
    for (const where of [
      `prompts.text of ${bad.prompt}`,
      `presets.name of ${bad.preset}`,
      `media.name of ${bad.media}`,
      `ritual_sessions.check_out.note of ${bad.session}`,
      `sleep_diaries.fields.comments of ${bad.diary}`,
    ])
      expect(
        lines.some((l) => l.includes(where)),
        where,
      ).toBe(true);
    expect(logged.join("\n")).not.toMatch(/walnut|heron/);
  });

  it("still answers insights and the storage usage", async () => {
    expect((await ana.get("/api/insights")).status).toBe(200);
    const usage = await body(await ana.get("/api/media/usage"));
    // The damaged item's file still counts against the quota.
    expect(usage.mediaBytes).toBe(2 * sineWav(0.2).length);
  });

  it("exports every readable record, names the others, and that archive imports", async () => {
    const zip = await download(ana, "/api/export?format=archive");
    const files = unzip(zip);
    const archive = JSON.parse(new TextDecoder().decode(files["archive.json"]));
    expect(archive.prompts.map((p: { id: string }) => p.id)).toEqual([good.prompt]);
    expect(archive.presets.map((p: { id: string }) => p.id)).toEqual([good.preset]);
    expect(archive.media.map((m: { id: string }) => m.id)).toEqual([good.media]);
    expect(archive.sessions.map((s: { id: string }) => s.id)).toEqual([good.session]);
    expect(archive.sleepDiaries.map((x: { nightOf: string }) => x.nightOf)).toEqual([good.diary]);
    expect(Object.keys(files).filter((n) => n.startsWith("media/"))).toEqual([`media/${good.media}`]);
    const byTable = Object.fromEntries(
      (archive.unreadable as { table: string; id: string; date: string; reason: string }[]).map((u) => [
        u.table,
        u,
      ]),
    );
    expect(byTable).toEqual({
      prompts: {
        table: "prompts",
        id: bad.prompt,
        date: today,
        reason: "prompts.text could not be decrypted",
      },
      presets: {
        table: "presets",
        id: bad.preset,
        date: today,
        reason: "presets.name could not be decrypted",
      },
      media: { table: "media", id: bad.media, date: today, reason: "media.name could not be decrypted" },
      ritual_sessions: {
        table: "ritual_sessions",
        id: bad.session,
        date: today,
        reason: "ritual_sessions.check_out.note could not be decrypted",
      },
      sleep_diaries: {
        table: "sleep_diaries",
        id: bad.diaryId,
        date: bad.diary,
        reason: "sleep_diaries.fields.comments could not be decrypted",
      },
    });
    expect((await download(ana, "/api/export?format=markdown")).length).toBeGreaterThan(0);

    const h = { app } as Parameters<typeof sendFile>[0];
    // Into the same account (which still holds the damaged rows): nothing new, nothing fails.
    const again = await sendFile(h, ana, "/api/import", zip);
    expect(again.status, await again.clone().text()).toBe(200);
    expect((await body(await ana.get("/api/presets"))).presets).toHaveLength(1);

    // Into another account: every readable record arrives.
    expect(
      (await ana.post("/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" })).status,
    ).toBe(201);
    const ben = clientOf(app);
    expect((await ben.post("/api/auth/login", { username: "ben", password: PASSWORD })).status).toBe(200);
    const preview = await sendFile(h, ben, "/api/import/preview", zip);
    expect(preview.status, await preview.clone().text()).toBe(200);
    const imported = await sendFile(h, ben, "/api/import", zip);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect((await body(await ben.get("/api/presets"))).presets).toHaveLength(1);
    expect((await body(await ben.get("/api/media"))).items).toHaveLength(1);
    expect((await body(await ben.get("/api/sessions"))).sessions).toHaveLength(1);
    expect((await body(await ben.get("/api/sleep-diaries"))).diaries).toHaveLength(1);
    expect((await body(await ben.get("/api/prompts?category=sleep"))).unreadable).toEqual([]);
  });

  it("imports an archive made before the damage without duplicating or failing", async () => {
    const h = { app } as Parameters<typeof sendFile>[0];
    const res = await sendFile(h, ana, "/api/import", before);
    expect(res.status, await res.clone().text()).toBe(200);
    const presets = await body(await ana.get("/api/presets"));
    expect(presets.presets.map((p: { id: string }) => p.id)).toEqual([good.preset]);
    expect(presets.unreadable.map((u: { id: string }) => u.id)).toEqual([bad.preset]);
    const sessions = await body(await ana.get("/api/sessions"));
    expect(sessions.sessions.map((x: { id: string }) => x.id)).toEqual([good.session]);
    const diaries = await body(await ana.get("/api/sleep-diaries"));
    expect(diaries.diaries.map((x: { nightOf: string }) => x.nightOf)).toEqual([good.diary]);
    expect(diaries.unreadable.map((u: { id: string }) => u.id)).toEqual([bad.diaryId]);
  });

  it("can be deleted, after which the lists are whole again", async () => {
    for (const path of [
      `/api/prompts/${bad.prompt}`,
      `/api/presets/${bad.preset}`,
      `/api/media/${bad.media}`,
      `/api/sessions/${bad.session}`,
      `/api/sleep-diaries/${bad.diary}`,
    ])
      expect((await ana.delete(path)).status, path).toBe(204);
    for (const path of ["/api/prompts", "/api/presets", "/api/media", "/api/sessions", "/api/sleep-diaries"])
      expect((await body(await ana.get(path))).unreadable, path).toEqual([]);
    expect((await body(await ana.get("/api/media/usage"))).mediaBytes).toBe(sineWav(0.2).length);
  });
});
