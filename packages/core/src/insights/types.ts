/**
 * Inputs of the insights computations, independent of storage: the server maps its rows onto
 * these shapes. Scales follow the session ritual: pleasantness and energy 1–9, anxiety 0–100,
 * tingles 0–10; sleep efficiency in percent (0–100), sleep quality 1–5 (very poor … very good).
 */

export interface MoodReport {
  pleasantness: number;
  energy: number;
  anxiety: number;
}

export interface CheckOutReport extends MoodReport {
  /** 0 (none) … 10 (intense); absent when not answered. */
  tingles?: number | null;
}

export interface SessionObservation {
  id: string;
  /** ISO 8601 start time. */
  startedAt: string;
  /** Calendar day of the start in the user's time zone, "YYYY-MM-DD". */
  localDate: string;
  /** Local hour of the start, 0–23 (fractions allowed). */
  hourLocal: number;
  checkIn: MoodReport;
  /** Missing when the check-out was abandoned: such a session counts as held but has no change. */
  checkOut?: CheckOutReport | null;
  /** Generator ids present at a meaningful share of loudness. */
  triggers: readonly string[];
  presetId?: string | null;
  mediaId?: string | null;
}

export interface SleepObservation {
  /** The date of the evening on which the night began ("night of"), "YYYY-MM-DD". */
  date: string;
  /** Sleep onset latency in minutes. */
  solMinutes?: number | null;
  /** Sleep efficiency in percent (total sleep time / time in bed × 100). */
  sleepEfficiency?: number | null;
  /** Sleep quality 1 (very poor) … 5 (very good). */
  quality?: number | null;
  /** The evening session the diary linked itself to, if any. */
  precededBySessionId?: string | null;
}

export interface CheckupObservation {
  instrumentId: string;
  /** "YYYY-MM-DD" */
  date: string;
  total: number;
}

export interface InsightsInput {
  sessions: readonly SessionObservation[];
  sleep?: readonly SleepObservation[];
  checkups?: readonly CheckupObservation[];
}

export type ChangeMeasure = "anxiety" | "pleasantness" | "energy";
export const CHANGE_MEASURES: readonly ChangeMeasure[] = ["anxiety", "pleasantness", "energy"];

export type SleepMeasure = "solMinutes" | "sleepEfficiency" | "quality";
export const SLEEP_MEASURES: readonly SleepMeasure[] = ["solMinutes", "sleepEfficiency", "quality"];

/**
 * "no-variation": enough values, but every one the same (on both sides, for a comparison). A spread
 * of zero is not certainty: there is no interval, and nothing is ranked on it.
 */
export type EstimateStatus = "estimate" | "not-enough-data" | "no-variation";
export type NotEnoughReason = "too-few-sessions" | "interval-too-wide";

export interface InsightsOptions {
  /** Confidence level of every interval (default 0.95). */
  level: number;
  /** Fewer sessions (or nights) than this → "not enough data yet" (default 5). */
  minSessions: number;
  /** Each side of a with-vs-without comparison needs at least this many (default 3). */
  minPerSide: number;
  /**
   * An estimate is "useful" only when its interval half-width is at most this, in the measure's
   * own units. Defaults: anxiety 15 points (0–100; about the GA-VAS minimal important difference),
   * pleasantness and energy 1.5 points (1–9), sleep onset 15 minutes, sleep efficiency 7.5 percent
   * points, quality 0.75 (1–5).
   */
  maxHalfWidth: Record<ChangeMeasure | SleepMeasure, number>;
  /** A session starting at or after this local hour … (default 18) */
  eveningStartHour: number;
  /** … or before this hour (default 3) counts as an evening session for that night. */
  eveningEndHour: number;
  /** Today's local date, for "this week / this month" counts and "on this day". */
  today?: string;
}

export const DEFAULT_INSIGHTS_OPTIONS: InsightsOptions = {
  level: 0.95,
  minSessions: 5,
  minPerSide: 3,
  maxHalfWidth: {
    anxiety: 15,
    pleasantness: 1.5,
    energy: 1.5,
    solMinutes: 15,
    sleepEfficiency: 7.5,
    quality: 0.75,
  },
  eveningStartHour: 18,
  eveningEndHour: 3,
};

export function resolveOptions(options: Partial<InsightsOptions> = {}): InsightsOptions {
  return {
    ...DEFAULT_INSIGHTS_OPTIONS,
    ...options,
    maxHalfWidth: { ...DEFAULT_INSIGHTS_OPTIONS.maxHalfWidth, ...options.maxHalfWidth },
  };
}
