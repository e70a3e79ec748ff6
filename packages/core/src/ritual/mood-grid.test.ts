import { describe, expect, it } from "vitest";
import { cellFromIndex, cellIndex, cellToMood, moodLabel, moodToCell, moveCell, moveMood } from "./mood-grid";

describe("mood grid mapping", () => {
  it("maps corners: top-left is unpleasant and high energy", () => {
    expect(cellToMood({ row: 0, col: 0 })).toEqual({ pleasantness: 1, energy: 9 });
    expect(cellToMood({ row: 8, col: 8 })).toEqual({ pleasantness: 9, energy: 1 });
    expect(moodToCell({ pleasantness: 5, energy: 5 })).toEqual({ row: 4, col: 4 });
  });

  it("round-trips all 81 cells", () => {
    for (let i = 0; i < 81; i++) {
      const cell = cellFromIndex(i);
      expect(cellIndex(cell)).toBe(i);
      expect(moodToCell(cellToMood(cell))).toEqual(cell);
    }
  });

  it("clamps out-of-range input", () => {
    expect(moodToCell({ pleasantness: 12, energy: -3 })).toEqual({ row: 8, col: 8 });
    expect(cellFromIndex(200)).toEqual({ row: 8, col: 8 });
  });
});

describe("keyboard moves", () => {
  it("arrows move one cell", () => {
    const c = { row: 4, col: 4 };
    expect(moveCell(c, "ArrowUp")).toEqual({ row: 3, col: 4 });
    expect(moveCell(c, "ArrowDown")).toEqual({ row: 5, col: 4 });
    expect(moveCell(c, "ArrowLeft")).toEqual({ row: 4, col: 3 });
    expect(moveCell(c, "ArrowRight")).toEqual({ row: 4, col: 5 });
  });

  it("arrows clamp at the edges", () => {
    expect(moveCell({ row: 0, col: 3 }, "ArrowUp")).toEqual({ row: 0, col: 3 });
    expect(moveCell({ row: 8, col: 3 }, "ArrowDown")).toEqual({ row: 8, col: 3 });
    expect(moveCell({ row: 2, col: 0 }, "ArrowLeft")).toEqual({ row: 2, col: 0 });
    expect(moveCell({ row: 2, col: 8 }, "ArrowRight")).toEqual({ row: 2, col: 8 });
  });

  it("Home and End jump along the row; other keys are not handled", () => {
    expect(moveCell({ row: 2, col: 5 }, "Home")).toEqual({ row: 2, col: 0 });
    expect(moveCell({ row: 2, col: 5 }, "End")).toEqual({ row: 2, col: 8 });
    expect(moveCell({ row: 2, col: 5 }, "Tab")).toBeNull();
  });

  it("moves in mood terms: up means more energy, right more pleasant", () => {
    expect(moveMood({ pleasantness: 5, energy: 5 }, "ArrowUp")).toEqual({ pleasantness: 5, energy: 6 });
    expect(moveMood({ pleasantness: 5, energy: 5 }, "ArrowRight")).toEqual({ pleasantness: 6, energy: 5 });
    expect(moveMood({ pleasantness: 9, energy: 9 }, "ArrowUp")).toEqual({ pleasantness: 9, energy: 9 });
    expect(moveMood({ pleasantness: 5, energy: 5 }, "x")).toBeNull();
  });

  it("labels cells for screen readers", () => {
    expect(moodLabel({ pleasantness: 7, energy: 3 })).toBe(
      "Pleasantness 7 of 9, energy 3 of 9: a little pleasant, low energy",
    );
  });
});
