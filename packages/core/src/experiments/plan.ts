/**
 * The plan of a blinded n-of-1 experiment (zod). It is frozen at the start (freeze.ts): what is
 * compared, the primary outcome, the number of AB/BA pairs, washout days, the minimal important
 * difference, the start date and the seed of the schedule, and the version of the analysis.
 * Errors name the field, e.g. `pairs: must be at least 1 …`.
 *
 * "Condition" is the thing being tested (the trigger, or scene a); "control" is what it is compared
 * with (the same scene without the trigger, the sham bed, or scene b). Differences are always
 * condition − control.
 */
import { z } from "zod";
import { dateFromDayNumber, dayNumber } from "../insights/dates";
import { formatPath, sceneSchema } from "../scene";
import { OUTCOME_INFO, OUTCOMES, type Outcome } from "./outcomes";

export const MIN_PAIRS = 1;
export const MAX_PAIRS = 20;
export const DEFAULT_PAIRS = 6;
export const MAX_WASHOUT_DAYS = 3;
/** The analysis this code runs; frozen into the plan so a later change cannot alter old reports. */
export const ANALYSIS_VERSION = "meridian-n-of-1-v1";

const sceneId = z.string({ error: "must be a scene id" }).trim().min(1, "must not be empty").max(200);
const layerId = z.string({ error: "must be a layer id" }).trim().min(1, "must not be empty").max(100);

/** A saved scene by id, or a scene written out in full. */
export const sceneSourceSchema = z.union(
  [z.strictObject({ sceneId }), z.strictObject({ scene: sceneSchema })],
  { error: "must be { sceneId } or { scene }" },
);
export type SceneSource = z.output<typeof sceneSourceSchema>;

const triggerFields = { layerId };

export const comparisonSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("trigger-vs-without"),
      sceneId: sceneId.optional(),
      scene: sceneSchema.optional(),
      ...triggerFields,
    }),
    z.strictObject({ kind: z.literal("scene-vs-scene"), a: sceneSourceSchema, b: sceneSourceSchema }),
    z.strictObject({
      kind: z.literal("trigger-vs-sham"),
      sceneId: sceneId.optional(),
      scene: sceneSchema.optional(),
      ...triggerFields,
    }),
  ],
  { error: 'must have kind "trigger-vs-without", "scene-vs-scene" or "trigger-vs-sham"' },
);
export type Comparison = z.output<typeof comparisonSchema>;
export type ComparisonKind = Comparison["kind"];

const outcomeSchema = z.enum(OUTCOMES, {
  error: `must be one of ${OUTCOMES.map((o) => `"${o}"`).join(", ")}`,
});

const int = (what: string) =>
  z.number({ error: `must be ${what}` }).refine(Number.isInteger, `must be ${what}`);

const planInputSchema = z.strictObject({
  comparison: comparisonSchema,
  primaryOutcome: outcomeSchema,
  secondaryOutcomes: z.array(outcomeSchema).max(OUTCOMES.length).default([]),
  pairs: int("a whole number of pairs")
    .refine((v) => v >= MIN_PAIRS, `must be at least ${MIN_PAIRS}: an experiment needs at least one AB pair`)
    .refine((v) => v <= MAX_PAIRS, `must be at most ${MAX_PAIRS}`)
    .default(DEFAULT_PAIRS),
  washoutDays: int("a whole number of days")
    .refine((v) => v >= 0 && v <= MAX_WASHOUT_DAYS, `must be between 0 and ${MAX_WASHOUT_DAYS}`)
    .default(0),
  minimalImportantDifference: z
    .number({ error: "must be a number" })
    .refine((v) => Number.isFinite(v) && v > 0, "must be a positive number")
    .optional(),
  startDate: z
    .string({ error: 'must be a date "YYYY-MM-DD"' })
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s),
      'must be a real calendar date "YYYY-MM-DD"',
    ),
  seed: int("a whole number from 0 to 4294967295").refine(
    (v) => v >= 0 && v <= 0xffffffff,
    "must be a whole number from 0 to 4294967295",
  ),
  /** Shown only after unblinding, e.g. "Whispering" / "the sham". */
  conditionName: z.string().trim().min(1, "must not be empty").max(60).optional(),
  controlName: z.string().trim().min(1, "must not be empty").max(60).optional(),
  analysis: z.literal(ANALYSIS_VERSION, { error: `must be "${ANALYSIS_VERSION}"` }).default(ANALYSIS_VERSION),
});

function isRealDate(s: string): boolean {
  const days = dayNumber(s);
  if (!Number.isFinite(days)) return false;
  // Round trip rejects 2026-02-30 and similar.
  return dateFromDayNumber(days) === s;
}

function layerExists(scene: z.output<typeof sceneSchema>, id: string): boolean {
  return scene.layers.some((l) => l.id === id) || scene.mediaLayers.some((l) => l.id === id);
}

export const experimentPlanSchema = planInputSchema
  .superRefine((plan, ctx) => {
    const c = plan.comparison;
    if (c.kind !== "scene-vs-scene") {
      if ((c.sceneId === undefined) === (c.scene === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["comparison", "sceneId"],
          message: "give either sceneId or scene, not both or neither",
        });
      } else if (c.scene && !layerExists(c.scene, c.layerId)) {
        ctx.addIssue({
          code: "custom",
          path: ["comparison", "layerId"],
          message: `no layer "${c.layerId}" in the scene`,
        });
      }
    }
    const seen = new Set<Outcome>();
    for (const [i, o] of plan.secondaryOutcomes.entries()) {
      if (o === plan.primaryOutcome)
        ctx.addIssue({
          code: "custom",
          path: ["secondaryOutcomes", i],
          message: "is already the primary outcome",
        });
      else if (seen.has(o))
        ctx.addIssue({ code: "custom", path: ["secondaryOutcomes", i], message: `"${o}" is listed twice` });
      seen.add(o);
    }
    const mid = plan.minimalImportantDifference;
    const max = OUTCOME_INFO[plan.primaryOutcome].maxMid;
    if (mid !== undefined && mid > max)
      ctx.addIssue({
        code: "custom",
        path: ["minimalImportantDifference"],
        message: `must be at most ${max} for ${plan.primaryOutcome}`,
      });
  })
  .transform((plan) => ({
    ...plan,
    minimalImportantDifference:
      plan.minimalImportantDifference ?? OUTCOME_INFO[plan.primaryOutcome].defaultMid,
  }));

export type ExperimentPlanInput = z.input<typeof experimentPlanSchema>;
export type ExperimentPlan = z.output<typeof experimentPlanSchema>;

export interface PlanError {
  readonly field: string;
  readonly message: string;
}

export type PlanParseResult = { ok: true; plan: ExperimentPlan } | { ok: false; errors: PlanError[] };

/** Validate unknown JSON as an experiment plan; each error names its field. */
export function parseExperimentPlan(input: unknown): PlanParseResult {
  const r = experimentPlanSchema.safeParse(input);
  if (r.success) return { ok: true, plan: r.data };
  const errors = r.error.issues.map((i) => ({
    field: formatPath(i.path).replace("(scene)", "(plan)"),
    message: i.message,
  }));
  return { ok: false, errors };
}

/** One line for the first few errors: "pairs: must be at least 1: …". */
export function describePlanErrors(errors: readonly PlanError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.field}: ${e.message}`)
    .join("; ");
}

/** Evenings in the experiment (two per pair). */
export function eveningsIn(plan: Pick<ExperimentPlan, "pairs">): number {
  return plan.pairs * 2;
}
