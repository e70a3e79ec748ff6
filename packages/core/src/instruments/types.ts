/** Instruments as data: questionnaires described by plain objects that the web app renders
 * and `scoreInstrument` scores. Nothing here knows about HTML or storage. */

/** One answer choice of a single-choice item. `value` is what is stored and summed. */
export interface ChoiceOption {
  readonly value: number;
  readonly label: string;
}

/** A single-choice item (the usual Likert item). */
export interface ChoiceItem {
  readonly kind: "choice";
  readonly id: string;
  /** For licensed instruments, the published wording, verbatim. */
  readonly text: string;
  /** Options for this item; when absent the instrument's shared `options` apply. */
  readonly options?: readonly ChoiceOption[];
  /** Reverse keyed: scored as (lowest + highest option value) − answer. */
  readonly reverse?: boolean;
  /** Counted in the total. Defaults to true for instruments with a sum rule. */
  readonly scored?: boolean;
  /** May be left unanswered without making the result incomplete. */
  readonly optional?: boolean;
  /** Shown above the item, e.g. the follow-up question's context. */
  readonly note?: string;
}

/** One choice of a multi-select item, stored by id. */
export interface MultiChoice {
  readonly id: string;
  readonly label: string;
}

/** A pick-any item (used by the ASMR profile). Never scored. */
export interface MultiItem {
  readonly kind: "multi";
  readonly id: string;
  readonly text: string;
  readonly choices: readonly MultiChoice[];
  readonly optional?: boolean;
  /** Shown under the question, e.g. "Pick as many as you like." */
  readonly hint?: string;
}

export type InstrumentItem = ChoiceItem | MultiItem;

/** Ordered severity words shared by the banded screening instruments. */
export const SEVERITIES = ["minimal", "mild", "moderate", "moderately-severe", "severe"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A published score range, inclusive at both ends. */
export interface Band {
  readonly id: string;
  readonly min: number;
  readonly max: number;
  /** The published label, e.g. "moderate". */
  readonly label: string;
  readonly severity: Severity;
}

export type ScoringRule =
  /** Sum of the scored items (reverse keys applied). */
  | { readonly kind: "sum"; readonly min: number; readonly max: number }
  /** Not scored: a profile of answers. */
  | { readonly kind: "none" };

export interface Instrument {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  /** What the instrument is for, in our own words. */
  readonly about: string;
  /** Instructions shown above the items (the published stem where there is one). */
  readonly instructions: string;
  /** Shared options for the choice items (empty when every item brings its own). */
  readonly options: readonly ChoiceOption[];
  readonly items: readonly InstrumentItem[];
  readonly scoring: ScoringRule;
  /** Published cut-offs, in ascending order, covering the whole range. Absent = not banded. */
  readonly bands?: readonly Band[];
  /** A screening questionnaire: results must say "screening score, not a diagnosis". */
  readonly screening: boolean;
  /** Credit or copyright line to display with the questionnaire and every result. */
  readonly credit: string;
  /** Where the items and scoring come from. */
  readonly source: string;
  /** How many days the questions look back over (null = "in general"). */
  readonly recallDays: number | null;
  /** Suggested days between check-ups. */
  readonly cadenceDays: number;
  /** A score at or above this is a common point to talk with a professional. */
  readonly followUpAt?: number;
}

/** Answers keyed by item id: a number for choice items, option ids for multi items. */
export type Answers = Readonly<Record<string, number | readonly string[]>>;
