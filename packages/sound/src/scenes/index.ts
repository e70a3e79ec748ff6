/** Built-in scenes (JSON files in this folder), by id. */
import type { Scene } from "../scene";

export interface BuiltinScene {
  readonly id: string;
  readonly scene: Scene;
}

export const BUILTIN_SCENES: readonly BuiltinScene[] = [];

export function builtinScene(id: string): Scene | undefined {
  return BUILTIN_SCENES.find((s) => s.id === id)?.scene;
}

export function builtinSceneIds(): string[] {
  return BUILTIN_SCENES.map((s) => s.id);
}
