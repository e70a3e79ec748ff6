/** Number formatting for the plain-language summary (shared with the UI so figures match). */
import type { ChangeMeasure, SleepMeasure } from "./types";

export const DECIMALS: Record<ChangeMeasure | SleepMeasure, number> = {
  anxiety: 0,
  pleasantness: 1,
  energy: 1,
  solMinutes: 0,
  sleepEfficiency: 1,
  quality: 1,
};

const MINUS = "\u2212";

/** Rounds to `decimals`, writes negatives with a true minus sign and never prints "−0". */
export function formatNumber(value: number, decimals: number): string {
  const rounded = value.toFixed(decimals);
  if (Number(rounded) === 0) return (0).toFixed(decimals);
  return rounded.startsWith("-") ? `${MINUS}${rounded.slice(1)}` : rounded;
}

/** Like formatNumber, with an explicit "+" for positive values. */
export function formatSigned(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  return Number(value.toFixed(decimals)) > 0 ? `+${text}` : text;
}

/** Formats a value of a measure with that measure's precision. */
export function formatMeasure(value: number, measure: ChangeMeasure | SleepMeasure): string {
  return formatNumber(value, DECIMALS[measure]);
}

export function formatMeasureSigned(value: number, measure: ChangeMeasure | SleepMeasure): string {
  return formatSigned(value, DECIMALS[measure]);
}

/** "1 point", "14 points", "1.0 points". */
export function plural(text: string, singular: string, pluralForm: string): string {
  return `${text} ${text === "1" ? singular : pluralForm}`;
}
