import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import {
  type Archive,
  entryLabel,
  experimentPlanSchema,
  ImportFormatError,
  type MediaUsed,
  type PlanItem,
} from "@meridian/core";
import { mediaDir, mediaPath, type StudioFiles } from "../media/paths";
import type { CheckupRecord, RitualSessionRecord, SleepDiaryRecord } from "../store/ritual-store";
import type { RecordList, Store, UserRecord } from "../store/store";
import type { NewMedia } from "../store/studio-store";
import { localDateIn } from "../time";
import { parseablePlan } from "./experiment-blinding";
import { importedStatuses } from "./import-experiments";
import { checkedMediaDetails } from "./media-type";
import { allSessions } from "./read-account";
import { type ImportSearch, inParallel, type Undo, WRITE_CONCURRENCY } from "./write-plan";

/**
 * Restoring a Meridian archive into an account. Ids are primary keys across the instance, so
 * a record keeps its id only where this account already owns it (re-importing into the same
 * account); otherwise it gets an id derived from the account and the original id. The same
 * archive imported twice therefore maps onto the same ids and the second import finds every
 * record already there. References between records (a session's entry, a diary's session,
 * a session's preset or own audio, an entry's own prompt) follow the same mapping.
 */

type Kind = "entries" | "prompts" | "sessions" | "diaries" | "checkups" | "presets" | "media" | "experiments";

export function derivedId(userId: string, kind: Kind, id: string): string {
  return createHash("sha256").update(`${userId}\u0000${kind}\u0000${id}`).digest("base64url").slice(0, 22);
}

export interface ArchivePlan {
  items: PlanItem[];
  warnings: string[];
  /** Bytes of the audio and video files the write adds (what it needs of the storage quota). */
  mediaBytes: number;
  write(undo: Undo): Promise<number>;
}

export async function planArchive(
  store: Store,
  files: StudioFiles,
  search: ImportSearch | undefined,
  user: UserRecord,
  archive: Archive,
  zip: Map<string, Uint8Array> | null,
  now: Date = new Date(),
): Promise<ArchivePlan> {
  const userId = user.id;
  // Every audio file must be in the zip with the size the archive gives, before anything is written.
  for (const m of archive.media) {
    if (m.file === null) continue;
    const data = zip?.get(m.file);
    if (!data) {
      throw new ImportFormatError(
        zip
          ? `${m.file} (the ${m.kind} "${m.name}") is missing from the zip`
          : `The archive lists media files; import the whole zip, not archive.json alone`,
      );
    }
    if (data.length !== m.sizeBytes)
      throw new ImportFormatError(`${m.file} has ${data.length} bytes; archive.json says ${m.sizeBytes}`);
  }
  // Each file's type by its bytes, as on upload (a mismatch refuses the whole import).
  const mediaDetails = new Map(
    archive.media.map((m) => [
      m.id,
      checkedMediaDetails(m, m.file === null ? null : (zip?.get(m.file) ?? null)),
    ]),
  );

  // An experiment's frozen plan must still be a valid plan (its report is rebuilt from it).
  for (const e of archive.experiments ?? []) {
    let ok = false;
    try {
      ok = experimentPlanSchema.safeParse(parseablePlan(e.plan)).success;
    } catch {
      ok = false;
    }
    if (!ok) throw new ImportFormatError(`The experiment "${e.name}" has a plan this version cannot read`);
  }
  const [entries, prompts, sessions, diaries, checkups, presets, media, experiments] = await Promise.all([
    store.allEntries(userId),
    store.listPrompts(userId),
    allSessions(store, userId),
    store.ritual.listSleepDiaries(userId, {}),
    store.ritual.listCheckups(userId),
    store.studio.listPresets(userId),
    store.studio.listMedia(userId),
    store.experiments.listExperiments(userId),
  ]);
  // Records that did not decrypt are still there: they count as owned (never written over).
  const ids = (list: RecordList<{ id: string }>) =>
    new Set([...list.map((r) => r.id), ...(list.unreadable ?? []).map((u) => u.id)]);
  const owned: Record<Kind, Set<string>> = {
    entries: ids(entries),
    prompts: ids(prompts),
    sessions: ids(sessions),
    diaries: ids(diaries),
    checkups: ids(checkups),
    presets: ids(presets),
    media: ids(media),
    experiments: ids(experiments),
  };
  const entryByClientId = new Map(
    entries.flatMap((e) => (e.clientId === null ? [] : [[e.clientId, e.id] as const])),
  );
  const nights = new Set([
    ...diaries.map((d) => d.nightOf),
    ...(diaries.unreadable ?? []).map((u) => u.localDate),
  ]);
  const sessionByClientId = new Map(
    sessions.flatMap((s) => (s.clientId === null ? [] : [[s.clientId, s.id] as const])),
  );
  const mapId = (kind: Kind, id: string) => (owned[kind].has(id) ? id : derivedId(userId, kind, id));
  const isOwned = (kind: Kind, id: string) => owned[kind].has(mapId(kind, id));

  const entryIds = new Map<string, string>();
  for (const e of archive.entries) {
    // An archive from before import keys were keyed carries them bare; they are stored keyed.
    const byClient =
      e.clientId === null ? undefined : entryByClientId.get(store.importClientId(userId, e.clientId));
    entryIds.set(
      e.id,
      isOwned("entries", e.id) ? mapId("entries", e.id) : (byClient ?? mapId("entries", e.id)),
    );
  }
  const sessionIds = new Map<string, string>();
  for (const s of archive.sessions) {
    const byClient = s.clientId === null ? undefined : sessionByClientId.get(s.clientId);
    sessionIds.set(
      s.id,
      isOwned("sessions", s.id) ? mapId("sessions", s.id) : (byClient ?? mapId("sessions", s.id)),
    );
  }
  const archivePrompts = new Set(archive.prompts.map((p) => p.id));
  const archivePresets = new Set(archive.presets.map((p) => p.id));
  const archiveMedia = new Set(archive.media.map((m) => m.id));
  // Any id a record carries under a key ending in "Id" (a session's media used: presetId,
  // audioId, mediaId; a scene's own-audio layers: mediaId) that names a preset or a media item
  // of the archive follows that record's new id; everything else stays as it was.
  const remapIds = <T>(value: T): T => {
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === "string" && key.endsWith("Id")) {
        if (archivePresets.has(v)) return mapId("presets", v);
        if (archiveMedia.has(v)) return mapId("media", v);
        return v;
      }
      if (Array.isArray(v)) return v.map((item) => walk(item, key));
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
      return v;
    };
    return walk(value, "") as T;
  };
  const mapMedia = (list: MediaUsed[]): MediaUsed[] => remapIds(list);

  const newEntries = archive.entries.filter((e) => {
    const id = entryIds.get(e.id) as string;
    return !owned.entries.has(id);
  });
  const newPrompts = archive.prompts.filter((p) => !isOwned("prompts", p.id));
  const newSessions = archive.sessions.filter((s) => !owned.sessions.has(sessionIds.get(s.id) as string));
  const newDiaries = archive.sleepDiaries.filter((d) => !isOwned("diaries", d.id) && !nights.has(d.nightOf));
  const newCheckups = archive.checkups.filter((c) => !isOwned("checkups", c.id));
  const newPresets = archive.presets.filter((p) => !isOwned("presets", p.id));
  const newMedia = archive.media.filter((m) => !isOwned("media", m.id));
  const archiveExperiments = archive.experiments ?? [];
  const newExperiments = archiveExperiments.filter((e) => !isOwned("experiments", e.id));
  const freshExperiments = new Set(newExperiments.map((e) => e.id));

  const fresh = (list: { id: string }[]) => new Set(list.map((r) => r.id));
  const [fe, fp, fs, fd, fc, fpr, fm] = [
    newEntries,
    newPrompts,
    newSessions,
    newDiaries,
    newCheckups,
    newPresets,
    newMedia,
  ].map(fresh) as Set<string>[];
  const items: PlanItem[] = [
    ...archive.entries.map((e) => ({
      kind: "entries" as const,
      localDate: e.localDate,
      label: entryLabel(e.title, e.body),
      duplicate: !fe?.has(e.id),
    })),
    ...archive.prompts.map((p) => ({
      kind: "prompts" as const,
      localDate: null,
      label: null,
      duplicate: !fp?.has(p.id),
    })),
    ...archive.sessions.map((s) => ({
      kind: "sessions" as const,
      localDate: s.localDate,
      label: null,
      duplicate: !fs?.has(s.id),
    })),
    ...archive.sleepDiaries.map((d) => ({
      kind: "sleepDiaries" as const,
      localDate: d.nightOf,
      label: null,
      duplicate: !fd?.has(d.id),
    })),
    ...archive.checkups.map((c) => ({
      kind: "checkups" as const,
      localDate: c.localDate,
      label: null,
      duplicate: !fc?.has(c.id),
    })),
    ...archive.presets.map((p) => ({
      kind: "presets" as const,
      localDate: null,
      label: null,
      duplicate: !fpr?.has(p.id),
    })),
    ...archive.media.map((m) => ({
      kind: "media" as const,
      localDate: null,
      label: null,
      duplicate: !fm?.has(m.id),
    })),
    ...archiveExperiments.map((e) => ({
      kind: "experiments" as const,
      localDate: e.startDate,
      label: null,
      duplicate: !freshExperiments.has(e.id),
    })),
  ];
  const warnings: string[] = [];
  // Stopped when its blinding was lost or another experiment runs (import-experiments.ts).
  const statuses = await importedStatuses(
    store,
    userId,
    newExperiments,
    localDateIn(archive.account.timeZone, now),
    localDateIn(archive.account.timeZone, new Date(archive.exportedAt)),
    warnings,
  );
  if (archive.account.timeZone !== user.timeZone) {
    warnings.push(
      `Your time zone will be set to ${archive.account.timeZone}, as in the archive (now ${user.timeZone})`,
    );
  }

  const write = async (undo: Undo): Promise<number> => {
    for (const p of newPrompts) {
      const id = mapId("prompts", p.id);
      await store.insertPrompt({ id, userId, category: p.category, text: p.text, createdAt: p.createdAt });
      undo.push(() => store.deletePrompt(userId, id));
    }
    for (const p of newPresets) {
      const id = mapId("presets", p.id);
      await store.studio.insertPreset(userId, {
        id,
        name: p.name,
        scene: remapIds(p.scene),
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      });
      undo.push(() => store.studio.deletePreset(userId, id));
    }
    if (newMedia.some((m) => m.file !== null)) await mkdir(mediaDir(files, userId), { recursive: true });
    for (const m of newMedia) {
      const id = mapId("media", m.id);
      if (m.file !== null) {
        const path = mediaPath(files, userId, id);
        undo.push(() => rm(path, { force: true }));
        await writeFile(path, zip?.get(m.file) as Uint8Array);
      }
      // Audio and video keep their file; a link has none (sizeBytes 0).
      const item = {
        id,
        kind: m.kind,
        name: m.name,
        sizeBytes: m.kind === "link" ? 0 : m.sizeBytes,
        details: mediaDetails.get(m.id),
        createdAt: m.createdAt,
      } as unknown as NewMedia;
      await store.studio.insertMedia(userId, item);
      undo.push(() => store.studio.deleteMedia(userId, id));
    }
    const mapPrompt = (id: string | null) =>
      id !== null && archivePrompts.has(id) ? mapId("prompts", id) : id;
    await inParallel(newEntries, WRITE_CONCURRENCY, async (e) => {
      const id = entryIds.get(e.id) as string;
      const { entry, created } = await store.createEntry(userId, {
        id,
        clientId: e.clientId,
        title: e.title,
        body: e.body,
        promptId: mapPrompt(e.promptId),
        promptText: e.promptText,
        tags: e.tags,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
        revision: e.revision,
        localDate: e.localDate,
        timeZone: e.timeZone,
      });
      if (!created) return;
      search?.upsert(userId, entry);
      undo.push(async () => {
        await store.deleteEntry(userId, id);
        search?.remove(userId, id);
      });
    });
    const ritualSessions: RitualSessionRecord[] = newSessions.map((s) => ({
      id: sessionIds.get(s.id) as string,
      userId,
      clientId: s.clientId,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      timeZone: s.timeZone,
      localDate: s.localDate,
      checkIn: s.checkIn,
      checkOut: s.checkOut,
      scene: remapIds(s.scene),
      media: mapMedia(s.media),
      entryId: s.entryId === null ? null : (entryIds.get(s.entryId) ?? null),
      promptId: mapPrompt(s.promptId),
      // A masked session names its experiment, whose id is mapped like the experiment's own.
      condition:
        s.condition.kind === "masked"
          ? { ...s.condition, experimentId: mapId("experiments", s.condition.experimentId) }
          : s.condition,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    }));
    const ritualDiaries: SleepDiaryRecord[] = newDiaries.map((d) => ({
      id: mapId("diaries", d.id),
      userId,
      nightOf: d.nightOf,
      fields: d.fields as unknown as SleepDiaryRecord["fields"],
      derived: d.derived as unknown as SleepDiaryRecord["derived"],
      sessionId: d.sessionId === null ? null : (sessionIds.get(d.sessionId) ?? null),
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    }));
    const ritualCheckups: CheckupRecord[] = newCheckups.map((c) => ({
      id: mapId("checkups", c.id),
      userId,
      instrumentId: c.instrumentId,
      answers: c.answers,
      total: c.total,
      bandId: c.bandId,
      completedAt: c.completedAt,
      localDate: c.localDate,
      timeZone: c.timeZone,
      createdAt: c.createdAt,
    }));
    // One transaction for all three tables.
    await store.ritual.importRecords(userId, {
      sessions: ritualSessions,
      diaries: ritualDiaries,
      checkups: ritualCheckups,
    });
    for (const e of newExperiments) {
      const id = mapId("experiments", e.id);
      await store.experiments.insertExperiment(userId, {
        id,
        name: e.name,
        plan: e.plan,
        arms: { A: remapIds(e.arms.A), B: remapIds(e.arms.B), controlNote: e.arms.controlNote },
        power: e.power,
        status: statuses.get(e.id)?.status ?? e.status,
        startDate: e.startDate,
        endDate: e.endDate,
        totalEvenings: e.totalEvenings,
        stoppedOn: statuses.get(e.id)?.stoppedOn ?? e.stoppedOn,
        unblindedOn: e.unblindedOn,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
      });
      undo.push(() => store.experiments.deleteExperiment(userId, id));
      for (const v of e.evenings) {
        await store.experiments.insertEvening(userId, {
          id: derivedId(userId, "experiments", `${e.id}\u0000${v.id}`),
          experimentId: id,
          index: v.index,
          localDate: v.localDate,
          sessionId: v.sessionId === null ? null : (sessionIds.get(v.sessionId) ?? v.sessionId),
          data: { outcomes: v.outcomes, expectation: v.expectation, guess: v.guess },
          createdAt: v.createdAt,
        });
      }
    }
    if (archive.account.timeZone !== user.timeZone) {
      const before = user.timeZone;
      await store.updateUserTimeZone(userId, archive.account.timeZone);
      undo.push(() => store.updateUserTimeZone(userId, before));
    }
    return items.filter((i) => !i.duplicate).length;
  };
  const mediaBytes = newMedia.reduce((sum, m) => sum + (m.file === null ? 0 : m.sizeBytes), 0);
  return { items, warnings, mediaBytes, write };
}
