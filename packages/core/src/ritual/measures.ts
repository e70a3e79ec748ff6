import { z } from "zod";

/** Questions and anchors for the before/after measures, in our own neutral words: they ask
 * how you feel, never suggest how you should feel after listening. */
export const MEASURE_QUESTIONS = {
  pleasantness: {
    question: "How pleasant or unpleasant do you feel right now?",
    min: 1,
    max: 9,
    anchors: { 1: "Very unpleasant", 5: "Neither", 9: "Very pleasant" },
  },
  energy: {
    question: "How much energy do you have right now?",
    min: 1,
    max: 9,
    anchors: { 1: "Very low, sleepy", 5: "In between", 9: "Very high, alert" },
  },
  anxiety: {
    question: "How anxious do you feel right now?",
    min: 0,
    max: 100,
    anchors: { 0: "Not at all anxious", 100: "Extremely anxious" },
  },
  stress: {
    question: "How stressed do you feel right now?",
    min: 0,
    max: 10,
    anchors: { 0: "Not at all stressed", 10: "Extremely stressed" },
  },
  tingles: {
    question: "Did you feel any tingles?",
    min: 0,
    max: 10,
    anchors: { 0: "None", 5: "Moderate", 10: "Intense" },
  },
  relaxation: {
    question: "How relaxed do you feel right now?",
    min: 0,
    max: 10,
    anchors: { 0: "Not at all relaxed", 10: "Completely relaxed" },
  },
  tingleLocations: { question: "Where did you feel them?" },
  note: { question: "Anything you noticed? (optional)" },
} as const;

export const TINGLE_LOCATIONS = ["scalp", "neck", "shoulders", "back", "arms", "elsewhere"] as const;
export type TingleLocation = (typeof TINGLE_LOCATIONS)[number];

export const TINGLE_LOCATION_LABELS: Readonly<Record<TingleLocation, string>> = {
  scalp: "Scalp",
  neck: "Neck",
  shoulders: "Shoulders",
  back: "Back",
  arms: "Arms",
  elsewhere: "Somewhere else",
};

/** A word for a 0–10 tingle rating: 0 none, 1–3 faint, 4–6 moderate, 7–9 strong, 10 intense. */
export function tingleWord(value: number): "none" | "faint" | "moderate" | "strong" | "intense" {
  if (value <= 0) return "none";
  if (value <= 3) return "faint";
  if (value <= 6) return "moderate";
  if (value <= 9) return "strong";
  return "intense";
}

const scale = (name: string, min: number, max: number) =>
  z
    .number({ message: `${name} should be a number from ${min} to ${max}` })
    .int({ message: `${name} should be a whole number from ${min} to ${max}` })
    .min(min, { message: `${name} should be from ${min} to ${max}` })
    .max(max, { message: `${name} should be from ${min} to ${max}` });

const checkInShape = {
  pleasantness: scale("Pleasantness", 1, 9),
  energy: scale("Energy", 1, 9),
  anxiety: scale("Anxiety", 0, 100),
  /** Optional: null or absent when skipped. */
  stress: scale("Stress", 0, 10).nullable().optional(),
};

/** Before the session. */
export const CheckInSchema = z.object(checkInShape);
export type CheckIn = z.infer<typeof CheckInSchema>;

/** After the session: the check-in measures again, plus tingles and relaxation. */
export const CheckOutSchema = z
  .object({
    ...checkInShape,
    tingles: scale("Tingles", 0, 10),
    tingleLocations: z
      .array(z.enum(TINGLE_LOCATIONS, { message: `Tingle locations are ${TINGLE_LOCATIONS.join(", ")}` }))
      .max(TINGLE_LOCATIONS.length)
      .refine((list) => new Set(list).size === list.length, { message: "A tingle location is listed twice" })
      .default([]),
    relaxation: scale("Relaxation", 0, 10),
    note: z
      .string()
      .trim()
      .max(2000, { message: "The note can be up to 2000 characters" })
      .nullable()
      .optional(),
  })
  .refine((c) => c.tingles > 0 || c.tingleLocations.length === 0, {
    path: ["tingleLocations"],
    message: "Tingle locations only go with a tingles rating above 0",
  });
export type CheckOut = z.infer<typeof CheckOutSchema>;
export type CheckOutInput = z.input<typeof CheckOutSchema>;
