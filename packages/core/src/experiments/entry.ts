/**
 * What the person records on an experiment evening, validated against the plan: the primary
 * outcome is required (an evening without it cannot be analysed), secondary outcomes are optional,
 * every value must lie on its scale, the expectation is 0–10 and the guess one of three answers.
 * Errors name the field, e.g. `outcomes.anxiety-change: the primary outcome is required`.
 */
import { z } from "zod";
import { GUESSES } from "./analysis/types";
import { OUTCOME_INFO, OUTCOMES, type Outcome } from "./outcomes";
import type { ExperimentPlan, PlanError } from "./plan";
import type { EveningEntry } from "./report";

const entrySchema = z.strictObject({
  index: z.number({ error: "must be an evening number" }).refine(Number.isInteger, "must be a whole number"),
  outcomes: z
    .partialRecord(z.enum(OUTCOMES, { error: "is not an outcome" }), z.number().nullable())
    .default({}),
  expectation: z
    .number({ error: "must be a number from 0 to 10" })
    .refine((v) => Number.isInteger(v) && v >= 0 && v <= 10, "must be a whole number from 0 to 10")
    .nullable()
    .default(null),
  guess: z
    .enum(GUESSES, { error: `must be one of ${GUESSES.map((g) => `"${g}"`).join(", ")}` })
    .nullable()
    .default(null),
});

export type EntryParseResult = { ok: true; entry: EveningEntry } | { ok: false; errors: PlanError[] };

/** Validate one evening's record for `plan`. */
export function parseEveningEntry(
  plan: Pick<ExperimentPlan, "pairs" | "primaryOutcome" | "secondaryOutcomes">,
  input: unknown,
): EntryParseResult {
  const r = entrySchema.safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => ({
        field: i.path.map(String).join(".") || "(evening)",
        message: i.message,
      })),
    };
  }
  const entry = r.data;
  const errors: PlanError[] = [];
  if (entry.index < 1 || entry.index > plan.pairs * 2)
    errors.push({ field: "index", message: `must be an evening of this experiment, 1 to ${plan.pairs * 2}` });
  const allowed = new Set<Outcome>([plan.primaryOutcome, ...plan.secondaryOutcomes]);
  for (const [key, value] of Object.entries(entry.outcomes) as [Outcome, number | null][]) {
    const field = `outcomes.${key}`;
    if (!allowed.has(key)) errors.push({ field, message: "is not an outcome of this experiment" });
    else if (value !== null) {
      const { min, max, unit } = OUTCOME_INFO[key];
      if (!Number.isFinite(value) || value < min || value > max)
        errors.push({ field, message: `must be between ${min} and ${max} ${unit}` });
    }
  }
  const primary = entry.outcomes[plan.primaryOutcome];
  if (primary === undefined || primary === null)
    errors.push({ field: `outcomes.${plan.primaryOutcome}`, message: "the primary outcome is required" });
  return errors.length ? { ok: false, errors } : { ok: true, entry };
}
