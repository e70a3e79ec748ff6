import { z } from "@hono/zod-openapi";
import { ExperimentEveningSchema, ExperimentProgressSchema } from "@meridian/core";

/** GET /api/experiments/:id/report?format=markdown: the CENT 2015 Markdown instead of JSON. */
export const ReportQuerySchema = z.object({ format: z.enum(["json", "markdown"]).default("json") });

/** The answer of POST /api/experiments/:id/evenings. */
export const RecordedEveningSchema = z.object({
  evening: ExperimentEveningSchema,
  progress: ExperimentProgressSchema,
});

/** What "How much do you expect…" and "Which do you think…" ask, in our words. */
export const EXPECTATION_QUESTION =
  "How much do you expect tonight's sound to help you? (0 not at all, 10 a lot)";
export const GUESS_QUESTION =
  "Which soundscape do you think is the one being tested: A, B, or can't you tell?";
