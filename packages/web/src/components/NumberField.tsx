/**
 * A number input that keeps what the user types while they edit: clearing "60" to type "30"
 * stays "30" (a field that re-clamps every keystroke turns the empty moment into "1" and ends
 * at "130"). Each keystroke that reads as a number in range is committed at once; on blur an
 * empty or out-of-range text snaps back to the last value (clamped into range).
 */
import { type InputHTMLAttributes, useState } from "react";

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onChange" | "min" | "max">;

export interface NumberFieldProps extends Passed {
  value: number;
  min: number;
  max: number;
  /** Called with every valid value as the user types, and the clamped one on blur. */
  onCommit: (value: number) => void;
}

/** The number `text` reads as, if it is one within [min, max]. */
export function readNumber(text: string, min: number, max: number): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

export function NumberField({ value, min, max, onCommit, onBlur, onFocus, ...rest }: NumberFieldProps) {
  // The text being typed; null when not editing (the field shows `value`).
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...rest}
      type="number"
      min={min}
      max={max}
      value={draft ?? String(value)}
      aria-invalid={rest["aria-invalid"] ?? (draft !== null && readNumber(draft, min, max) === undefined)}
      onFocus={(e) => {
        setDraft(String(value));
        onFocus?.(e);
      }}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const n = readNumber(text, min, max);
        if (n !== undefined && n !== value) onCommit(n);
      }}
      onBlur={(e) => {
        if (draft !== null && readNumber(draft, min, max) === undefined) {
          const n = Number(draft);
          if (draft.trim() !== "" && Number.isFinite(n)) onCommit(Math.max(min, Math.min(max, n)));
        }
        setDraft(null);
        onBlur?.(e);
      }}
    />
  );
}
