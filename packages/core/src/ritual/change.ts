import type { CheckIn, CheckOut } from "./measures";
import { TINGLE_LOCATION_LABELS, tingleWord } from "./measures";

export type ChangeDirection = "higher" | "lower" | "same" | "not-recorded";

export interface MeasureChange {
  readonly key: "pleasantness" | "energy" | "anxiety" | "stress";
  readonly label: string;
  readonly before: number | null;
  readonly after: number | null;
  /** after − before; null unless both were recorded. */
  readonly delta: number | null;
  readonly direction: ChangeDirection;
  readonly min: number;
  readonly max: number;
  /** e.g. "Anxiety: 40 → 25, 15 points lower." */
  readonly text: string;
}

export interface ChangeSummary {
  readonly measures: readonly MeasureChange[];
  readonly tingles: {
    readonly value: number;
    readonly word: ReturnType<typeof tingleWord>;
    readonly locations: readonly string[];
    readonly text: string;
  };
  readonly relaxation: { readonly value: number; readonly text: string };
  /** One sentence listing what moved, in neutral words. */
  readonly headline: string;
  /** Shown under every summary. */
  readonly caveat: string;
}

const MEASURES = [
  { key: "pleasantness", label: "Pleasantness", min: 1, max: 9 },
  { key: "energy", label: "Energy", min: 1, max: 9 },
  { key: "anxiety", label: "Anxiety", min: 0, max: 100 },
  { key: "stress", label: "Stress", min: 0, max: 10 },
] as const;

export const CHANGE_CAVEAT =
  "These are your own ratings of two moments. A single session can't show what caused a change; patterns over many sessions say more.";

const points = (n: number) => (n === 1 ? "1 point" : `${n} points`);

function change(
  m: (typeof MEASURES)[number],
  before: number | null | undefined,
  after: number | null | undefined,
): MeasureChange {
  const b = before ?? null;
  const a = after ?? null;
  const base = { key: m.key, label: m.label, before: b, after: a, min: m.min, max: m.max };
  if (b === null || a === null) {
    const which =
      b === null && a === null
        ? "not rated"
        : b === null
          ? "not rated at check-in"
          : "not rated at check-out";
    return { ...base, delta: null, direction: "not-recorded", text: `${m.label}: ${which}.` };
  }
  const delta = a - b;
  const direction: ChangeDirection = delta > 0 ? "higher" : delta < 0 ? "lower" : "same";
  const how = delta === 0 ? "no change" : `${points(Math.abs(delta))} ${direction}`;
  return { ...base, delta, direction, text: `${m.label}: ${b} → ${a}, ${how}.` };
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Plain-words, neutral summary of check-in → check-out. Reports what changed, never
 * judges it as better or worse and never promises anything. */
export function describeChange(checkIn: CheckIn, checkOut: CheckOut): ChangeSummary {
  const measures = MEASURES.map((m) => change(m, checkIn[m.key], checkOut[m.key]));
  const recorded = measures.filter((m) => m.delta !== null);
  const moved = recorded.filter((m) => m.direction !== "same");
  const same = recorded.filter((m) => m.direction === "same");
  const parts = moved.map((m) => `${m.label.toLowerCase()} ${points(Math.abs(m.delta ?? 0))} ${m.direction}`);
  if (same.length > 0) parts.push(`${joinWords(same.map((m) => m.label.toLowerCase()))} unchanged`);
  const headline =
    moved.length === 0
      ? "Your ratings were the same at check-in and check-out."
      : `Compared with your check-in: ${joinWords(parts)}.`;

  const word = tingleWord(checkOut.tingles);
  const locations = checkOut.tingleLocations.map((l) => TINGLE_LOCATION_LABELS[l].toLowerCase());
  const tingleText =
    word === "none"
      ? "No tingles this time. That's common, and the session still counts."
      : `Tingles: ${checkOut.tingles} of 10 (${word})${locations.length > 0 ? `, felt in the ${joinWords(locations)}` : ""}.`;

  return {
    measures,
    tingles: { value: checkOut.tingles, word, locations: checkOut.tingleLocations, text: tingleText },
    relaxation: { value: checkOut.relaxation, text: `Relaxation at the end: ${checkOut.relaxation} of 10.` },
    headline,
    caveat: CHANGE_CAVEAT,
  };
}
