import type { Prompt, PromptCategory } from "../api/prompt";
import { CATHARSIS_PROMPTS } from "./catharsis";
import { GRATITUDE_PROMPTS } from "./gratitude";
import { MINDFULNESS_PROMPTS } from "./mindfulness";
import { SELF_DISCOVERY_PROMPTS } from "./self-discovery";
import { SENSATIONS_PROMPTS } from "./sensations";
import { SLEEP_PROMPTS } from "./sleep";

export { CATHARSIS_PROMPTS } from "./catharsis";
export { GRATITUDE_PROMPTS } from "./gratitude";
export { MINDFULNESS_PROMPTS } from "./mindfulness";
export { SELF_DISCOVERY_PROMPTS } from "./self-discovery";
export { SENSATIONS_PROMPTS } from "./sensations";
export { SLEEP_PROMPTS } from "./sleep";

export interface PromptCategoryInfo {
  /** Short name shown in the UI. */
  readonly label: string;
  /** One line explaining the category to the writer. */
  readonly description: string;
}

/** UI label and one-line description for every prompt category. */
export const PROMPT_CATEGORY_INFO: Readonly<Record<PromptCategory, PromptCategoryInfo>> = {
  mindfulness: {
    label: "Mindfulness",
    description: "Notice what is here right now: the sound, your breath, this moment.",
  },
  catharsis: {
    label: "Letting go",
    description: "Put something heavy on the page, at your own pace, then set it down for the night.",
  },
  "self-discovery": {
    label: "Self-discovery",
    description: "Small, curious questions about what you like, need and value.",
  },
  sensations: {
    label: "Sensations",
    description:
      "How the sound feels in your body: tingles, warmth, heaviness, and where your attention goes.",
  },
  gratitude: {
    label: "Gratitude",
    description: "Notice the small things that were good today.",
  },
  sleep: {
    label: "Wind-down",
    description: "Soft, slow prompts for the last quiet minutes before sleep.",
  },
};

const PROMPTS_BY_CATEGORY: Readonly<Record<PromptCategory, readonly Prompt[]>> = {
  mindfulness: MINDFULNESS_PROMPTS,
  catharsis: CATHARSIS_PROMPTS,
  "self-discovery": SELF_DISCOVERY_PROMPTS,
  sensations: SENSATIONS_PROMPTS,
  gratitude: GRATITUDE_PROMPTS,
  sleep: SLEEP_PROMPTS,
};

/**
 * Built-in writing prompts, written by the Meridian team, grouped by category in the order of
 * PROMPT_CATEGORIES. Ids (`<category>-NN`) are stable: entries refer to them.
 */
export const BUILT_IN_PROMPTS: readonly Prompt[] = [
  ...MINDFULNESS_PROMPTS,
  ...CATHARSIS_PROMPTS,
  ...SELF_DISCOVERY_PROMPTS,
  ...SENSATIONS_PROMPTS,
  ...GRATITUDE_PROMPTS,
  ...SLEEP_PROMPTS,
];

export function findBuiltInPrompt(id: string): Prompt | undefined {
  return BUILT_IN_PROMPTS.find((p) => p.id === id);
}

/** The built-in prompts of one category, in id order. */
export function promptsByCategory(category: PromptCategory): readonly Prompt[] {
  return PROMPTS_BY_CATEGORY[category];
}

/**
 * Picks one prompt from `prompts`, skipping the one whose id is `excludeId` (e.g. the prompt
 * currently shown, so "another prompt" never repeats it). Pure: `random` must return a number in
 * [0, 1), like Math.random; out-of-range values are clamped. Returns undefined when no prompt is
 * left to choose from.
 */
export function pickPrompt(
  prompts: readonly Prompt[],
  random: () => number,
  excludeId?: string,
): Prompt | undefined {
  const candidates = excludeId === undefined ? prompts : prompts.filter((p) => p.id !== excludeId);
  if (candidates.length === 0) return undefined;
  const r = random();
  const index = Number.isFinite(r)
    ? Math.min(candidates.length - 1, Math.max(0, Math.floor(r * candidates.length)))
    : 0;
  return candidates[index];
}
