/**
 * Built-in scenes (JSON files in this folder), by id. Each scene is named and described by us.
 * JSON imports are cast: the core scene schema test checks every one of them.
 */
import type { Scene } from "../scene";
import atticStorm from "./attic-storm.json";
import autumnWalk from "./autumn-walk.json";
import earToEarBrushing from "./ear-to-ear-brushing.json";
import fingertipsOrbit from "./fingertips-orbit.json";
import firesideLetters from "./fireside-letters.json";
import focusBrown from "./focus-brown.json";
import forestStream from "./forest-stream.json";
import keyboardCafe from "./keyboard-cafe.json";
import libraryRain from "./library-rain.json";
import nightCabin from "./night-cabin.json";
import oceanSleep from "./ocean-sleep.json";
import seasideJournal from "./seaside-journal.json";
import whisperedBedtime from "./whispered-bedtime.json";

export interface BuiltinScene {
  readonly id: string;
  readonly scene: Scene;
}

export const BUILTIN_SCENES: readonly BuiltinScene[] = [
  { id: "library-rain", scene: libraryRain as unknown as Scene },
  { id: "whispered-bedtime", scene: whisperedBedtime as unknown as Scene },
  { id: "seaside-journal", scene: seasideJournal as unknown as Scene },
  { id: "fireside-letters", scene: firesideLetters as unknown as Scene },
  { id: "forest-stream", scene: forestStream as unknown as Scene },
  { id: "attic-storm", scene: atticStorm as unknown as Scene },
  { id: "fingertips-orbit", scene: fingertipsOrbit as unknown as Scene },
  { id: "focus-brown", scene: focusBrown as unknown as Scene },
  { id: "autumn-walk", scene: autumnWalk as unknown as Scene },
  { id: "night-cabin", scene: nightCabin as unknown as Scene },
  { id: "keyboard-cafe", scene: keyboardCafe as unknown as Scene },
  { id: "ear-to-ear-brushing", scene: earToEarBrushing as unknown as Scene },
  { id: "ocean-sleep", scene: oceanSleep as unknown as Scene },
];

export function builtinScene(id: string): Scene | undefined {
  return BUILTIN_SCENES.find((s) => s.id === id)?.scene;
}

export function builtinSceneIds(): string[] {
  return BUILTIN_SCENES.map((s) => s.id);
}
