import {
  cellFromIndex,
  cellIndex,
  cellToMood,
  type GridCell,
  MOOD_GRID_AXES,
  MOOD_GRID_SIZE,
  type Mood,
  moodLabel,
  moodToCell,
  moveCell,
} from "@meridian/core";
import { type KeyboardEvent, useId, useRef } from "react";

interface Props {
  value: Mood | null;
  onChange(mood: Mood): void;
  /** Shown under the grid when the person tries to go on without choosing. */
  error?: string | null;
}

const CELLS = Array.from({ length: MOOD_GRID_SIZE * MOOD_GRID_SIZE }, (_, i) => cellFromIndex(i));
const CENTER = cellIndex({ row: 4, col: 4 });

/** Cell colour: pleasantness shifts from a dusky plum to a soft sage-gold, energy from dim to
 * brighter. Our own palette; no corner is coloured as the "good" one. */
function cellColour(cell: GridCell): string {
  const p = cell.col / (MOOD_GRID_SIZE - 1);
  const e = 1 - cell.row / (MOOD_GRID_SIZE - 1);
  const hue = (300 + p * 150) % 360;
  const light = 17 + e * 15;
  return `hsl(${hue.toFixed(0)} 22% ${light.toFixed(0)}%)`;
}

/** A 9×9 grid of our own design: pleasantness left → right, energy bottom → top. It is one group
 * of native radio buttons: arrow keys move in two dimensions (and choose), Home/End jump along
 * the row, Space chooses; each square's accessible name comes from core's moodLabel. */
export function MoodGrid({ value, onChange, error }: Props) {
  const id = useId();
  const selected = value ? cellIndex(moodToCell(value)) : null;
  const refs = useRef<Array<HTMLInputElement | null>>([]);

  function onKey(e: KeyboardEvent<HTMLInputElement>, cell: GridCell) {
    const next = moveCell(cell, e.key);
    if (!next) return;
    e.preventDefault();
    onChange(cellToMood(next));
    refs.current[cellIndex(next)]?.focus();
  }

  return (
    <fieldset
      className="mood-grid-wrap"
      aria-describedby={`${id}-hint${error ? ` ${id}-err` : ""}`}
      aria-invalid={error ? true : undefined}
    >
      <legend className="measure-question">
        How pleasant or unpleasant do you feel, and how much energy do you have, right now?
      </legend>
      <p id={`${id}-hint`} className="hint small muted">
        Choose the square that fits: left to right is unpleasant to pleasant, bottom to top is low to high
        energy. Arrow keys move; Home and End jump along a row.
      </p>
      <div className="mood-grid-frame">
        <span className="mood-axis mood-axis-top" aria-hidden="true">
          {MOOD_GRID_AXES.top}
        </span>
        <span className="mood-axis mood-axis-left" aria-hidden="true">
          {MOOD_GRID_AXES.left}
        </span>
        <div className="mood-grid" data-testid="mood-grid">
          {CELLS.map((cell) => {
            const i = cellIndex(cell);
            const checked = selected === i;
            // Before anything is chosen, Tab lands on the middle square.
            const tabbable = selected === null ? i === CENTER : checked;
            return (
              <input
                key={i}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                type="radio"
                name={`${id}-mood`}
                className="mood-cell"
                aria-label={moodLabel(cellToMood(cell))}
                checked={checked}
                tabIndex={tabbable ? 0 : -1}
                style={{ backgroundColor: cellColour(cell) }}
                onChange={() => onChange(cellToMood(cell))}
                onKeyDown={(e) => onKey(e, cell)}
              />
            );
          })}
        </div>
        <span className="mood-axis mood-axis-right" aria-hidden="true">
          {MOOD_GRID_AXES.right}
        </span>
        <span className="mood-axis mood-axis-bottom" aria-hidden="true">
          {MOOD_GRID_AXES.bottom}
        </span>
      </div>
      <p className="mood-readout small" aria-live="polite" data-testid="mood-readout">
        {value ? moodLabel(value) : "Nothing chosen yet."}
      </p>
      {error && (
        <p id={`${id}-err`} className="error-text small" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
