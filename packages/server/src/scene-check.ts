/**
 * The one check of scene JSON the server applies wherever a scene comes in (a preset, a
 * session's snapshot, a render, an imported archive's sessions and presets): core's scene
 * schema (older versions migrated, unknown keys refused) plus the generator registry (unknown
 * generators and parameters refused). No HTTP here, so the import's parse thread runs it too.
 */
import { parseScene, type StudioScene, toEngineScene } from "@meridian/core";
import { validateSceneGenerators } from "@meridian/sound";

export type SceneCheck =
  | { ok: true; scene: StudioScene }
  | {
      ok: false;
      /** The offending field under `key`, e.g. `scene.layers[0].generator` (`key` itself for the whole scene). */
      field: string;
      message: string;
    };

export function checkScene(input: unknown, key = "scene"): SceneCheck {
  const parsed = parseScene(input);
  const problems = parsed.ok ? validateSceneGenerators(toEngineScene(parsed.scene)) : parsed.errors;
  const first = problems[0];
  if (parsed.ok && first === undefined) return { ok: true, scene: parsed.scene };
  const inner = first?.field ?? "(scene)";
  const field = inner === "(scene)" ? key : `${key}.${inner}`;
  return { ok: false, field, message: first?.message ?? "not a valid scene" };
}
