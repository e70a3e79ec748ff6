/**
 * Finds a built-in scene by its id ("library-rain") or its display name ("Library window in the
 * rain"), ignoring case and extra spaces — the sound package's beds, and core's scenes with a
 * story (findVoiceScene); and, for a name that matches none, the close ones to suggest (edit
 * distance, or sharing a word).
 */
import { type StudioScene, VOICE_BUILTIN_SCENES } from "@meridian/core";
import { BUILTIN_SCENES, type Scene } from "@meridian/sound";

const fold = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Every built-in scene's id and display name: the beds, then the scenes with a voice. */
const ALL_SCENES: readonly { id: string; scene: { name?: string | undefined } }[] = [
  ...BUILTIN_SCENES,
  ...VOICE_BUILTIN_SCENES,
];

/** Ids of every built-in scene (for --list). */
export function allBuiltinSceneIds(): string[] {
  return ALL_SCENES.map((s) => s.id);
}

/** The built-in scene with a voice whose id or display name is `ref`, if any. */
export function findVoiceScene(ref: string): StudioScene | undefined {
  const want = fold(ref);
  return VOICE_BUILTIN_SCENES.find(
    (s) => s.id === ref || fold(s.id) === want || fold(s.scene.name ?? "") === want,
  )?.scene;
}

/** The built-in scene whose id or display name is `ref` (case-insensitive), if any. */
export function findBuiltinScene(ref: string): Scene | undefined {
  const want = fold(ref);
  return (
    BUILTIN_SCENES.find((s) => s.id === ref)?.scene ??
    BUILTIN_SCENES.find((s) => fold(s.id) === want || fold(s.scene.name ?? "") === want)?.scene
  );
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

const words = (s: string): string[] =>
  fold(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2);

/** Up to `max` built-in scenes close to `ref`, closest first, as `id ("Display name")`. */
export function closeBuiltinScenes(ref: string, max = 3): string[] {
  const want = fold(ref);
  const wantWords = new Set(words(ref));
  const scored = ALL_SCENES.map((s) => {
    const name = s.scene.name ?? s.id;
    const d = Math.min(
      editDistance(want, fold(s.id)) / Math.max(want.length, s.id.length),
      editDistance(want, fold(name)) / Math.max(want.length, name.length),
    );
    const shared = [...words(`${s.id} ${name}`)].filter((w) => wantWords.has(w)).length;
    return { label: `${s.id} ("${name}")`, score: shared > 0 ? Math.min(d, 0.5 - shared * 0.1) : d };
  });
  return scored
    .filter((s) => s.score <= 0.5)
    .sort((a, b) => a.score - b.score)
    .slice(0, max)
    .map((s) => s.label);
}
