import { z } from "zod";
import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentId } from "./registry";
import { optionsFor } from "./score";
import type { Instrument, InstrumentItem } from "./types";

function itemSchema(instrument: Instrument, item: InstrumentItem): z.ZodType {
  if (item.kind === "choice") {
    const values = optionsFor(instrument, item).map((o) => o.value);
    const schema = z
      .number()
      .int()
      .refine((v) => values.includes(v), { message: `Choose one of ${values.join(", ")}` });
    return item.optional ? schema.nullable().optional() : schema;
  }
  const ids = item.choices.map((c) => c.id);
  const schema = z
    .array(z.string().refine((v) => ids.includes(v), { message: "Not one of the choices" }))
    .max(ids.length)
    .refine((list) => new Set(list).size === list.length, { message: "The same choice is listed twice" });
  return item.optional ? schema.nullable().optional() : schema;
}

/** A strict object schema for one instrument's answers: every item id is a field, so a
 * validation error names the item (e.g. path ["answers", "gad7_3"]). Unknown keys fail. */
export function answersSchemaFor(instrument: Instrument) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of instrument.items) shape[item.id] = itemSchema(instrument, item);
  return z.strictObject(shape);
}

const isoDateTime = z.iso.datetime({ offset: true });

function submission<const Id extends InstrumentId>(id: Id) {
  return z.object({
    instrumentId: z.literal(id),
    answers: answersSchemaFor(INSTRUMENTS[id]),
    /** When the person finished, ISO 8601; the server stamps it when absent. */
    completedAt: isoDateTime.optional(),
  });
}

/** POST body for a completed questionnaire. Partial answers are not submitted: the client
 * keeps a draft until every required item is answered. */
export const InstrumentSubmissionSchema = z.discriminatedUnion("instrumentId", [
  submission("gad7"),
  submission("phq8"),
  submission("ipip-es"),
  submission("asmr-profile"),
]);
export type InstrumentSubmission = z.infer<typeof InstrumentSubmissionSchema>;

/** A stored questionnaire response as the API presents it. */
export const InstrumentResponseSchema = z.object({
  id: z.string(),
  instrumentId: z.enum(INSTRUMENT_IDS),
  answers: z.record(z.string(), z.union([z.number(), z.array(z.string())])),
  total: z.number().nullable(),
  bandId: z.string().nullable(),
  bandLabel: z.string().nullable(),
  completedAt: z.string(),
  localDate: z.string(),
  timeZone: z.string(),
});
export type InstrumentResponse = z.infer<typeof InstrumentResponseSchema>;
