import { useId } from "react";

interface Props {
  /** The question, used as the slider's accessible name. */
  label: string;
  min: number;
  max: number;
  /** null = not rated yet. */
  value: number | null;
  onChange(value: number): void;
  anchors: Readonly<Record<number, string>>;
  /** Word shown next to the number, e.g. a tingle intensity. */
  describe?: (value: number) => string;
  error?: string | null;
  testId?: string;
}

/** A range slider that starts unrated: the thumb sits in the middle but nothing counts until the
 * person moves it (or presses a key on it), so no default value is put in their mouth. */
export function RatingSlider({ label, min, max, value, onChange, anchors, describe, error, testId }: Props) {
  const id = useId();
  const shown = value ?? Math.round((min + max) / 2);
  const anchorList = Object.entries(anchors).map(([k, v]) => [Number(k), v] as const);
  const valueText =
    value === null ? "Not rated yet" : `${value} of ${max}${describe ? `, ${describe(value)}` : ""}`;
  return (
    <div className="field rating" data-testid={testId}>
      <label htmlFor={id} className="measure-question">
        {label}
      </label>
      <div className="rating-row">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={shown}
          data-unset={value === null || undefined}
          aria-valuetext={valueText}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-anchors${error ? ` ${id}-err` : ""}`}
          onChange={(e) => onChange(Number(e.target.value))}
          onKeyUp={(e) => {
            if (value === null && /^(Arrow|Home|End|Page)/.test(e.key)) onChange(shown);
          }}
          onPointerUp={() => {
            if (value === null) onChange(shown);
          }}
        />
        <output htmlFor={id} className="rating-value" aria-hidden="true">
          {value === null ? "–" : value}
          {value !== null && describe ? <span className="muted small"> {describe(value)}</span> : null}
        </output>
      </div>
      <div id={`${id}-anchors`} className="rating-anchors small muted">
        {anchorList.map(([k, v]) => (
          <span key={k}>
            {k} {v}
          </span>
        ))}
      </div>
      {error && (
        <p id={`${id}-err`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
