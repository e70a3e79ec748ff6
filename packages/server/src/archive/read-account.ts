import type {
  Archive,
  ArchiveExperiment,
  ArchiveMedia,
  ArchivePrompt,
  ArchiveUnreadable,
} from "@meridian/core";
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from "@meridian/core";
import { experimentState } from "../routes/experiments-state";
import type { RitualSessionRecord } from "../store/ritual-store";
import type { Store, UserRecord } from "../store/store";
import { type RecordList, slotsNewestFirst, type UnreadableRecord } from "../store/unreadable";
import { localDateIn } from "../time";
import { seedlessPlan } from "./experiment-blinding";

/** Everything one account holds, read through the Store, as the archive's records: oldest
 * first then by id, each object's keys in a fixed order, so the same data always gives the
 * same JSON bytes. The user's id and password hash are not in it. */

/** Oldest first; records of the same moment by their content (not their id, which differs
 * after a restore into another account), then by id. */
const byTimeThenId =
  <T extends { id: string }>(time: (r: T) => string) =>
  (a: T, b: T) => {
    if (time(a) !== time(b)) return time(a) < time(b) ? -1 : 1;
    const ca = JSON.stringify({ ...a, id: "", userId: "" });
    const cb = JSON.stringify({ ...b, id: "", userId: "" });
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

const SESSION_PAGE = 1000;

/** Every session of the user; those that did not decrypt are named in `unreadable` (a page
 * counts them in place, so one at a page's end neither stops the walk nor repeats). */
export async function allSessions(store: Store, userId: string): Promise<RecordList<RitualSessionRecord>> {
  const all: RecordList<RitualSessionRecord> = [];
  const unreadable: UnreadableRecord[] = [];
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const page = slotsNewestFirst(
      await store.ritual.listSessions(userId, { limit: SESSION_PAGE, ...(after ? { after } : {}) }),
      (s) => s.startedAt,
      (u) => u.startedAt ?? u.createdAt,
    );
    for (const slot of page) {
      if (slot.record) all.push(slot.record);
      if (slot.unreadable) unreadable.push(slot.unreadable);
    }
    const last = page.at(-1);
    if (page.length < SESSION_PAGE || !last) break;
    after = { startedAt: last.at, id: last.id };
  }
  if (unreadable.length > 0) all.unreadable = unreadable;
  return all;
}

/** The path of an audio item's file inside the export zip. */
export const zipMediaPath = (id: string) => `media/${id}`;

/** Every experiment with its evenings, oldest first (sealed fields opened by the store). One
 * still running on `today` goes without its seed and masked scenes (experiment-blinding.ts). */
export async function allExperiments(
  store: Store,
  userId: string,
  today: string,
): Promise<ArchiveExperiment[]> {
  const list = await store.experiments.listExperiments(userId);
  const out: ArchiveExperiment[] = [];
  for (const e of list.sort(byTimeThenId((x) => x.createdAt))) {
    const evenings = await store.experiments.listEvenings(userId, e.id);
    const blind = !experimentState(e, evenings, today).ended;
    out.push({
      id: e.id,
      name: e.name,
      plan: blind ? seedlessPlan(e.plan) : e.plan,
      arms: blind
        ? { A: {}, B: {}, controlNote: "" }
        : { A: e.arms.A, B: e.arms.B, controlNote: e.arms.controlNote },
      power: e.power,
      status: e.status,
      startDate: e.startDate,
      endDate: e.endDate,
      totalEvenings: e.totalEvenings,
      stoppedOn: e.stoppedOn,
      unblindedOn: e.unblindedOn,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      evenings: evenings.map((v) => ({
        id: v.id,
        index: v.index,
        localDate: v.localDate,
        sessionId: v.sessionId,
        outcomes: { ...v.data.outcomes } as Record<string, number | null>,
        expectation: v.data.expectation,
        guess: v.data.guess,
        createdAt: v.createdAt,
      })),
    });
  }
  return out;
}

export async function readAccount(store: Store, user: UserRecord, exportedAt: Date): Promise<Archive> {
  const userId = user.id;
  const [entries, prompts, sessions, diaries, checkups, presets, media, experiments] = await Promise.all([
    store.allEntries(userId),
    store.listPrompts(userId),
    allSessions(store, userId),
    store.ritual.listSleepDiaries(userId, {}),
    store.ritual.listCheckups(userId),
    store.studio.listPresets(userId),
    store.studio.listMedia(userId),
    allExperiments(store, userId, localDateIn(user.timeZone, exportedAt)),
  ]);
  // Records that did not decrypt are named as error records (the encrypting store has logged
  // them); everything that opens is exported.
  const unreadable = [entries, prompts, sessions, diaries, presets, media]
    .flatMap((list: RecordList<unknown>) => list.unreadable ?? [])
    .map(
      (u): ArchiveUnreadable => ({
        table: u.table,
        id: u.id,
        date: u.localDate,
        reason: `${u.field} could not be decrypted`,
      }),
    )
    .sort((a, b) =>
      a.date !== b.date
        ? a.date < b.date
          ? -1
          : 1
        : a.table !== b.table
          ? a.table < b.table
            ? -1
            : 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: exportedAt.toISOString(),
    account: { username: user.username, timeZone: user.timeZone, createdAt: user.createdAt },
    entries: entries.sort(byTimeThenId((e) => e.createdAt)).map((e) => ({
      id: e.id,
      clientId: e.clientId,
      title: e.title,
      body: e.body,
      promptId: e.promptId,
      promptText: e.promptText,
      revision: e.revision,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      localDate: e.localDate,
      timeZone: e.timeZone,
      tags: [...e.tags],
    })),
    prompts: prompts.sort(byTimeThenId((p) => p.createdAt)).map((p) => ({
      id: p.id,
      category: p.category as ArchivePrompt["category"],
      text: p.text,
      createdAt: p.createdAt,
    })),
    sessions: sessions.sort(byTimeThenId((s) => s.startedAt)).map((s) => ({
      id: s.id,
      clientId: s.clientId,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      timeZone: s.timeZone,
      localDate: s.localDate,
      checkIn: s.checkIn,
      checkOut: s.checkOut,
      scene: s.scene,
      media: s.media,
      entryId: s.entryId,
      promptId: s.promptId,
      condition: s.condition,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
    sleepDiaries: diaries.sort(byTimeThenId((d) => d.nightOf)).map((d) => ({
      id: d.id,
      nightOf: d.nightOf,
      fields: d.fields as unknown as Record<string, unknown>,
      derived: d.derived as unknown as Record<string, unknown>,
      sessionId: d.sessionId,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    })),
    checkups: checkups.sort(byTimeThenId((c) => c.completedAt)).map((c) => ({
      id: c.id,
      instrumentId: c.instrumentId,
      answers: c.answers,
      total: c.total,
      bandId: c.bandId,
      completedAt: c.completedAt,
      localDate: c.localDate,
      timeZone: c.timeZone,
      createdAt: c.createdAt,
    })),
    presets: presets.sort(byTimeThenId((p) => p.createdAt)).map((p) => ({
      id: p.id,
      name: p.name,
      scene: p.scene,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
    media: media.sort(byTimeThenId((m) => m.createdAt)).map(
      (m): ArchiveMedia => ({
        id: m.id,
        kind: m.kind,
        name: m.name,
        sizeBytes: m.sizeBytes,
        details: m.details as unknown as Record<string, unknown>,
        createdAt: m.createdAt,
        file: m.kind === "link" ? null : zipMediaPath(m.id),
      }),
    ),
    ...(experiments.length > 0 ? { experiments } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}
