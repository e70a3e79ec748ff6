import {
  openCheckOut,
  openDiaryFields,
  openMedia,
  openScene,
  sealCheckOut,
  sealDiaryFields,
  sealMedia,
  sealScene,
} from "../crypto/field-codec";
import type { UserKey } from "../crypto/keys";
import { forwardRest, loudly, openEach, openOne } from "./encrypted-helpers";
import { withRandomLayerIds } from "./random-layer-ids";
import type { RitualSessionRecord, RitualStore, SleepDiaryRecord } from "./ritual-store";

/** RitualStore with the check-out note, the media names of a session, the text inside its scene
 * snapshot (name, description, own-audio layer names) and the sleep diary's comments sealed
 * (see encrypted-store.ts); own-audio layer ids made random on write (random-layer-ids.ts). Check-ins, ratings and the sound part of scenes stay plain.
 * Lists leave out a row that does not decrypt and name it in `unreadable`; getting one answers 422. */
export function encryptRitualStore(inner: RitualStore, keyOf: (userId: string) => UserKey): RitualStore {
  const openSession = (key: UserKey, s: RitualSessionRecord): RitualSessionRecord => ({
    ...s,
    checkOut: openCheckOut(key, s.id, s.checkOut),
    media: openMedia(key, s.id, s.media),
    scene: openScene(key, "ritual_sessions", s.id, s.scene),
  });
  const sealSession = (key: UserKey, s: RitualSessionRecord): RitualSessionRecord => ({
    ...s,
    checkOut: sealCheckOut(key, s.id, s.checkOut),
    media: sealMedia(key, s.id, s.media),
    scene: sealScene(key, "ritual_sessions", s.id, withRandomLayerIds(s.scene)),
  });
  const openDiary = (key: UserKey, d: SleepDiaryRecord): SleepDiaryRecord => ({
    ...d,
    fields: openDiaryFields(key, d.nightOf, d.fields),
  });
  const sessions = async (userId: string, work: () => Promise<RitualSessionRecord[]>) => {
    const key = keyOf(userId);
    return openEach(
      await work(),
      (s) => openSession(key, s),
      (s) => ({
        table: "ritual_sessions",
        id: s.id,
        createdAt: s.createdAt,
        localDate: s.localDate,
        startedAt: s.startedAt,
      }),
    );
  };
  const session = async (userId: string, work: () => Promise<RitualSessionRecord | null>) => {
    const key = keyOf(userId);
    return openOne(await work(), (s) => openSession(key, s), "session");
  };

  const overrides: Partial<RitualStore> = {
    async createSession(userId, s) {
      const key = keyOf(userId);
      const result = await inner.createSession(userId, {
        ...s,
        media: sealMedia(key, s.id, s.media),
        scene: sealScene(key, "ritual_sessions", s.id, withRandomLayerIds(s.scene)),
      });
      return loudly(async () => ({ session: openSession(key, result.session), created: result.created }));
    },
    getSession: (userId, id) => session(userId, () => inner.getSession(userId, id)),
    currentSession: (userId) => session(userId, () => inner.currentSession(userId)),
    listSessions: (userId, query) => sessions(userId, () => inner.listSessions(userId, query)),
    updateSession(userId, id, expected, changes) {
      const key = keyOf(userId);
      return session(userId, () =>
        inner.updateSession(userId, id, expected, {
          ...changes,
          ...(changes.checkOut !== undefined ? { checkOut: sealCheckOut(key, id, changes.checkOut) } : {}),
          ...(changes.media !== undefined ? { media: sealMedia(key, id, changes.media) } : {}),
          ...(changes.scene !== undefined
            ? { scene: sealScene(key, "ritual_sessions", id, withRandomLayerIds(changes.scene)) }
            : {}),
        }),
      );
    },
    async upsertSleepDiary(userId, diary) {
      const key = keyOf(userId);
      const result = await inner.upsertSleepDiary(userId, {
        ...diary,
        fields: sealDiaryFields(key, diary.nightOf, diary.fields),
      });
      return loudly(async () => ({ diary: openDiary(key, result.diary), created: result.created }));
    },
    async getSleepDiary(userId, nightOf) {
      const key = keyOf(userId);
      return openOne(await inner.getSleepDiary(userId, nightOf), (d) => openDiary(key, d), "sleep diary");
    },
    async listSleepDiaries(userId, range) {
      const key = keyOf(userId);
      const list = await inner.listSleepDiaries(userId, range);
      return openEach(
        list,
        (d) => openDiary(key, d),
        (d) => ({ table: "sleep_diaries", id: d.id, createdAt: d.createdAt, localDate: d.nightOf }),
      );
    },
    // insightsRows passes through: it reads only plain numbers and ids (store/insight-rows.ts).
    importRecords(userId, data) {
      const key = keyOf(userId);
      return inner.importRecords(userId, {
        ...(data.sessions ? { sessions: data.sessions.map((s) => sealSession(key, s)) } : {}),
        ...(data.diaries
          ? {
              diaries: data.diaries.map((d) => ({ ...d, fields: sealDiaryFields(key, d.nightOf, d.fields) })),
            }
          : {}),
        ...(data.checkups ? { checkups: data.checkups } : {}),
      });
    },
  };
  return forwardRest(overrides, inner);
}
