import { z } from "zod";
import { PromptCategorySchema } from "../api/prompt";
import { INSTRUMENT_IDS } from "../instruments/registry";
import { CheckInSchema, CheckOutSchema } from "../ritual/measures";
import { ConditionSchema, MediaUsedSchema, SessionStatusSchema } from "../ritual/session";
import { parseScene } from "../scene";
import { SleepDerivedSchema } from "../sleep/api";
import { SleepDiaryFieldsSchema } from "../sleep/diary";
import { normaliseTag } from "./imported";

/** Meridian's own export: one JSON document (archive.json inside the zip), versioned. Records
 * keep the ids, times and revisions they were stored with, so an import can rebuild them as
 * they were. Nested measures are checked with the same schemas the API uses; the objects
 * themselves are written back exactly as they were read (see the import service). */

export const ARCHIVE_FORMAT = "meridian-archive";
export const ARCHIVE_VERSION = 1;
/** The JSON document's name inside the zip; media files sit under `media/<id>`. */
export const ARCHIVE_JSON_NAME = "archive.json";

const id = z.string().min(1).max(100);
/** UTC, as the store writes times (they sort as text). */
const instant = z.iso.datetime({ message: "should be an ISO 8601 UTC date and time (…Z)" });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "should be a date written YYYY-MM-DD");
const jsonObject = z.record(z.string(), z.unknown());

export const ArchiveEntrySchema = z.object({
  id,
  clientId: z.string().max(100).nullable(),
  title: z.string().max(200).nullable(),
  body: z.string().max(200_000),
  promptId: z.string().max(80).nullable(),
  promptText: z.string().max(2000).nullable(),
  revision: z.number().int().min(1).max(2_147_483_647),
  createdAt: instant,
  updatedAt: instant,
  localDate: calendarDate,
  timeZone: z.string().min(1).max(64),
  tags: z
    .array(
      z
        .string()
        // Older archives may hold "good meal" (before tags were one form): read as `good-meal`.
        .refine(
          (t) => normaliseTag(t) !== null,
          "is not a tag Meridian writes (lowercase letters, digits, space, dash, underscore)",
        )
        .overwrite((t) => normaliseTag(t) ?? t),
    )
    .max(30),
});
export type ArchiveEntry = z.infer<typeof ArchiveEntrySchema>;

export const ArchivePromptSchema = z.object({
  id,
  category: PromptCategorySchema,
  text: z.string().min(1).max(2000),
  createdAt: instant,
});
export type ArchivePrompt = z.infer<typeof ArchivePromptSchema>;

export const ArchiveSessionSchema = z.object({
  id,
  clientId: z.string().max(100).nullable(),
  status: SessionStatusSchema,
  startedAt: instant,
  endedAt: instant.nullable(),
  timeZone: z.string().min(1).max(64),
  localDate: calendarDate,
  checkIn: CheckInSchema,
  checkOut: CheckOutSchema.nullable(),
  scene: jsonObject.nullable(),
  media: z.array(MediaUsedSchema),
  entryId: id.nullable(),
  promptId: z.string().max(80).nullable(),
  condition: ConditionSchema,
  createdAt: instant,
  updatedAt: instant,
});
export type ArchiveSession = z.infer<typeof ArchiveSessionSchema>;

export const ArchiveSleepDiarySchema = z.object({
  id,
  nightOf: calendarDate,
  fields: jsonObject.superRefine((value, ctx) => {
    const r = SleepDiaryFieldsSchema.safeParse(value);
    if (!r.success)
      ctx.addIssue({
        code: "custom",
        message: r.error.issues[0]?.message ?? "is not a sleep diary",
        path: r.error.issues[0]?.path ?? [],
      });
  }),
  derived: jsonObject.superRefine((value, ctx) => {
    const r = SleepDerivedSchema.safeParse(value);
    if (!r.success)
      ctx.addIssue({
        code: "custom",
        message: r.error.issues[0]?.message ?? "is not a derived sleep record",
        path: r.error.issues[0]?.path ?? [],
      });
  }),
  sessionId: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type ArchiveSleepDiary = z.infer<typeof ArchiveSleepDiarySchema>;

export const ArchiveCheckupSchema = z.object({
  id,
  instrumentId: z.enum(INSTRUMENT_IDS),
  answers: z.record(z.string(), z.union([z.number(), z.array(z.string())])),
  total: z.number().nullable(),
  bandId: z.string().nullable(),
  completedAt: instant,
  localDate: calendarDate,
  timeZone: z.string().min(1).max(64),
  createdAt: instant,
});
export type ArchiveCheckup = z.infer<typeof ArchiveCheckupSchema>;

export const ArchivePresetSchema = z.object({
  id,
  name: z.string().min(1).max(120),
  scene: jsonObject.superRefine((value, ctx) => {
    const r = parseScene(value);
    if (!r.ok)
      ctx.addIssue({
        code: "custom",
        message: `is not a valid scene (${r.errors[0]?.field}: ${r.errors[0]?.message})`,
      });
  }),
  createdAt: instant,
  updatedAt: instant,
});
export type ArchivePreset = z.infer<typeof ArchivePresetSchema>;

const LinkDetailsSchema = z.object({
  url: z.string().max(2000),
  embedUrl: z.string().max(2000).nullable(),
  provider: z.enum(["youtube", "other"]),
});
const FileDetailsSchema = z.object({
  format: z.string().min(1).max(20),
  contentType: z.string().min(1).max(100),
});
const AudioDetailsSchema = FileDetailsSchema.extend({
  durationSeconds: z.number().nullable(),
  loudnessLufs: z.number().nullable(),
  gainDb: z.number(),
  loudnessSource: z.enum(["server", "client"]).nullable(),
});

export const ArchiveMediaSchema = z
  .object({
    id,
    kind: z.enum(["audio", "video", "link"]),
    name: z.string().min(1).max(200),
    sizeBytes: z.number().int().min(0),
    details: jsonObject,
    createdAt: instant,
    /** Path of the file inside the zip (`media/<id>`) for audio and video, null for links. */
    file: z.string().max(200).nullable(),
  })
  .superRefine((m, ctx) => {
    const schema =
      m.kind === "link" ? LinkDetailsSchema : m.kind === "audio" ? AudioDetailsSchema : FileDetailsSchema;
    const r = schema.safeParse(m.details);
    if (!r.success) {
      const issue = r.error.issues[0];
      ctx.addIssue({
        code: "custom",
        path: ["details", ...(issue?.path ?? [])],
        message: issue?.message ?? `are not ${m.kind} details`,
      });
    }
  });
export type ArchiveMedia = z.infer<typeof ArchiveMediaSchema>;

/** One recorded evening of an experiment: its outcomes as recorded (sleep outcomes are read
 * from the diaries when the report is made), the expectation and the guess. */
export const ArchiveExperimentEveningSchema = z.object({
  id,
  index: z.number().int().min(1).max(40),
  localDate: calendarDate,
  sessionId: id.nullable(),
  outcomes: z.record(z.string(), z.number().nullable()),
  expectation: z.number().int().min(0).max(10).nullable(),
  guess: z.enum(["A-is-trigger", "B-is-trigger", "dont-know"]).nullable(),
  createdAt: instant,
});

/** A blinded experiment (issue 15). `plan` is the frozen plan's canonical JSON: it holds the
 * schedule seed, so an archive made while an experiment runs tells which soundscape is which.
 * `arms` holds the two masked scenes. Added to version 1 as an optional key: older readers drop
 * it, as they drop `unreadable`. */
export const ArchiveExperimentSchema = z.object({
  id,
  name: z.string().min(1).max(80),
  plan: z.string().min(2).max(200_000),
  arms: z.object({ A: jsonObject, B: jsonObject, controlNote: z.string().max(1000) }),
  power: jsonObject,
  status: z.enum(["running", "stopped", "unblinded"]),
  startDate: calendarDate,
  endDate: calendarDate,
  totalEvenings: z.number().int().min(2).max(40),
  stoppedOn: calendarDate.nullable(),
  unblindedOn: calendarDate.nullable(),
  createdAt: instant,
  updatedAt: instant,
  evenings: z.array(ArchiveExperimentEveningSchema).max(40),
});
export type ArchiveExperiment = z.infer<typeof ArchiveExperimentSchema>;

/** A record the export could not decrypt (a damaged ciphertext): named, not included. An
 * import reads past these; they are there so the person knows what is missing and where. */
export const ArchiveUnreadableSchema = z.object({
  /** "entries", "prompts", "presets", "media", "ritual_sessions" or "sleep_diaries" (read as
   * any short name, so a later table does not make an older reader refuse the archive). */
  table: z.string().min(1).max(40),
  id,
  /** The record's local date (YYYY-MM-DD). */
  date: calendarDate,
  reason: z.string().max(500),
});
export type ArchiveUnreadable = z.infer<typeof ArchiveUnreadableSchema>;

export const ArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION, { message: `Only archive version ${ARCHIVE_VERSION} can be read` }),
  exportedAt: instant,
  account: z.object({
    username: z.string().min(1).max(64),
    timeZone: z.string().min(1).max(64),
    createdAt: instant,
  }),
  entries: z.array(ArchiveEntrySchema),
  prompts: z.array(ArchivePromptSchema),
  sessions: z.array(ArchiveSessionSchema),
  sleepDiaries: z.array(ArchiveSleepDiarySchema),
  checkups: z.array(ArchiveCheckupSchema),
  presets: z.array(ArchivePresetSchema),
  media: z.array(ArchiveMediaSchema),
  /** Experiments and their evenings; absent in archives from before experiments. */
  experiments: z.array(ArchiveExperimentSchema).optional(),
  /** Only present when something could not be read; readers of version 1 without it ignore
   * it (unknown keys are dropped), so the version stays 1. */
  unreadable: z.array(ArchiveUnreadableSchema).optional(),
});
export type Archive = z.infer<typeof ArchiveSchema>;

/** The archive as canonical JSON text: two-space indent, a final newline. The export writes
 * records already sorted (oldest first, then by id), so the same data gives the same bytes. */
export function archiveJson(archive: Archive): string {
  return `${JSON.stringify(archive, null, 2)}\n`;
}
