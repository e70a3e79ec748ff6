/** A 9×9 mood grid of our own design: pleasantness runs left (1) to right (9), energy runs
 * bottom (1) to top (9). Cells are addressed by zero-based row (0 = top) and column
 * (0 = left), matching how a grid is laid out on screen and read by assistive tech. */

export const MOOD_GRID_SIZE = 9;

export interface Mood {
  /** 1–9, unpleasant → pleasant. */
  readonly pleasantness: number;
  /** 1–9, low energy → high energy. */
  readonly energy: number;
}

export interface GridCell {
  readonly row: number;
  readonly col: number;
}

const clamp = (n: number) => Math.min(MOOD_GRID_SIZE - 1, Math.max(0, Math.round(n)));

export function moodToCell(mood: Mood): GridCell {
  return { row: clamp(MOOD_GRID_SIZE - mood.energy), col: clamp(mood.pleasantness - 1) };
}

export function cellToMood(cell: GridCell): Mood {
  return { pleasantness: clamp(cell.col) + 1, energy: MOOD_GRID_SIZE - clamp(cell.row) };
}

/** Row-major index 0–80 (for roving tabindex or element ids). */
export function cellIndex(cell: GridCell): number {
  return clamp(cell.row) * MOOD_GRID_SIZE + clamp(cell.col);
}

export function cellFromIndex(index: number): GridCell {
  const i = Math.min(MOOD_GRID_SIZE * MOOD_GRID_SIZE - 1, Math.max(0, Math.trunc(index)));
  return { row: Math.floor(i / MOOD_GRID_SIZE), col: i % MOOD_GRID_SIZE };
}

/** Keys the grid responds to (KeyboardEvent.key values). */
export const MOOD_GRID_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"] as const;

/** Move within the grid: arrows step one cell and stop at the edges; Home/End jump to the
 * row's first/last cell. Returns null for keys the grid doesn't handle, so the caller can
 * leave those events alone. */
export function moveCell(cell: GridCell, key: string): GridCell | null {
  const { row, col } = { row: clamp(cell.row), col: clamp(cell.col) };
  switch (key) {
    case "ArrowUp":
      return { row: clamp(row - 1), col };
    case "ArrowDown":
      return { row: clamp(row + 1), col };
    case "ArrowLeft":
      return { row, col: clamp(col - 1) };
    case "ArrowRight":
      return { row, col: clamp(col + 1) };
    case "Home":
      return { row, col: 0 };
    case "End":
      return { row, col: MOOD_GRID_SIZE - 1 };
    default:
      return null;
  }
}

/** The same move expressed on mood values. */
export function moveMood(mood: Mood, key: string): Mood | null {
  const next = moveCell(moodToCell(mood), key);
  return next ? cellToMood(next) : null;
}

function pleasantWord(p: number): string {
  if (p <= 2) return "unpleasant";
  if (p <= 4) return "a little unpleasant";
  if (p === 5) return "neither pleasant nor unpleasant";
  if (p <= 7) return "a little pleasant";
  return "pleasant";
}

function energyWord(e: number): string {
  if (e <= 2) return "very low energy";
  if (e <= 4) return "low energy";
  if (e === 5) return "middling energy";
  if (e <= 7) return "fairly high energy";
  return "high energy";
}

/** Accessible name for a cell: "Pleasantness 7 of 9, energy 3 of 9: a little pleasant, low energy". */
export function moodLabel(mood: Mood): string {
  return `Pleasantness ${mood.pleasantness} of 9, energy ${mood.energy} of 9: ${pleasantWord(mood.pleasantness)}, ${energyWord(mood.energy)}`;
}

/** Corner captions for the grid, in our own words. */
export const MOOD_GRID_AXES = {
  left: "Unpleasant",
  right: "Pleasant",
  top: "High energy",
  bottom: "Low energy",
} as const;
