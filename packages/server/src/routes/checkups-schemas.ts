import { z } from "@hono/zod-openapi";
import { INSTRUMENT_IDS, InstrumentResponseSchema, SEVERITIES } from "@meridian/core";

/** OpenAPI descriptions of core's instrument data, scoring result, care advice and crisis
 * resources. Core keeps these as plain TypeScript data; the server only describes them. */

const ChoiceOptionSchema = z.object({ value: z.number(), label: z.string() });

const BandSchema = z.object({
  id: z.string(),
  min: z.number(),
  max: z.number(),
  label: z.string(),
  severity: z.enum(SEVERITIES),
});

const ChoiceItemSchema = z.object({
  kind: z.literal("choice"),
  id: z.string(),
  text: z.string(),
  options: z.array(ChoiceOptionSchema).readonly().optional(),
  reverse: z.boolean().optional(),
  scored: z.boolean().optional(),
  optional: z.boolean().optional(),
  note: z.string().optional(),
});

const MultiItemSchema = z.object({
  kind: z.literal("multi"),
  id: z.string(),
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })).readonly(),
  optional: z.boolean().optional(),
  hint: z.string().optional(),
});

export const InstrumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  about: z.string(),
  instructions: z.string(),
  options: z.array(ChoiceOptionSchema).readonly(),
  items: z.array(z.discriminatedUnion("kind", [ChoiceItemSchema, MultiItemSchema])).readonly(),
  scoring: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("sum"), min: z.number(), max: z.number() }),
    z.object({ kind: z.literal("none") }),
  ]),
  bands: z.array(BandSchema).readonly().optional(),
  screening: z.boolean(),
  credit: z.string(),
  source: z.string(),
  recallDays: z.number().nullable(),
  cadenceDays: z.number(),
  followUpAt: z.number().optional(),
});

export const InstrumentResultSchema = z.object({
  instrumentId: z.string(),
  complete: z.boolean(),
  valid: z.boolean(),
  missing: z.array(z.string()).readonly(),
  issues: z.array(z.object({ itemId: z.string(), code: z.string(), message: z.string() })).readonly(),
  total: z.number().nullable(),
  range: z.object({ min: z.number(), max: z.number() }).nullable(),
  percentOfRange: z.number().nullable(),
  band: BandSchema.nullable(),
  bandLabel: z.string().nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  itemScores: z.record(z.string(), z.number()),
  derived: z.record(z.string(), z.number()),
  screening: z.boolean(),
  interpretation: z.string(),
  credit: z.string(),
});

export const CareAdviceSchema = z.object({
  level: z.enum(["standard", "prominent"]),
  showCrisisResources: z.literal(true),
  message: z.string(),
  notes: z.array(z.string()).readonly(),
});

export const ScoredResponseSchema = InstrumentResponseSchema.extend({
  result: InstrumentResultSchema,
  care: CareAdviceSchema,
});

export const CheckupListQuerySchema = z.object({ instrumentId: z.enum(INSTRUMENT_IDS).optional() });

export const DueCheckupSchema = z.object({
  instrumentId: z.enum(INSTRUMENT_IDS),
  /** completedAt of the latest response, null when never answered. */
  lastAt: z.string().nullable(),
  /** lastAt + the instrument's cadence; null when never answered (it can be taken any time). */
  dueAt: z.string().nullable(),
  /** True once dueAt has come (now ≥ dueAt). */
  overdue: z.boolean(),
});

export const CrisisResourcesSchema = z.object({
  heading: z.string(),
  intro: z.string(),
  resources: z
    .array(
      z.object({
        id: z.string(),
        regions: z.array(z.string()).readonly(),
        regionLabel: z.string(),
        name: z.string(),
        description: z.string(),
        contacts: z
          .array(
            z.object({
              kind: z.enum(["call", "text", "chat", "email", "web"]),
              label: z.string(),
              href: z.string(),
            }),
          )
          .readonly(),
        emergency: z.string().nullable(),
      }),
    )
    .readonly(),
});
