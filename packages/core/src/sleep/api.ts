import { z } from "zod";
import { SleepDiaryFieldsSchema } from "./diary";

const PlacedTimeSchema = z.object({
  date: z.string(),
  time: z.string(),
  at: z.string(),
  instantMs: z.number(),
  status: z.enum(["ok", "repeated", "skipped"]),
});

/** Derived measures as stored and served (see SLEEP_DEFINITIONS). */
export const SleepDerivedSchema = z.object({
  timeline: z.object({
    intoBed: PlacedTimeSchema,
    triedToSleep: PlacedTimeSchema,
    finalAwakening: PlacedTimeSchema,
    outOfBed: PlacedTimeSchema,
  }),
  timeInBedMinutes: z.number(),
  bedToTryMinutes: z.number(),
  sleepOnsetLatencyMinutes: z.number(),
  wakeAfterSleepOnsetMinutes: z.number(),
  sleepWindowMinutes: z.number(),
  totalSleepMinutes: z.number(),
  sleepEfficiency: z.number().nullable(),
  inBedAfterWakingMinutes: z.number(),
  clockChangeMinutes: z.number(),
  adjustedTimes: z.array(z.enum(["intoBed", "triedToSleep", "finalAwakening", "outOfBed"])),
});

/** A morning diary as the API presents it. `sessionId` links the previous evening's
 * session, if there was one; the server sets it. */
export const SleepDiarySchema = SleepDiaryFieldsSchema.extend({
  id: z.string(),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  derived: SleepDerivedSchema,
});
export type SleepDiary = z.infer<typeof SleepDiarySchema>;
