import { SleepDiaryFieldsSchema, type SleepDiaryInput } from "./diary";
import { deriveSleep, formatDurationMinutes, type SleepDerived } from "./night";
import { clockMinutes } from "./time-zone";

/** Longest plausible time in bed for one night. */
export const MAX_TIME_IN_BED_MINUTES = 20 * 60;
/** Longest plausible gap between getting into bed and trying to sleep. */
export const MAX_BED_TO_TRY_MINUTES = 12 * 60;

export type SleepIssueCode =
  | "tried-before-into-bed"
  | "final-awakening-before-trying"
  | "out-of-bed-before-final-awakening"
  | "out-of-bed-before-into-bed"
  | "time-in-bed-too-long"
  | "fall-asleep-too-long"
  | "awake-too-long"
  | "awake-without-awakenings"
  | "listened-minutes-without-listening";

export interface SleepIssue {
  readonly code: SleepIssueCode;
  /** The field to highlight. */
  readonly field: keyof SleepDiaryInput;
  readonly message: string;
}

/** Plausibility checks on a diary whose fields are individually valid. Ordering problems
 * are reported first; the duration checks only run when the night's order makes sense. */
export function sleepDiaryIssues(
  input: SleepDiaryInput,
  derived: SleepDerived = deriveSleep(input),
): SleepIssue[] {
  const issues: SleepIssue[] = [];
  const { intoBed, triedToSleep, finalAwakening, outOfBed } = input;
  const tib = derived.timeInBedMinutes;

  if (derived.bedToTryMinutes < 0 || derived.bedToTryMinutes > MAX_BED_TO_TRY_MINUTES) {
    issues.push({
      code: "tried-before-into-bed",
      field: "triedToSleep",
      message: `You tried to sleep at ${triedToSleep}, which comes before getting into bed at ${intoBed}. Please check both times.`,
    });
  } else if (derived.sleepWindowMinutes < 0) {
    issues.push({
      code: "final-awakening-before-trying",
      field: "finalAwakening",
      message: `Your final awakening at ${finalAwakening} comes before you tried to sleep at ${triedToSleep}. Please check both times.`,
    });
  }
  if (tib <= 0 || (tib > MAX_TIME_IN_BED_MINUTES && clockMinutes(outOfBed) < clockMinutes(intoBed))) {
    issues.push({
      code: "out-of-bed-before-into-bed",
      field: "outOfBed",
      message: `Getting out of bed at ${outOfBed} comes before getting into bed at ${intoBed}, even counting it as the next day (that would be ${formatDurationMinutes(tib)} in bed). Please check both times.`,
    });
  } else if (tib > MAX_TIME_IN_BED_MINUTES) {
    issues.push({
      code: "time-in-bed-too-long",
      field: "outOfBed",
      message: `From ${intoBed} to ${outOfBed} is ${formatDurationMinutes(tib)} in bed, more than 20 hours. Please check the times (morning or evening?).`,
    });
  } else if (derived.inBedAfterWakingMinutes < 0) {
    issues.push({
      code: "out-of-bed-before-final-awakening",
      field: "outOfBed",
      message: `Getting out of bed at ${outOfBed} comes before your final awakening at ${finalAwakening}. Please check both times.`,
    });
  }

  if (issues.length === 0) {
    const window = derived.sleepWindowMinutes;
    const sol = input.minutesToFallAsleep;
    if (sol > window) {
      issues.push({
        code: "fall-asleep-too-long",
        field: "minutesToFallAsleep",
        message: `Taking ${formatDurationMinutes(sol)} to fall asleep is longer than the ${formatDurationMinutes(window)} between trying to sleep (${triedToSleep}) and your final awakening (${finalAwakening}).`,
      });
    } else if (sol + input.minutesAwake > window) {
      issues.push({
        code: "awake-too-long",
        field: "minutesAwake",
        message: `Time to fall asleep (${formatDurationMinutes(sol)}) plus time awake in the night (${formatDurationMinutes(input.minutesAwake)}) is longer than the ${formatDurationMinutes(window)} between trying to sleep and your final awakening.`,
      });
    }
  }

  if (input.awakenings === 0 && input.minutesAwake > 0) {
    issues.push({
      code: "awake-without-awakenings",
      field: "minutesAwake",
      message: `You said you didn't wake up in the night, but also that awakenings lasted ${formatDurationMinutes(input.minutesAwake)}. Please check one of them.`,
    });
  }
  if (input.listened === false && (input.listenedMinutes ?? 0) > 0) {
    issues.push({
      code: "listened-minutes-without-listening",
      field: "listenedMinutes",
      message: "You said you didn't listen to anything, but gave a listening time. Please check one of them.",
    });
  }
  return issues;
}

export type SleepDiaryCheck =
  | { readonly ok: true; readonly diary: SleepDiaryInput; readonly derived: SleepDerived }
  | {
      readonly ok: false;
      readonly issues: readonly { readonly field: string; readonly message: string; readonly code: string }[];
    };

/** Validate untrusted input: field format first, then plausibility. Never throws. */
export function checkSleepDiary(raw: unknown): SleepDiaryCheck {
  const parsed = SleepDiaryFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? ""),
        message: i.message,
        code: "invalid-field",
      })),
    };
  }
  const derived = deriveSleep(parsed.data);
  const issues = sleepDiaryIssues(parsed.data, derived);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, diary: parsed.data, derived };
}

/** The diary fields plus every plausibility check, for API bodies: each issue becomes a zod
 * issue on its field, so a 400 names the field. */
export const SleepDiaryInputSchema = SleepDiaryFieldsSchema.superRefine((diary, ctx) => {
  // zod runs this refinement even when a field failed its own check (e.g. intoBed "25:00"),
  // and the plausibility checks need well-formed times: only the field issues count then.
  if (!SleepDiaryFieldsSchema.safeParse(diary).success) return;
  for (const issue of sleepDiaryIssues(diary)) {
    ctx.addIssue({
      code: "custom",
      path: [issue.field],
      message: issue.message,
      params: { code: issue.code },
    });
  }
});
