/**
 * Checks of a (schema-valid) scene against the generator registry: unknown generators and
 * unknown parameter names, each reported with the path of the offending field.
 */
import type { GeneratorDef } from "./generator";
import { generatorById } from "./generators/index";
import type { Scene } from "./scene";

export interface SceneIssue {
  readonly field: string;
  readonly message: string;
}

export function validateSceneGenerators(
  scene: Scene,
  lookup: (id: string) => GeneratorDef | undefined = generatorById,
): SceneIssue[] {
  const issues: SceneIssue[] = [];
  scene.layers.forEach((layer, i) => {
    const def = lookup(layer.generator);
    if (!def) {
      issues.push({ field: `layers[${i}].generator`, message: `unknown generator "${layer.generator}"` });
      return;
    }
    for (const [name, value] of Object.entries(layer.params ?? {})) {
      const spec = def.params.find((p) => p.name === name);
      if (!spec) {
        const known = def.params.map((p) => p.name).join(", ");
        issues.push({
          field: `layers[${i}].params.${name}`,
          message: `"${def.id}" has no parameter "${name}" (it has: ${known})`,
        });
      } else if (value < spec.min || value > spec.max) {
        issues.push({
          field: `layers[${i}].params.${name}`,
          message: `must be between ${spec.min} and ${spec.max} (got ${value})`,
        });
      }
    }
  });
  return issues;
}
