import { z } from "zod";

export const PROMPT_CATEGORIES = [
  "mindfulness",
  "catharsis",
  "self-discovery",
  "sensations",
  "gratitude",
  "sleep",
] as const;
export const PromptCategorySchema = z.enum(PROMPT_CATEGORIES);
export type PromptCategory = z.infer<typeof PromptCategorySchema>;

export const PromptSchema = z.object({
  id: z.string(),
  category: PromptCategorySchema,
  text: z.string(),
  builtIn: z.boolean(),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const CreatePromptSchema = z.object({
  category: PromptCategorySchema,
  text: z.string().trim().min(3).max(500),
});
