import { z } from "@hono/zod-openapi";
import { EntrySchema, TagSchema } from "@meridian/core";
import type { EntryCursor } from "../store/store";
import { CalendarDateSchema } from "./common";

export const EntryListQuerySchema = z.object({
  tag: TagSchema.optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
});

export const DaysQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .refine((q) => q.from <= q.to, { message: "to must not be before from", path: ["to"] });

export const OnThisDayQuerySchema = z.object({ date: CalendarDateSchema.optional() });

export const EntriesSchema = z.object({ entries: z.array(EntrySchema) });

/** Opaque keyset cursor: base64url of [createdAt, id] of the last entry on the page. */
export function encodeCursor(c: EntryCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString("base64url");
}

export function decodeCursor(cursor: string): EntryCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      !`${value[0]}${value[1]}`.includes("\u0000")
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  return null;
}
