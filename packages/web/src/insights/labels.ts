import {
  type ChangeMeasure,
  formatMeasure,
  formatMeasureSigned,
  type MeanInterval,
  type SleepMeasure,
  type WelchInterval,
} from "@meridian/core";
import { BUILTIN_SCENES, generatorById } from "@meridian/sound";

export type GroupKind = "triggers" | "presets" | "media";

export interface OwnNames {
  presets: Readonly<Record<string, string>>;
  media: Readonly<Record<string, string>>;
}

/** A name from `names` only when it is the record's own ("constructor" inherits a function). */
const ownName = (names: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  names && Object.hasOwn(names, key) ? names[key] : undefined;

/** "rain" → "Rain", "hair-brushing" → "Hair brushing"; scenes and own audio by their names. */
export function groupLabel(kind: GroupKind, key: string, names?: OwnNames): string {
  if (kind === "triggers") return generatorById(key)?.label ?? humanise(key);
  if (kind === "presets") {
    return (
      ownName(names?.presets, key) ?? BUILTIN_SCENES.find((s) => s.id === key)?.scene.name ?? humanise(key)
    );
  }
  return ownName(names?.media, key) ?? humanise(key);
}

export function humanise(key: string): string {
  const words = key.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Labels for the summary sentences ("Sessions with rain …"): lower case, as in running text. */
export function triggerLabels(keys: readonly string[]): Record<string, string> {
  // No prototype: a key such as "__proto__" becomes an entry like any other.
  const out: Record<string, string> = Object.create(null);
  for (const k of keys) {
    const label = groupLabel("triggers", k);
    out[k] = label.charAt(0).toLowerCase() + label.slice(1);
  }
  return out;
}

export const MEASURE_NAMES: Record<ChangeMeasure, string> = {
  anxiety: "Anxiety",
  pleasantness: "Pleasantness",
  energy: "Energy",
};

export const MEASURE_UNITS: Record<ChangeMeasure, string> = {
  anxiety: "points on 0–100",
  pleasantness: "points on 1–9",
  energy: "points on 1–9",
};

export const SLEEP_NAMES: Record<SleepMeasure, string> = {
  solMinutes: "Time to fall asleep",
  sleepEfficiency: "Sleep efficiency",
  quality: "Sleep quality",
};

export const SLEEP_UNITS: Record<SleepMeasure, string> = {
  solMinutes: "minutes",
  sleepEfficiency: "%",
  quality: "1–5",
};

/** Lower is better for these: the chart and copy say which direction is "calmer" or "better". */
export const SLEEP_LOWER_IS_BETTER: Record<SleepMeasure, boolean> = {
  solMinutes: true,
  sleepEfficiency: false,
  quality: false,
};

type Measure = ChangeMeasure | SleepMeasure;

/** "−14" with the measure's precision (the summary's rounding). */
export const fmt = (x: number | null | undefined, m: Measure): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : formatMeasure(x, m);

/** "+1.2", "−14". */
export const fmtSigned = (x: number | null | undefined, m: Measure): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : formatMeasureSigned(x, m);

/** "−19 to −9" for a change interval. */
export function fmtInterval(ci: MeanInterval | WelchInterval | null | undefined, m: Measure): string {
  if (!ci) return "–";
  return `${formatMeasureSigned(ci.lower, m)} to ${formatMeasureSigned(ci.upper, m)}`;
}

/** "12 to 19" for a level (not a change). */
export function fmtRange(lower: number | null, upper: number | null, m: Measure): string {
  if (lower === null || upper === null) return "–";
  return `${formatMeasure(lower, m)} to ${formatMeasure(upper, m)}`;
}

export function sessionsText(n: number, noun = "session"): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

const shortDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

export function utcDate(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

export function shortDay(date: string): string {
  return shortDate.format(utcDate(date));
}

export function longDay(date: string): string {
  return longDate.format(utcDate(date));
}
