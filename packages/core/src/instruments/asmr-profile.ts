import type { Answers, Instrument, MultiChoice } from "./types";

/** Triggers a person can name in their profile. Ids match the studio's sound ids where
 * Meridian can play the trigger (`inStudio`), so insights can join profile and sessions. */
export const ASMR_TRIGGERS = [
  { id: "tapping", label: "Tapping", inStudio: true },
  { id: "whispering", label: "Whispering", inStudio: true },
  { id: "soft-spoken", label: "Soft-spoken voices", inStudio: true },
  { id: "paper-crinkle", label: "Paper crinkling", inStudio: true },
  { id: "hair-brushing", label: "Hair brushing", inStudio: true },
  { id: "rain", label: "Rain", inStudio: true },
  { id: "leaves", label: "Rustling leaves", inStudio: true },
  { id: "waves", label: "Ocean waves", inStudio: true },
  { id: "pen-on-paper", label: "Pen on paper", inStudio: true },
  { id: "page-turn", label: "Page turning", inStudio: true },
  { id: "keyboard", label: "Keyboard typing", inStudio: true },
  { id: "wind", label: "Wind", inStudio: true },
  { id: "fire", label: "Crackling fire", inStudio: true },
  { id: "stream", label: "Flowing water", inStudio: true },
  { id: "personal-attention", label: "Personal attention (role-play, close care)", inStudio: false },
  { id: "mouth-sounds", label: "Mouth sounds", inStudio: false },
  { id: "watching-hands", label: "Watching slow hand movements", inStudio: false },
  { id: "other", label: "Something else", inStudio: false },
] as const satisfies readonly (MultiChoice & { inStudio: boolean })[];

export type AsmrTriggerId = (typeof ASMR_TRIGGERS)[number]["id"];

export const ASMR_REASONS = [
  { id: "relax", label: "To relax or unwind" },
  { id: "sleep", label: "To fall asleep" },
  { id: "anxiety", label: "When I feel anxious or worried" },
  { id: "stress", label: "After a stressful day" },
  { id: "focus", label: "To focus while I work or study" },
  { id: "mood", label: "To lift my mood" },
  { id: "company", label: "To feel less alone" },
  { id: "tingles", label: "For the tingles themselves" },
  { id: "enjoyment", label: "Just because I enjoy it" },
  { id: "other", label: "Something else" },
] as const satisfies readonly MultiChoice[];

export type AsmrReasonId = (typeof ASMR_REASONS)[number]["id"];

const triggerChoices = ASMR_TRIGGERS.map(({ id, label }) => ({ id, label }));

/** Our own short questionnaire about how someone experiences ASMR. It is a profile, not a
 * score: nothing here is summed, banded or compared with anyone else. */
export const ASMR_PROFILE: Instrument = {
  id: "asmr-profile",
  title: "Your ASMR profile",
  shortTitle: "ASMR profile",
  about:
    "A few questions about how sounds like whispering or tapping feel to you and why you listen. It helps Meridian suggest scenes and helps you read your own patterns later. There are no right answers, and not everyone feels tingles.",
  instructions: "Answer with whatever feels closest. You can change these answers any time.",
  options: [],
  items: [
    {
      kind: "choice",
      id: "asmr_tingles",
      text: "Do certain sounds or sights ever give you tingles: a light, pleasant, static-like feeling, often on the scalp or down the neck?",
      options: [
        { value: 0, label: "No, I don't think so" },
        { value: 1, label: "I'm not sure" },
        { value: 2, label: "Yes, sometimes" },
        { value: 3, label: "Yes, easily" },
      ],
    },
    {
      kind: "multi",
      id: "asmr_triggers",
      text: "Which sounds or situations bring on tingles, or simply help you unwind?",
      hint: "Pick as many as you like, or none.",
      choices: triggerChoices,
      optional: true,
    },
    {
      kind: "multi",
      id: "asmr_avoid",
      text: "Are there sounds you'd rather not hear? Meridian will leave them out of suggestions.",
      hint: "Some people find certain sounds unpleasant. That's common and fine.",
      choices: triggerChoices,
      optional: true,
    },
    {
      kind: "choice",
      id: "asmr_frequency",
      text: "How often do you listen to ASMR or relaxing sounds?",
      options: [
        { value: 0, label: "Rarely or never" },
        { value: 1, label: "A few times a month" },
        { value: 2, label: "About once a week" },
        { value: 3, label: "A few times a week" },
        { value: 4, label: "Most days" },
      ],
    },
    {
      kind: "multi",
      id: "asmr_reasons",
      text: "What do you listen for?",
      hint: "Pick as many as you like.",
      choices: ASMR_REASONS,
      optional: true,
    },
    {
      kind: "choice",
      id: "asmr_experience",
      text: "How long have you been listening to ASMR?",
      options: [
        { value: 0, label: "I'm new to it" },
        { value: 1, label: "Less than a year" },
        { value: 2, label: "One to three years" },
        { value: 3, label: "More than three years" },
      ],
      optional: true,
    },
  ],
  scoring: { kind: "none" },
  screening: false,
  credit: "Written by the Meridian project. Free to use.",
  source: "Meridian's own questions.",
  recallDays: null,
  cadenceDays: 180,
};

export type TingleResponse = "no" | "unsure" | "sometimes" | "easily";

export interface AsmrProfileSummary {
  readonly tingles: TingleResponse | null;
  readonly triggers: readonly string[];
  readonly avoid: readonly string[];
  /** 0 = rarely or never … 4 = most days; null when not answered. */
  readonly frequency: number | null;
  readonly reasons: readonly string[];
  /** Whether the person says they feel tingles at all (sometimes or easily). */
  readonly feelsTingles: boolean;
}

const TINGLE_RESPONSES: readonly TingleResponse[] = ["no", "unsure", "sometimes", "easily"];

function ids(value: Answers[string] | undefined): readonly string[] {
  return Array.isArray(value) ? value : [];
}

function num(value: Answers[string] | undefined): number | null {
  return typeof value === "number" ? value : null;
}

/** The profile in a shape other modules can use (e.g. to group insights by tingle response).
 * Unknown ids are dropped rather than trusted. */
export function summarizeAsmrProfile(answers: Answers): AsmrProfileSummary {
  const tinglesValue = num(answers.asmr_tingles);
  const tingles = tinglesValue === null ? null : (TINGLE_RESPONSES[tinglesValue] ?? null);
  const knownTriggers = new Set<string>(ASMR_TRIGGERS.map((t) => t.id));
  const knownReasons = new Set<string>(ASMR_REASONS.map((r) => r.id));
  const frequency = num(answers.asmr_frequency);
  return {
    tingles,
    triggers: ids(answers.asmr_triggers).filter((id) => knownTriggers.has(id)),
    avoid: ids(answers.asmr_avoid).filter((id) => knownTriggers.has(id)),
    frequency: frequency !== null && frequency >= 0 && frequency <= 4 ? frequency : null,
    reasons: ids(answers.asmr_reasons).filter((id) => knownReasons.has(id)),
    feelsTingles: tingles === "sometimes" || tingles === "easily",
  };
}
