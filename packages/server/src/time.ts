const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function localDateIn(timeZone: string, instant: Date): string {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The server's clock for end-to-end tests: it runs on in real time from the instant it was last
 * set, and only ever moves forward (sessions, their sliding expiry and experiment evenings assume
 * time does not go back). Made only when the server starts with MERIDIAN_TEST_CLOCK=1, which also
 * registers POST /api/test/clock (routes/test-clock.ts); otherwise the app reads the real time.
 */
/** How far ahead of real time the test clock may go: enough for a long experiment, no further. */
export const TEST_CLOCK_MAX_AHEAD_MS = 400 * 24 * 60 * 60 * 1000;

export type TestClockMove = "ok" | "back" | "too_far";

export class TestClock {
  #offsetMs = 0;
  constructor(private readonly realMs: () => number = Date.now) {}

  readonly now = (): Date => new Date(this.realMs() + this.#offsetMs);

  /** Moves the clock to `instant`; "back" or "too_far" (and no change) when that would go back
   * or more than TEST_CLOCK_MAX_AHEAD_MS ahead of real time. */
  set(instant: Date): TestClockMove {
    const target = instant.getTime();
    if (!Number.isFinite(target) || target < this.now().getTime()) return "back";
    if (target - this.realMs() > TEST_CLOCK_MAX_AHEAD_MS) return "too_far";
    this.#offsetMs = target - this.realMs();
    return "ok";
  }

  /** Moves the clock on by `ms` (not negative); "too_far" (and no change) when that would put it
   * more than TEST_CLOCK_MAX_AHEAD_MS ahead of real time. */
  advance(ms: number): TestClockMove {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("The test clock only moves forward");
    if (this.#offsetMs + ms > TEST_CLOCK_MAX_AHEAD_MS) return "too_far";
    this.#offsetMs += ms;
    return "ok";
  }
}
