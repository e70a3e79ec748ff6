/**
 * Built-in scenes (JSON files in this folder), by id. Each scene is named and described by us.
 * JSON imports are cast: the core scene schema test checks every one of them. Each gets its
 * make-up gain to −27 LUFS here, from its measured levels (levels.ts) taken as if every
 * generator rendered exactly −27 LUFS at its reference, so (re)calibrating a generator keeps
 * the scenes level-matched.
 */
import { calibratedMakeupGainDb } from "../loudness/scene-calibration";
import type { Scene } from "../scene";
import atticStorm from "./attic-storm.json";
import autumnWalk from "./autumn-walk.json";
import earToEarBrushing from "./ear-to-ear-brushing.json";
import fingertipsOrbit from "./fingertips-orbit.json";
import firesideLetters from "./fireside-letters.json";
import focusBrown from "./focus-brown.json";
import forestStream from "./forest-stream.json";
import keyboardCafe from "./keyboard-cafe.json";
import { SCENE_LEVELS } from "./levels";
import libraryRain from "./library-rain.json";
import nightCabin from "./night-cabin.json";
import oceanSleep from "./ocean-sleep.json";
import seasideJournal from "./seaside-journal.json";
import whisperedBedtime from "./whispered-bedtime.json";

export interface BuiltinScene {
  readonly id: string;
  readonly scene: Scene;
}

function levelled(id: string, json: unknown): BuiltinScene {
  const scene = json as Scene;
  const level = SCENE_LEVELS[id];
  return {
    id,
    scene: level ? { ...scene, makeupGainDb: calibratedMakeupGainDb(scene, level) } : scene,
  };
}

export const BUILTIN_SCENES: readonly BuiltinScene[] = [
  levelled("library-rain", libraryRain),
  levelled("whispered-bedtime", whisperedBedtime),
  levelled("seaside-journal", seasideJournal),
  levelled("fireside-letters", firesideLetters),
  levelled("forest-stream", forestStream),
  levelled("attic-storm", atticStorm),
  levelled("fingertips-orbit", fingertipsOrbit),
  levelled("focus-brown", focusBrown),
  levelled("autumn-walk", autumnWalk),
  levelled("night-cabin", nightCabin),
  levelled("keyboard-cafe", keyboardCafe),
  levelled("ear-to-ear-brushing", earToEarBrushing),
  levelled("ocean-sleep", oceanSleep),
];

export function builtinScene(id: string): Scene | undefined {
  return BUILTIN_SCENES.find((s) => s.id === id)?.scene;
}

export function builtinSceneIds(): string[] {
  return BUILTIN_SCENES.map((s) => s.id);
}
