/**
 * Scenes in the order an ASMR profile suggests them, each with the reason in the person's own
 * terms ("Suggested because you said whispering gives you tingles"). A scene is suggested for
 * the profile's sounds it plays (trigger ids are the studio's generator ids); a scene with a
 * sound the person would rather not hear goes last and is never suggested. Ties keep the
 * given order, so with no profile the list is unchanged. Pure: no I/O.
 */
import { ASMR_TRIGGERS, type AsmrProfileSummary } from "./asmr-profile";

export interface SuggestableScene {
  readonly id: string;
  /** Generator ids of the scene's layers. */
  readonly generators: readonly string[];
}

export interface SceneSuggestion<S extends SuggestableScene> {
  readonly scene: S;
  /** Why it is suggested, or null when it is not. */
  readonly reason: string | null;
  /** True when it plays a sound the person would rather not hear. */
  readonly avoided: boolean;
}

/** Triggers the studio plays under another generator's name. */
const PLAYED_BY: Readonly<Record<string, string>> = { "soft-spoken": "whispering" };

const labelOf = (id: string): string => (ASMR_TRIGGERS.find((t) => t.id === id)?.label ?? id).toLowerCase();

/** "a", "a and b", "a, b and c". */
function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function plays(scene: SuggestableScene, trigger: string): boolean {
  const generator = PLAYED_BY[trigger] ?? trigger;
  return scene.generators.includes(generator);
}

/** The scenes ordered for `profile` (null: as given), most matching sounds first. */
export function suggestScenes<S extends SuggestableScene>(
  scenes: readonly S[],
  profile: AsmrProfileSummary | null,
): SceneSuggestion<S>[] {
  const ranked = scenes.map((scene, order) => {
    if (!profile) return { scene, reason: null, avoided: false, score: 0, order };
    const avoided = profile.avoid.some((t) => plays(scene, t));
    const matched = avoided ? [] : profile.triggers.filter((t) => plays(scene, t));
    const words = matched.map(labelOf);
    // "whispering gives", "ocean waves give", "rain and wind give".
    const plural = words.length > 1 || /[^s]s$/.test(words[0] ?? "");
    const verb = profile.feelsTingles
      ? plural
        ? "give you tingles"
        : "gives you tingles"
      : plural
        ? "help you unwind"
        : "helps you unwind";
    const reason = matched.length > 0 ? `Suggested because you said ${listOf(words)} ${verb}` : null;
    return { scene, reason, avoided, score: avoided ? -1 : matched.length, order };
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ scene, reason, avoided }) => ({ scene, reason, avoided }));
}
