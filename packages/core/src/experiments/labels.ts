/** Names for the two arms in results text (only ever shown after unblinding). */
import type { ComparisonKind, ExperimentPlan } from "./plan";

export interface ArmLabels {
  readonly kind: ComparisonKind;
  /** Sentence subject: "Whispering", "The trigger". */
  readonly condition: string;
  /** After "than with": "the sham", "the same scene without it". */
  readonly control: string;
}

const DEFAULTS: Readonly<Record<ComparisonKind, { condition: string; control: string }>> = {
  "trigger-vs-without": { condition: "The trigger", control: "the same scene without it" },
  "trigger-vs-sham": { condition: "The trigger", control: "the sham" },
  "scene-vs-scene": { condition: "The first scene", control: "the second scene" },
};

export function armLabels(
  plan: Pick<ExperimentPlan, "comparison" | "conditionName" | "controlName">,
): ArmLabels {
  const kind = plan.comparison.kind;
  const d = DEFAULTS[kind];
  const condition = plan.conditionName
    ? plan.conditionName.charAt(0).toUpperCase() + plan.conditionName.slice(1)
    : d.condition;
  return { kind, condition, control: plan.controlName ?? d.control };
}
