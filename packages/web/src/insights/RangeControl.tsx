import { addDays } from "@meridian/core";
import { type FormEvent, useState } from "react";
import { longDay } from "./labels";

export type RangeKind = "30d" | "90d" | "year" | "all" | "custom";

/** The period the page shows: `from`/`to` are inclusive local dates, absent for "all time". */
export interface InsightsRange {
  kind: RangeKind;
  from?: string;
  to?: string;
}

export const RANGE_LABELS: Readonly<Record<RangeKind, string>> = {
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  year: "Last 12 months",
  all: "All time",
  custom: "Choose dates",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A preset period ending today (the user's local date). */
export function presetRange(kind: Exclude<RangeKind, "custom">, today: string): InsightsRange {
  switch (kind) {
    case "30d":
      return { kind, from: addDays(today, -29), to: today };
    case "90d":
      return { kind, from: addDays(today, -89), to: today };
    case "year":
      return { kind, from: addDays(today, -364), to: today };
    case "all":
      return { kind };
  }
}

/** "1 March 2025 – 30 March 2025", "since …", "until …" or "all time". */
export function describeRange(r: InsightsRange): string {
  if (r.from && r.to) return `${longDay(r.from)} – ${longDay(r.to)}`;
  if (r.from) return `since ${longDay(r.from)}`;
  if (r.to) return `until ${longDay(r.to)}`;
  return "all time";
}

/** Why a custom range can't be asked for, or null when it can. */
export function customRangeProblem(from: string, to: string): string | null {
  if (from === "" && to === "") return "Choose a first day, a last day or both.";
  if (from !== "" && !DATE.test(from)) return "The first day isn’t a date.";
  if (to !== "" && !DATE.test(to)) return "The last day isn’t a date.";
  if (from !== "" && to !== "" && from > to) return "The last day can’t be before the first day.";
  return null;
}

/**
 * Period picker above the insights: preset periods as a radio group (arrow keys move between
 * them), "Choose dates" opens two date fields with an Apply button. The parent loads the insights
 * for the range it is given.
 */
export function RangeControl({
  range,
  today,
  onChange,
}: {
  range: InsightsRange;
  today: string;
  onChange: (r: InsightsRange) => void;
}) {
  const [customOpen, setCustomOpen] = useState(range.kind === "custom");
  const [from, setFrom] = useState(range.from ?? addDays(today, -29));
  const [to, setTo] = useState(range.to ?? today);
  const [problem, setProblem] = useState<string | null>(null);
  const selected: RangeKind = customOpen ? "custom" : range.kind;

  const choose = (kind: RangeKind) => {
    if (kind === "custom") {
      setCustomOpen(true);
      return;
    }
    setCustomOpen(false);
    setProblem(null);
    onChange(presetRange(kind, today));
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const why = customRangeProblem(from, to);
    setProblem(why);
    if (why) return;
    onChange({ kind: "custom", ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };

  return (
    <div className="insights-range" data-testid="insights-range">
      <fieldset className="segmented">
        <legend>Period</legend>
        {(Object.keys(RANGE_LABELS) as RangeKind[]).map((k) => (
          <label key={k}>
            <input type="radio" name="ins-range" checked={selected === k} onChange={() => choose(k)} />
            <span>{RANGE_LABELS[k]}</span>
          </label>
        ))}
      </fieldset>
      {customOpen && (
        <form className="insights-range-custom" onSubmit={apply} noValidate aria-label="Choose dates">
          <label className="field-inline">
            <span>First day</span>
            <input
              type="date"
              value={from}
              max={today}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={problem !== null}
            />
          </label>
          <label className="field-inline">
            <span>Last day</span>
            <input
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={problem !== null}
            />
          </label>
          <button type="submit" className="btn btn-small">
            Apply
          </button>
          {problem && (
            <p className="error-text range-problem" role="alert" data-testid="range-problem">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
