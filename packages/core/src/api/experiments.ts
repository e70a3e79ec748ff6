/**
 * The experiments API (issue 15): request and response bodies of /api/experiments, shared by
 * the server (which adds OpenAPI metadata), the web app and the CLI. Blinding rules, kept by
 * every shape here: while an experiment runs no answer holds its schedule seed, its plan hash,
 * its blinding map (which soundscape is the condition) or a per-evening outcome; tonight's
 * soundscape is named only "Soundscape A" or "Soundscape B". See docs/api-experiments.md.
 */
import { z } from "zod";
import { GUESSES } from "../experiments/analysis/types";
import { OUTCOME_INFO, OUTCOMES } from "../experiments/outcomes";
import { comparisonSchema } from "../experiments/plan";

export const EXPERIMENT_STATUSES = ["running", "finished", "stopped", "unblinded"] as const;
/** running: evenings still to come; finished: every evening has passed or been recorded;
 * stopped / unblinded: ended early by the person (a deviation the report names). */
export const ExperimentStatusSchema = z.enum(EXPERIMENT_STATUSES);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

export const TODAY_STATUSES = ["not-started", "tonight", "recorded", "rest-day", "finished"] as const;

/** Where the experiment stands today; names no soundscape. */
export const ExperimentProgressSchema = z.object({
  today: z.enum(TODAY_STATUSES),
  /** Tonight's evening number, else the next one's (null when none is left). */
  eveningNumber: z.number().int().nullable(),
  totalEvenings: z.number().int(),
  completed: z.number().int(),
  /** Evening numbers whose date passed without a recording: skipped for good. */
  missed: z.array(z.number().int()),
  remaining: z.number().int(),
  /** "Experiment: evening 5 of 12" (core eveningLabel). */
  label: z.string(),
});
export type ExperimentProgress = z.infer<typeof ExperimentProgressSchema>;

/** One experiment in the list: no plan, no condition. */
export const ExperimentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ExperimentStatusSchema,
  startDate: z.string(),
  endDate: z.string(),
  createdAt: z.string(),
  progress: ExperimentProgressSchema,
  /** True once the report can be read (finished, stopped or unblinded). */
  reportAvailable: z.boolean(),
});
export type ExperimentSummary = z.infer<typeof ExperimentSummarySchema>;

/** Power guidance computed at the start from the person's own past evenings (core powerGuidance). */
export const PowerGuidanceSchema = z.object({
  enough: z.boolean(),
  pastValues: z.number().int(),
  suggestedPairs: z.number().int(),
  message: z.string(),
  /** Evening-to-evening SD of the primary outcome; null without enough past data. */
  sdEvening: z.number().nullable(),
  /** Pairs for 80 % power at 0.5 SD, 0.8 SD and the minimal important difference (null: none). */
  pairsForHalfSd: z.number().int().nullable(),
  pairsForEightTenthsSd: z.number().int().nullable(),
  pairsForMid: z.number().int().nullable(),
});
export type PowerGuidanceView = z.infer<typeof PowerGuidanceSchema>;

/** GET /api/experiments/power?outcome=&mid=: the guidance the designer shows before Start, from
 * the same past evenings the create route reads. `mid` (in the outcome's unit) defaults to the
 * outcome's default minimal important difference and has the plan's bounds. */
export const PowerQuerySchema = z
  .object({
    outcome: z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(", ")}` }),
    mid: z.coerce
      .number({ error: "must be a number" })
      .refine((v) => Number.isFinite(v) && v > 0, "must be a positive number")
      .optional(),
  })
  .superRefine((q, ctx) => {
    const max = OUTCOME_INFO[q.outcome].maxMid;
    if (q.mid !== undefined && q.mid > max)
      ctx.addIssue({ code: "custom", path: ["mid"], message: `must be at most ${max} for ${q.outcome}` });
  });
export type PowerQuery = z.infer<typeof PowerQuerySchema>;

/** The plan as shown: everything the person chose, never the seed (it gives the blinding away). */
export const ExperimentPlanViewSchema = z.object({
  comparison: comparisonSchema,
  primaryOutcome: z.enum(OUTCOMES),
  secondaryOutcomes: z.array(z.enum(OUTCOMES)),
  pairs: z.number().int(),
  washoutDays: z.number().int(),
  minimalImportantDifference: z.number(),
  startDate: z.string(),
  conditionName: z.string().optional(),
  controlName: z.string().optional(),
  analysis: z.string(),
});
export type ExperimentPlanView = z.infer<typeof ExperimentPlanViewSchema>;

export const ExperimentSchema = ExperimentSummarySchema.extend({
  plan: ExperimentPlanViewSchema,
  power: PowerGuidanceSchema,
  /** Dates the person stopped or unblinded early (null: did not). */
  stoppedOn: z.string().nullable(),
  unblindedOn: z.string().nullable(),
  /** SHA-256 of the frozen plan and the schedule seed: null until the experiment has ended. */
  planHash: z.string().nullable(),
  seed: z.number().int().nullable(),
  /** How the control soundscape was made (e.g. the sham bed used): null until the end. */
  controlNote: z.string().nullable(),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

export const ExperimentListSchema = z.object({ experiments: z.array(ExperimentSummarySchema) });
export type ExperimentList = z.infer<typeof ExperimentListSchema>;

/** POST /api/experiments. `plan` is a core experiment plan WITHOUT `seed` (the server draws it,
 * so nobody knows the blinding); `startDate` defaults to today in the person's time zone. */
export const CreateExperimentSchema = z.object({
  name: z.string().trim().min(1).max(80),
  plan: z.record(z.string(), z.unknown()),
});
export type CreateExperiment = z.infer<typeof CreateExperimentSchema>;

/** PATCH /api/experiments/:id: only the name changes. A `plan` different from the frozen one
 * answers 409 plan_frozen (the same plan is accepted and changes nothing). */
export const UpdateExperimentSchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  plan: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateExperiment = z.infer<typeof UpdateExperimentSchema>;

/** The answer of POST /api/experiments: the experiment and its power guidance. */
export const CreatedExperimentSchema = ExperimentSchema;

/** GET /api/experiments/today: tonight's assignment of the running experiment, if any. */
export const ExperimentTodaySchema = z.object({
  experiment: z
    .object({
      id: z.string(),
      name: z.string(),
      progress: ExperimentProgressSchema,
      /** Tonight's neutral soundscape, null on a day without an experiment evening. */
      soundscape: z.enum(["A", "B"]).nullable(),
      /** "Soundscape A" / "Soundscape B", null without an evening tonight. */
      soundscapeLabel: z.string().nullable(),
      /** The scene to play tonight (neutral names and layer ids), null without an evening. */
      scene: z.record(z.string(), z.unknown()).nullable(),
      /** "How much do you expect tonight's sound to help?" */
      expectationQuestion: z.string(),
      /** "Which do you think tonight was?" and its answers. */
      guessQuestion: z.string(),
      guesses: z.array(z.enum(GUESSES)),
    })
    .nullable(),
});
export type ExperimentToday = z.infer<typeof ExperimentTodaySchema>;

/** POST /api/experiments/:id/evenings: record tonight, after check-out. The outcomes come from
 * the session's check-in and check-out (and the next morning's sleep diary for sleep outcomes). */
export const RecordEveningSchema = z.object({
  sessionId: z.string().min(1).max(80),
  /** 0–10, asked before listening. */
  expectation: z.number().int().min(0).max(10),
  /** After check-out: which soundscape the person thinks is the condition. */
  guess: z.enum(GUESSES),
});
export type RecordEvening = z.infer<typeof RecordEveningSchema>;

/** A recorded evening as shown while blinded: when, not how it went. */
export const ExperimentEveningSchema = z.object({
  index: z.number().int(),
  date: z.string(),
  sessionId: z.string().nullable(),
  recordedAt: z.string(),
});
export type ExperimentEvening = z.infer<typeof ExperimentEveningSchema>;

/** GET /api/experiments/:id/report (only once ended; else 409 experiment_not_ended). `data` is
 * core ReportData (chart and table), `secondary` the analyses of the secondary outcomes. */
export const ExperimentReportSchema = z.object({
  experiment: ExperimentSchema,
  data: z.record(z.string(), z.unknown()),
  secondary: z.array(z.record(z.string(), z.unknown())),
  markdown: z.string(),
});
export type ExperimentReportView = z.infer<typeof ExperimentReportSchema>;

/** Error codes of the experiments API (besides validation_failed, not_found). */
export const ExperimentErrorCode = {
  /** Another experiment is running: one at a time (409). */
  running: "experiment_running",
  /** The report or the unblinded plan before the end (409). */
  notEnded: "experiment_not_ended",
  /** Stop, unblind or record after the end (409). */
  ended: "experiment_ended",
  /** A changed plan for a frozen experiment (409). */
  planFrozen: "plan_frozen",
  /** The evening is already recorded (409). */
  eveningRecorded: "evening_recorded",
  /** The session's day is not an evening of this experiment, or lies ahead (409). */
  notAnEvening: "not_an_evening",
  /** The session has no check-out, so the primary outcome has no data (400). */
  outcomeMissing: "outcome_missing",
  /** Imported from an archive made while it ran: no A/B map, so no report (409). */
  blindingLost: "blinding_lost",
  /** The session was not begun as this experiment's evening (POST …/evenings/:index/session) (409). */
  notPinned: "session_not_pinned",
} as const;
