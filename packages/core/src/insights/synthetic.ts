/**
 * Deterministic synthetic data for timing checks, demos and tests: daily sessions with plausible
 * check-ins and check-outs, a sleep diary per night and a check-up every two weeks. Clearly
 * synthetic: ids start with "synthetic-". Not a model of any real person.
 */
import { seededRandom } from "../stats/randomisation";
import { addDays } from "./dates";
import type { CheckupObservation, InsightsInput, SessionObservation, SleepObservation } from "./types";

export const SYNTHETIC_TRIGGERS = [
  "rain",
  "tapping",
  "brushing",
  "crinkle",
  "whisper",
  "fire",
  "keyboard",
  "pages",
];

export interface SyntheticOptions {
  /** Number of days (one session and one night per day). Default 90. */
  days?: number;
  /** First day, "YYYY-MM-DD". Default "2024-01-01". */
  start?: string;
  seed?: number;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function syntheticInsightsInput(options: SyntheticOptions = {}): InsightsInput {
  const { days = 90, start = "2024-01-01", seed = 1 } = options;
  const random = seededRandom(seed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const sessions: SessionObservation[] = [];
  const sleep: SleepObservation[] = [];
  const checkups: CheckupObservation[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(start, i);
    const hour = random() < 0.6 ? 20 + Math.floor(random() * 4) : 8 + Math.floor(random() * 9);
    const triggers = SYNTHETIC_TRIGGERS.filter(() => random() < 0.35);
    const anxietyBefore = clamp(Math.round(50 + 15 * normal()), 0, 100);
    const rainBonus = triggers.includes("rain") ? -6 : 0;
    const complete = random() > 0.05;
    const id = `synthetic-${i}`;
    sessions.push({
      id,
      startedAt: `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`,
      localDate: date,
      hourLocal: hour,
      checkIn: {
        pleasantness: clamp(Math.round(5 + 1.5 * normal()), 1, 9),
        energy: clamp(Math.round(5 + 1.5 * normal()), 1, 9),
        anxiety: anxietyBefore,
      },
      checkOut: complete
        ? {
            pleasantness: clamp(Math.round(6 + 1.5 * normal()), 1, 9),
            energy: clamp(Math.round(4.5 + 1.5 * normal()), 1, 9),
            anxiety: clamp(Math.round(anxietyBefore - 10 + rainBonus + 10 * normal()), 0, 100),
            tingles: clamp(Math.round(3 + 2 * normal()), 0, 10),
          }
        : null,
      triggers,
      presetId: `synthetic-preset-${Math.floor(random() * 12)}`,
      mediaId: random() < 0.3 ? `synthetic-media-${Math.floor(random() * 40)}` : null,
    });
    const evening = hour >= 18;
    sleep.push({
      date,
      solMinutes: Math.max(1, Math.round(25 - (evening ? 5 : 0) + 12 * normal())),
      sleepEfficiency: clamp(Math.round((86 + (evening ? 2 : 0) + 6 * normal()) * 10) / 10, 40, 100),
      quality: clamp(Math.round(3 + normal()), 1, 5),
      precededBySessionId: evening ? id : null,
    });
    if (i % 14 === 0) {
      checkups.push({ instrumentId: "gad7", date, total: clamp(Math.round(8 + 3 * normal()), 0, 21) });
      checkups.push({ instrumentId: "phq8", date, total: clamp(Math.round(7 + 3 * normal()), 0, 24) });
    }
  }
  return { sessions, sleep, checkups };
}
