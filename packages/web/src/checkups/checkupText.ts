import type { Instrument } from "@meridian/core";

/** "every 2 weeks", "every 3 months", "every 6 months", "every 10 days". */
export function cadenceText(days: number): string {
  if (days % 30 === 0 && days >= 60) return `every ${days / 30} months`;
  if (days % 7 === 0) return days === 7 ? "every week" : `every ${days / 7} weeks`;
  return `every ${days} days`;
}

export function cadenceSentence(instrument: Instrument): string {
  const base = `Suggested: ${cadenceText(instrument.cadenceDays)}.`;
  return instrument.recallDays === 14
    ? `${base} The questions look back over two weeks, so more often adds effort, not information.`
    : base;
}

const DRAFT_PREFIX = "meridian.checkup-draft.";

export type DraftAnswers = Record<string, number | string[]>;

export function readDraft(instrumentId: string): DraftAnswers {
  try {
    const raw = window.localStorage.getItem(DRAFT_PREFIX + instrumentId);
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return v && typeof v === "object" ? (v as DraftAnswers) : {};
  } catch {
    return {};
  }
}

export function writeDraft(instrumentId: string, answers: DraftAnswers | null): void {
  try {
    if (answers === null) window.localStorage.removeItem(DRAFT_PREFIX + instrumentId);
    else window.localStorage.setItem(DRAFT_PREFIX + instrumentId, JSON.stringify(answers));
  } catch {
    // storage unavailable: the draft lives only in this page
  }
}
