/**
 * The outcomes an experiment can measure, with their units, the direction that counts as a
 * benefit, and the default minimal important difference (MID) a person can change at the start.
 *
 * Scales: anxiety is the 0–100 slider of the ritual (change = after − before); pleasantness is the
 * 1–9 manikin (change = after − before); tingles the 0–10 rating after listening; sleep onset
 * latency (minutes) and sleep efficiency (per cent) come from the next morning's diary.
 * MID defaults: 10 points of anxiety (the GA-VAS figure in science.md §3.5), 1 step of the 1–9
 * pleasantness scale, 1 point of tingles, 10 minutes of sleep onset, 5 points of efficiency.
 */

export const OUTCOMES = [
  "anxiety-change",
  "pleasantness-change",
  "tingles",
  "sleep-onset-latency",
  "sleep-efficiency",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Which way is better: "lower" (anxiety, time to fall asleep) or "higher". */
export type BenefitDirection = "lower" | "higher";

export interface OutcomeInfo {
  /** Words for sentences: "anxiety", "time to fall asleep". */
  readonly noun: string;
  /** Units after a number: "points", "minutes". */
  readonly unit: string;
  readonly benefit: BenefitDirection;
  /** A difference in the good / bad direction as a phrase, `{x}` standing for the amount with its
   * unit, completed by "than with the sham": "anxiety fell {x} more" / "anxiety rose {x} more". */
  readonly better: string;
  readonly worse: string;
  readonly defaultMid: number;
  /** Largest MID that makes sense on the scale. */
  readonly maxMid: number;
  /** Next-night diary outcome (evening's sound, following night's sleep). */
  readonly sleep: boolean;
  /** Possible values: a recorded value outside is an input error. */
  readonly min: number;
  readonly max: number;
}

export const OUTCOME_INFO: Readonly<Record<Outcome, OutcomeInfo>> = {
  "anxiety-change": {
    noun: "anxiety",
    unit: "points",
    benefit: "lower",
    better: "anxiety fell {x} more",
    worse: "anxiety rose {x} more",
    defaultMid: 10,
    maxMid: 100,
    sleep: false,
    min: -100,
    max: 100,
  },
  "pleasantness-change": {
    noun: "pleasantness",
    unit: "points",
    benefit: "higher",
    better: "pleasantness rose {x} more",
    worse: "pleasantness fell {x} more",
    defaultMid: 1,
    maxMid: 8,
    sleep: false,
    min: -8,
    max: 8,
  },
  tingles: {
    noun: "tingles",
    unit: "points",
    benefit: "higher",
    better: "tingles were {x} stronger",
    worse: "tingles were {x} weaker",
    defaultMid: 1,
    maxMid: 10,
    sleep: false,
    min: 0,
    max: 10,
  },
  "sleep-onset-latency": {
    noun: "time to fall asleep",
    unit: "minutes",
    benefit: "lower",
    better: "you fell asleep {x} sooner",
    worse: "you fell asleep {x} later",
    defaultMid: 10,
    maxMid: 240,
    sleep: true,
    min: 0,
    max: 1440,
  },
  "sleep-efficiency": {
    noun: "sleep efficiency",
    unit: "percentage points",
    benefit: "higher",
    better: "sleep efficiency was {x} higher",
    worse: "sleep efficiency was {x} lower",
    defaultMid: 5,
    maxMid: 100,
    sleep: true,
    min: 0,
    max: 100,
  },
};

/** +1 when higher is better, −1 when lower is better: benefit = sign · (condition − control). */
export function benefitSign(outcome: Outcome): 1 | -1 {
  return OUTCOME_INFO[outcome].benefit === "higher" ? 1 : -1;
}

/** The phrase for a difference of `amount` (already formatted with its unit) in the given direction. */
export function differencePhrase(outcome: Outcome, direction: "better" | "worse", amount: string): string {
  return OUTCOME_INFO[outcome][direction].replace("{x}", amount);
}
