import { type Prompt, PromptCategorySchema } from "@meridian/core";
import type { PromptRecord } from "../store/store";

export function presentPrompt(p: PromptRecord): Prompt {
  return { id: p.id, category: PromptCategorySchema.parse(p.category), text: p.text, builtIn: false };
}
