/**
 * `meridian render --solo GENERATOR`: one generator alone, in front at 1 m with its default
 * parameters — its calibration reference (−27 LUFS), so anyone can listen to and measure a
 * single sound.
 */
import { generatorById, generatorIds, type Scene, soloScene } from "@meridian/sound";
import { UsageError } from "../io";

export function soloGeneratorScene(id: string): Scene {
  const def = generatorById(id);
  if (!def) {
    throw new UsageError(`--solo: unknown generator "${id}" (one of: ${generatorIds().join(", ")})`);
  }
  return { ...soloScene(def, {}), name: `${def.label} (solo)`, fadeOut: 1 };
}
