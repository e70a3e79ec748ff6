import type { Prompt } from "../api/prompt";

/** Built-in writing prompts, written by the Meridian team. Ids are stable: entries refer to them. */
export const BUILT_IN_PROMPTS: readonly Prompt[] = [
  {
    id: "mindfulness-01",
    category: "mindfulness",
    text: "What can you hear right now, nearest first, then further away?",
    builtIn: true,
  },
];

export function findBuiltInPrompt(id: string): Prompt | undefined {
  return BUILT_IN_PROMPTS.find((p) => p.id === id);
}
