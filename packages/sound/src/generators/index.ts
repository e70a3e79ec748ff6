/**
 * The generator registry: every generator definition, by id.
 *
 * HOW TO REGISTER A GENERATOR: write `generators/<id>.ts` exporting a `GeneratorDef`
 * (see ../generator.ts), import it below and add it to GENERATORS. The contract test
 * (contract.test.ts) then runs on it automatically; measure its calibrationDb with
 * `npx tsx packages/sound/scripts/calibrate.ts <id>` and paste the value into the definition.
 * Keep the list sorted by category, then id.
 */
import type { GeneratorDef } from "../generator";
import { brownNoise } from "./brown-noise";
import { fire } from "./fire";
import { hairBrushing } from "./hair-brushing";
import { keyboard } from "./keyboard";
import { leaves } from "./leaves";
import { pageTurn } from "./page-turn";
import { paperCrinkle } from "./paper-crinkle";
import { penOnPaper } from "./pen-on-paper";
import { pinkNoise } from "./pink-noise";
import { rain } from "./rain";
import { sham } from "./sham";
import { stream } from "./stream";
import { tapping } from "./tapping";
import { waves } from "./waves";
import { whispering } from "./whispering";
import { whiteNoise } from "./white-noise";
import { wind } from "./wind";

export const GENERATORS: readonly GeneratorDef[] = [
  // Beds
  brownNoise,
  fire,
  leaves,
  pinkNoise,
  rain,
  sham,
  stream,
  waves,
  whiteNoise,
  wind,
  // Journaling sounds
  keyboard,
  pageTurn,
  penOnPaper,
  // Triggers
  hairBrushing,
  paperCrinkle,
  tapping,
  whispering,
];

const BY_ID = new Map<string, GeneratorDef>(GENERATORS.map((g) => [g.id, g]));

/** The definition for an id, or undefined. */
export function generatorById(id: string): GeneratorDef | undefined {
  return BY_ID.get(id);
}

/** All registered ids. */
export function generatorIds(): string[] {
  return GENERATORS.map((g) => g.id);
}
