/**
 * The experiment designer's form state and how it becomes the body of POST /api/experiments
 * (a core plan without the seed: the server draws it so nobody knows the blinding). Pure.
 */
import {
  type ComparisonKind,
  type CreateExperiment,
  DEFAULT_PAIRS,
  MAX_PAIRS,
  MAX_WASHOUT_DAYS,
  MIN_PAIRS,
  OUTCOME_INFO,
  OUTCOMES,
  type Outcome,
} from "@meridian/core";

export interface Design {
  name: string;
  kind: ComparisonKind;
  /** The scene holding the trigger (built-in scene id or preset id). */
  sceneId: string;
  /** The trigger layer of that scene. */
  layerId: string;
  /** Scene-vs-scene: the first (condition) and second (control) scene ids. */
  sceneA: string;
  sceneB: string;
  primaryOutcome: Outcome;
  secondaryOutcomes: Outcome[];
  pairs: string;
  washoutDays: string;
  /** Empty: the outcome's default. */
  mid: string;
}

export const COMPARISON_CHOICES: ReadonlyArray<{ kind: ComparisonKind; label: string; hint: string }> = [
  {
    kind: "trigger-vs-without",
    label: "A trigger vs the same scene without it",
    hint: "One layer of a scene against the same scene with that layer taken out, played equally loud.",
  },
  {
    kind: "trigger-vs-sham",
    label: "A trigger vs a matched sham",
    hint: "One layer against a steady bed just as loud and of a similar tone, without the layer's taps, strokes or swells.",
  },
  {
    kind: "scene-vs-scene",
    label: "Scene A vs scene B",
    hint: "Two whole scenes against each other, played equally loud.",
  },
];

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  "anxiety-change": "Change in anxiety (check-in to check-out)",
  "pleasantness-change": "Change in pleasantness (check-in to check-out)",
  tingles: "Tingles after listening",
  "sleep-onset-latency": "Time to fall asleep (next morning's sleep diary)",
  "sleep-efficiency": "Sleep efficiency (next morning's sleep diary)",
};

export function emptyDesign(
  firstSceneId: string,
  firstLayerId: string,
  secondSceneId = firstSceneId,
): Design {
  return {
    name: "",
    kind: "trigger-vs-without",
    sceneId: firstSceneId,
    layerId: firstLayerId,
    sceneA: firstSceneId,
    sceneB: secondSceneId,
    primaryOutcome: "anxiety-change",
    secondaryOutcomes: [],
    pairs: String(DEFAULT_PAIRS),
    washoutDays: "0",
    mid: "",
  };
}

/** "10 points" — the minimal important difference used when the field is left empty. */
export function defaultMidText(outcome: Outcome): string {
  const info = OUTCOME_INFO[outcome];
  return `${info.defaultMid} ${info.unit}`;
}

/** Designer field keys, each with an element id the form puts the message next to. */
export type DesignField =
  | "name"
  | "kind"
  | "sceneId"
  | "layerId"
  | "sceneA"
  | "sceneB"
  | "primaryOutcome"
  | "secondaryOutcomes"
  | "pairs"
  | "washoutDays"
  | "mid"
  | "startDate";

export type FieldErrors = Partial<Record<DesignField | "form", string>>;

const wholeIn = (s: string, lo: number, hi: number): number | null => {
  if (!/^\s*\d+\s*$/.test(s)) return null;
  const n = Number(s);
  return n >= lo && n <= hi ? n : null;
};

/** Checks the browser can make before asking the server (the server checks everything again). */
export function checkDesign(d: Design): FieldErrors {
  const errors: FieldErrors = {};
  if (d.name.trim() === "") errors.name = "Give the experiment a name, e.g. “Whispering before bed”.";
  else if (d.name.trim().length > 80) errors.name = "Keep the name to 80 characters.";
  if (d.kind === "scene-vs-scene") {
    if (!d.sceneA) errors.sceneA = "Choose the first scene.";
    if (!d.sceneB) errors.sceneB = "Choose the second scene.";
    if (d.sceneA && d.sceneA === d.sceneB) errors.sceneB = "Choose a scene different from the first.";
  } else {
    if (!d.sceneId) errors.sceneId = "Choose the scene that holds the trigger.";
    if (!d.layerId) errors.layerId = "Choose the layer to test.";
  }
  if (wholeIn(d.pairs, MIN_PAIRS, MAX_PAIRS) === null)
    errors.pairs = `Pairs must be a whole number from ${MIN_PAIRS} to ${MAX_PAIRS}.`;
  if (wholeIn(d.washoutDays, 0, MAX_WASHOUT_DAYS) === null)
    errors.washoutDays = `Washout must be a whole number of days from 0 to ${MAX_WASHOUT_DAYS}.`;
  if (d.mid.trim() !== "") {
    const v = Number(d.mid);
    const max = OUTCOME_INFO[d.primaryOutcome].maxMid;
    if (!Number.isFinite(v) || v <= 0) errors.mid = "The smallest difference that matters must be above 0.";
    else if (v > max) errors.mid = `For this outcome it can be at most ${max}.`;
  }
  return errors;
}

/** The request body for POST /api/experiments. `names` gives the arms' names shown after the end. */
export function createBody(
  d: Design,
  startDate: string,
  names: { condition: string; control: string },
): CreateExperiment {
  const comparison =
    d.kind === "scene-vs-scene"
      ? { kind: d.kind, a: { sceneId: d.sceneA }, b: { sceneId: d.sceneB } }
      : { kind: d.kind, sceneId: d.sceneId, layerId: d.layerId };
  const plan: Record<string, unknown> = {
    comparison,
    primaryOutcome: d.primaryOutcome,
    secondaryOutcomes: d.secondaryOutcomes.filter((o) => o !== d.primaryOutcome),
    pairs: Number(d.pairs),
    washoutDays: Number(d.washoutDays),
    startDate,
    conditionName: names.condition.slice(0, 60),
    controlName: names.control.slice(0, 60),
  };
  if (d.mid.trim() !== "") plan.minimalImportantDifference = Number(d.mid);
  return { name: d.name.trim(), plan };
}

/** Where the server's error `field` (e.g. "plan.comparison.layerId", "pairs") goes in the form. */
export function fieldOf(serverField: string | undefined): DesignField | "form" {
  if (!serverField) return "form";
  const f = serverField.replace(/^plan\./, "").replace(/^\(plan\)\.?/, "");
  if (f === "name") return "name";
  if (f.startsWith("comparison.a")) return "sceneA";
  if (f.startsWith("comparison.b")) return "sceneB";
  if (f.startsWith("comparison.layerId")) return "layerId";
  if (f.startsWith("comparison.sceneId") || f.startsWith("comparison.scene")) return "sceneId";
  if (f.startsWith("comparison")) return "kind";
  if (f.startsWith("primaryOutcome")) return "primaryOutcome";
  if (f.startsWith("secondaryOutcomes")) return "secondaryOutcomes";
  if (f.startsWith("pairs")) return "pairs";
  if (f.startsWith("washoutDays")) return "washoutDays";
  if (f.startsWith("minimalImportantDifference")) return "mid";
  if (f.startsWith("startDate")) return "startDate";
  return "form";
}

/** Outcomes that can be secondary for this primary outcome. */
export function secondaryChoices(primary: Outcome): Outcome[] {
  return OUTCOMES.filter((o) => o !== primary);
}
