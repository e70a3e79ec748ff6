import { neuroticismFromStability } from "./ipip-emotional-stability";
import type { Band, ChoiceItem, ChoiceOption, Instrument, InstrumentItem, Severity } from "./types";

export type AnswerIssueCode =
  | "unknown-item"
  | "wrong-type"
  | "not-an-option"
  | "unknown-choice"
  | "duplicate-choice";

/** A problem with one answer. Returned, never thrown: answers come from people. */
export interface AnswerIssue {
  readonly itemId: string;
  readonly code: AnswerIssueCode;
  readonly message: string;
}

export interface AnswerCheck {
  /** Required items with no answer, in questionnaire order. */
  readonly missing: readonly string[];
  /** Answers that are present but not acceptable. */
  readonly issues: readonly AnswerIssue[];
}

export interface InstrumentResult {
  readonly instrumentId: string;
  /** Every required item has a valid answer. */
  readonly complete: boolean;
  /** No answer was invalid (missing answers don't count as invalid). */
  readonly valid: boolean;
  readonly missing: readonly string[];
  readonly issues: readonly AnswerIssue[];
  /** Sum of the scored items; null when incomplete, invalid, or the instrument isn't scored. */
  readonly total: number | null;
  readonly range: { readonly min: number; readonly max: number } | null;
  /** Where the total sits in the scale range, 0–100 (10 of 10–50 → 0, 50 → 100). */
  readonly percentOfRange: number | null;
  readonly band: Band | null;
  readonly bandLabel: string | null;
  readonly severity: Severity | null;
  /** Per-item scores after reverse keying (only valid, scored answers). */
  readonly itemScores: Readonly<Record<string, number>>;
  /** Other published scores, e.g. `neuroticism` for the IPIP emotional stability scale. */
  readonly derived: Readonly<Record<string, number>>;
  readonly screening: boolean;
  /** Plain-words reading of the result. Screening results say "screening score, not a diagnosis". */
  readonly interpretation: string;
  readonly credit: string;
}

export function optionsFor(instrument: Instrument, item: ChoiceItem): readonly ChoiceOption[] {
  return item.options ?? instrument.options;
}

function isScored(instrument: Instrument, item: InstrumentItem): item is ChoiceItem {
  return item.kind === "choice" && instrument.scoring.kind === "sum" && item.scored !== false;
}

/** The score an answer contributes: reverse keys count from the other end of the option list. */
export function itemScore(instrument: Instrument, item: ChoiceItem, value: number): number {
  if (!item.reverse) return value;
  const values = optionsFor(instrument, item).map((o) => o.value);
  return Math.min(...values) + Math.max(...values) - value;
}

function checkItem(instrument: Instrument, item: InstrumentItem, value: unknown): AnswerIssue | null {
  if (item.kind === "choice") {
    const options = optionsFor(instrument, item);
    if (typeof value !== "number") {
      return {
        itemId: item.id,
        code: "wrong-type",
        message: `"${item.id}" needs one of the listed choices.`,
      };
    }
    if (!options.some((o) => o.value === value)) {
      const allowed = options.map((o) => o.value).join(", ");
      return {
        itemId: item.id,
        code: "not-an-option",
        message: `"${item.id}" was ${value}, which isn't one of the choices (${allowed}).`,
      };
    }
    return null;
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    return { itemId: item.id, code: "wrong-type", message: `"${item.id}" needs a list of choices.` };
  }
  const known = new Set(item.choices.map((c) => c.id));
  const unknown = value.find((v) => !known.has(v));
  if (unknown !== undefined) {
    return {
      itemId: item.id,
      code: "unknown-choice",
      message: `"${item.id}" includes "${unknown}", which isn't one of the choices.`,
    };
  }
  if (new Set(value).size !== value.length) {
    return {
      itemId: item.id,
      code: "duplicate-choice",
      message: `"${item.id}" lists the same choice twice.`,
    };
  }
  return null;
}

/** Which required answers are missing and which answers are invalid. */
export function checkAnswers(
  instrument: Instrument,
  answers: Readonly<Record<string, unknown>>,
): AnswerCheck {
  const missing: string[] = [];
  const issues: AnswerIssue[] = [];
  const itemIds = new Set(instrument.items.map((i) => i.id));
  for (const item of instrument.items) {
    const value = answers[item.id];
    if (value === undefined || value === null) {
      if (!item.optional) missing.push(item.id);
      continue;
    }
    const issue = checkItem(instrument, item, value);
    if (issue) issues.push(issue);
  }
  for (const key of Object.keys(answers)) {
    if (!itemIds.has(key)) {
      issues.push({
        itemId: key,
        code: "unknown-item",
        message: `"${key}" isn't a question in the ${instrument.shortTitle}.`,
      });
    }
  }
  return { missing, issues };
}

/** The published band containing a total, if the instrument is banded. */
export function bandFor(instrument: Instrument, total: number): Band | null {
  return instrument.bands?.find((b) => total >= b.min && total <= b.max) ?? null;
}

const SCREENING_DISCLAIMER = "This is a screening score, not a diagnosis";

function interpret(
  instrument: Instrument,
  total: number | null,
  band: Band | null,
  check: AnswerCheck,
): string {
  if (check.issues.length > 0) {
    return "Some answers aren't among the choices, so there's no score yet. Please check the highlighted questions.";
  }
  if (check.missing.length > 0) {
    const required = instrument.items.filter((i) => !i.optional).length;
    const answered = required - check.missing.length;
    return `${answered} of ${required} questions answered, so there's no score yet. A score needs every question, so nothing is guessed.`;
  }
  if (total === null || instrument.scoring.kind !== "sum") {
    return "This is a profile of how you experience ASMR, not a score. Nothing here is good or bad.";
  }
  const { min, max } = instrument.scoring;
  if (band) {
    const lookBack =
      instrument.recallDays === 14 ? "the last two weeks" : "the period the questions ask about";
    const disclaimer = instrument.screening ? `${SCREENING_DISCLAIMER}: ` : "";
    const follow =
      instrument.followUpAt !== undefined && total >= instrument.followUpAt
        ? ` Scores of ${instrument.followUpAt} or more are a common point to talk with a GP or another health professional, who can look at the whole picture with you.`
        : " If anything here is on your mind, a GP or another health professional is always a good person to talk with.";
    return `Your score is ${total} out of ${max}, in the range researchers call "${band.label}". ${disclaimer}it reflects how ${lookBack} felt, not what is behind it.${follow}`;
  }
  const middle = (min + max) / 2;
  const where =
    total === middle ? "right in the middle" : total > middle ? "above the middle" : "below the middle";
  return `Your score is ${total}, on a scale that runs from ${min} to ${max}; ${where} of the range (the middle is ${middle}). Higher scores mean you describe yourself as steadier and less easily stirred up; lower scores mean feelings tend to arrive faster and stronger. There are no cut-offs for this scale, so it isn't sorted into groups, and it is not a diagnosis.${
    instrument.id === "ipip-es"
      ? ` Read the other way round, as neuroticism (60 − score), it is ${neuroticismFromStability(total)}.`
      : ""
  }`;
}

/** Score a questionnaire. Never throws: incomplete or invalid answers give total null with
 * `missing` and `issues` saying why. */
export function scoreInstrument(
  instrument: Instrument,
  answers: Readonly<Record<string, unknown>>,
): InstrumentResult {
  const check = checkAnswers(instrument, answers);
  const invalidIds = new Set(check.issues.map((i) => i.itemId));
  const itemScores: Record<string, number> = {};
  for (const item of instrument.items) {
    const value = answers[item.id];
    if (isScored(instrument, item) && typeof value === "number" && !invalidIds.has(item.id)) {
      itemScores[item.id] = itemScore(instrument, item, value);
    }
  }
  const complete = check.missing.length === 0 && check.issues.length === 0;
  const scoring = instrument.scoring;
  const total =
    complete && scoring.kind === "sum" ? Object.values(itemScores).reduce((a, b) => a + b, 0) : null;
  const band = total === null ? null : bandFor(instrument, total);
  const range = scoring.kind === "sum" ? { min: scoring.min, max: scoring.max } : null;
  const derived: Record<string, number> = {};
  if (total !== null && instrument.id === "ipip-es") derived.neuroticism = neuroticismFromStability(total);
  return {
    instrumentId: instrument.id,
    complete,
    valid: check.issues.length === 0,
    missing: check.missing,
    issues: check.issues,
    total,
    range,
    percentOfRange:
      total === null || range === null
        ? null
        : Math.round(((total - range.min) / (range.max - range.min)) * 100),
    band,
    bandLabel: band?.label ?? null,
    severity: band?.severity ?? null,
    itemScores,
    derived,
    screening: instrument.screening,
    interpretation: interpret(instrument, total, band, check),
    credit: instrument.credit,
  };
}
