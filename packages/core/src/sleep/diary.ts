import { z } from "zod";
import { isCalendarDate, isClockTime, isValidTimeZone } from "./time-zone";

/** Morning diary questions, worded as in the Consensus Sleep Diary (brief §2.8), plus our
 * own question about listening. Keys are the fields of `SleepDiaryInputSchema`. */
export const SLEEP_DIARY_QUESTIONS = {
  intoBed: "What time did you get into bed?",
  triedToSleep: "What time did you try to go to sleep?",
  minutesToFallAsleep: "How long did it take you to fall asleep?",
  awakenings: "How many times did you wake up, not counting your final awakening?",
  minutesAwake: "In total, how long did these awakenings last?",
  finalAwakening: "What time was your final awakening?",
  outOfBed: "What time did you get out of bed for the day?",
  quality: "How would you rate the quality of your sleep?",
  rested: "How rested or refreshed did you feel when you woke up for the day?",
  comments: "Comments (if applicable)",
  listened: "Did you listen to something to fall asleep?",
  listenedMinutes: "For how long?",
} as const;

export const SLEEP_QUALITY_LABELS = ["Very poor", "Poor", "Fair", "Good", "Very good"] as const;
export const RESTED_LABELS = [
  "Not at all rested",
  "Slightly rested",
  "Somewhat rested",
  "Well-rested",
  "Very well-rested",
] as const;

/** Our own gentle reminders, after the CSD instructions. */
export const SLEEP_DIARY_GUIDANCE =
  "Fill this in within an hour or so of getting up. Best guesses are fine: there's no need to watch the clock at night. If you miss a day, just leave it blank.";

const clock = (what: string) =>
  z.string().refine(isClockTime, { message: `${what} should be a 24-hour time like 23:30 or 07:05` });

const minutes = (what: string) =>
  z
    .number({ message: `${what} should be a number of minutes` })
    .int({ message: `${what} should be whole minutes` })
    .min(0, { message: `${what} can't be negative` })
    .max(1440, { message: `${what} can't be more than 24 hours` });

const rating = (what: string) =>
  z
    .number({ message: `${what} should be a rating from 1 to 5` })
    .int({ message: `${what} should be a rating from 1 to 5` })
    .min(1, { message: `${what} should be a rating from 1 to 5` })
    .max(5, { message: `${what} should be a rating from 1 to 5` });

/** The diary's own fields, before the plausibility checks (see `SleepDiaryInputSchema`). */
export const SleepDiaryFieldsSchema = z.object({
  /** The calendar date (YYYY-MM-DD) of the evening the night began. */
  nightOf: z
    .string()
    .refine(isCalendarDate, { message: "The night's date should be a date like 2025-03-30" }),
  /** IANA zone the clock times are in, e.g. "Europe/London". */
  timeZone: z.string().refine(isValidTimeZone, { message: "Unknown time zone" }),
  intoBed: clock("Time into bed"),
  triedToSleep: clock("Time you tried to sleep"),
  minutesToFallAsleep: minutes("Time to fall asleep"),
  awakenings: z
    .number({ message: "Number of awakenings should be a number" })
    .int({ message: "Number of awakenings should be a whole number" })
    .min(0, { message: "Number of awakenings can't be negative" })
    .max(60, { message: "Number of awakenings can't be more than 60" }),
  minutesAwake: minutes("Time awake during the night"),
  finalAwakening: clock("Time of final awakening"),
  outOfBed: clock("Time out of bed"),
  quality: rating("Sleep quality"),
  rested: rating("How rested you felt"),
  /** "Did you listen to something to fall asleep?" null/absent = not answered. */
  listened: z.boolean().nullable().optional(),
  listenedMinutes: minutes("Listening time").nullable().optional(),
  comments: z.string().trim().max(2000, { message: "Comments can be up to 2000 characters" }).optional(),
});
export type SleepDiaryInput = z.infer<typeof SleepDiaryFieldsSchema>;
