/**
 * Freezing a plan at the start of an experiment (pre-registration): its canonical JSON (object
 * keys sorted at every depth, no whitespace, `undefined` members dropped) and the SHA-256 of that
 * text (the archive's pure SHA-256), shown in the report. The plan is parsed first, so defaults
 * are filled in: a plan given with and without `pairs: 6` freezes to the same hash. Changing
 * anything means a new experiment.
 *
 * Show the hash in the final report, not during the experiment: the seed is one of 2^32 values,
 * so the hash of an otherwise known plan could be searched for the seed, and the seed gives away
 * the blinding map.
 */

import { sha256Hex } from "../archive/sha256";
import { type ExperimentPlan, experimentPlanSchema } from "./plan";

/** JSON with object keys sorted at every depth; throws on values JSON cannot hold exactly. */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

export interface FrozenPlan {
  readonly plan: ExperimentPlan;
  readonly canonical: string;
  /** SHA-256 of `canonical`, 64 hex digits. */
  readonly hash: string;
}

/** Validate (filling defaults) and freeze a plan; throws the schema error for an invalid plan. */
export function freezePlan(input: unknown): FrozenPlan {
  const plan = experimentPlanSchema.parse(input);
  const canonical = canonicalJson(plan);
  return { plan, canonical, hash: sha256Hex(canonical) };
}

/** The hash of a plan (defaults filled). */
export function planHash(input: unknown): string {
  return freezePlan(input).hash;
}

/** Whether two plans are the same experiment (equal after defaults, whatever the key order). */
export function isSamePlan(a: unknown, b: unknown): boolean {
  return freezePlan(a).canonical === freezePlan(b).canonical;
}

/** Short form for people: the first 12 hex digits, "3f9a…". */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export type FrozenCheck = { ok: true } | { ok: false; code: "plan_frozen"; message: string };

/**
 * Whether `input` is still the plan frozen as `hash`. Any change (even one that only spells a
 * default differently is fine: defaults hash the same) means a new experiment. The message never
 * quotes the hash: it is refused while the experiment runs, when the hash must stay hidden.
 */
export function checkFrozenPlan(hash: string, input: unknown): FrozenCheck {
  const parsed = experimentPlanSchema.safeParse(input);
  if (parsed.success && sha256Hex(canonicalJson(parsed.data)) === hash) return { ok: true };
  return {
    ok: false,
    code: "plan_frozen",
    message: "This experiment's plan was frozen at the start; changing it means starting a new experiment",
  };
}
