/** How Meridian derives sleep measures from the morning diary. Definitions vary between
 * studies (Carney et al. 2012 note, for instance, that some count the final awakening as
 * WASO); these are ours, fixed and written down so charts mean the same thing every day.
 *
 * Placing clock times (the diary asks for clock times, not dates):
 * - The diary is dated by the night: `nightOf` is the calendar date of the evening the night began.
 * - Time into bed from 12:00 to 23:59 is on `nightOf`; from 00:00 to 11:59 it is on the next
 *   day (after midnight). So a sleep that starts in the morning (e.g. after a night shift)
 *   belongs to the night dated the day before.
 * - Every other time (tried to sleep, final awakening, out of bed) is the first moment at or
 *   after getting into bed with that clock time: the same day if its clock time is later than
 *   into bed, otherwise the next day. Bed 23:30, awake 07:10 → 07:10 the next morning.
 * - Clock times become real instants in the diary's IANA time zone, so a night when clocks
 *   change is an hour shorter or longer than its clock times suggest. A time that didn't
 *   exist (clocks went forward) is read as just after the gap; a time that happened twice
 *   (clocks went back) is read as the first one.
 *
 * Measures (all in minutes, except SE):
 * - TIB, time in bed = out of bed − into bed.
 * - Bed-to-try = tried to sleep − into bed (reading or winding down in bed; not part of SOL).
 * - SOL, sleep onset latency = "how long did it take you to fall asleep", as reported.
 * - WASO, wake after sleep onset = the reported total length of awakenings, not counting the
 *   final awakening or the time in bed after it.
 * - TST, total sleep time = (final awakening − tried to sleep) − SOL − WASO.
 * - SE, sleep efficiency = TST ÷ TIB × 100, in percent.
 * - Time in bed after waking = out of bed − final awakening (shown on its own, not in WASO). */

export interface SleepDefinition {
  readonly id: "tib" | "bed-to-try" | "sol" | "waso" | "tst" | "se" | "after-waking";
  readonly abbreviation: string;
  readonly name: string;
  readonly formula: string;
  /** One or two plain sentences for the help page. */
  readonly text: string;
}

export const SLEEP_DEFINITIONS: readonly SleepDefinition[] = [
  {
    id: "tib",
    abbreviation: "TIB",
    name: "Time in bed",
    formula: "out of bed − into bed",
    text: "Everything from getting into bed to getting up for the day, awake or asleep.",
  },
  {
    id: "bed-to-try",
    abbreviation: "",
    name: "Winding down in bed",
    formula: "tried to sleep − into bed",
    text: "Time in bed before you tried to sleep, such as reading or listening. It counts as time in bed but not as time taken to fall asleep.",
  },
  {
    id: "sol",
    abbreviation: "SOL",
    name: "Time to fall asleep",
    formula: "as you reported it",
    text: "How long it took to fall asleep once you tried, as you estimated it. Best guesses are fine; there's no need to watch the clock.",
  },
  {
    id: "waso",
    abbreviation: "WASO",
    name: "Awake during the night",
    formula: "total length of awakenings, as reported",
    text: "The time you spent awake after first falling asleep, added up, not counting your final awakening in the morning.",
  },
  {
    id: "tst",
    abbreviation: "TST",
    name: "Total sleep",
    formula: "(final awakening − tried to sleep) − SOL − WASO",
    text: "The time from trying to sleep until your final awakening, minus the time it took to fall asleep and the time awake in the night.",
  },
  {
    id: "se",
    abbreviation: "SE",
    name: "Sleep efficiency",
    formula: "TST ÷ TIB × 100",
    text: "The share of your time in bed that you spent asleep, as a percentage. Reading or lying in counts as time in bed, so it lowers this number; that's fine.",
  },
  {
    id: "after-waking",
    abbreviation: "",
    name: "In bed after waking",
    formula: "out of bed − final awakening",
    text: "Time in bed after your final awakening, before getting up for the day.",
  },
];

/** How the diary's clock times are placed on dates, for the help page. */
export const SLEEP_TIME_RULES =
  "The diary is dated by the evening the night began. A bedtime from noon to midnight is on that evening; a bedtime after midnight and before noon is on the next day. Every later time is the first time that clock time comes round after you got into bed. Times are in your own time zone, and nights when the clocks change are counted in real hours.";

/** Credit for the diary items (brief §2.8: openly published, no licence stated). */
export const CONSENSUS_SLEEP_DIARY_CREDIT =
  "Questions from the Consensus Sleep Diary (Carney, Buysse, Ancoli-Israel, Edinger, Krystal, Lichstein & Morin, SLEEP 2012;35(2):287–302).";
