/**
 * The `sham` bed's spectral profile as generator parameters. A profile is BAND_COUNT (25)
 * 1/3-octave band levels in dB (−40 … +20, relative). Generators declare at most five
 * parameters plus "variation" (contract.test.ts), so the 25 levels travel packed: five
 * parameters of five adjacent bands each, every level quantised to 0.5 dB and written as one
 * base-121 digit (lowest band of the group most significant). 0.5 dB steps are well inside the
 * ±2 dB the bed is held to; the packed value is an integer below 2^53, exact in JSON.
 */
import { BAND_COUNT } from "../analysis/long-term-spectrum-bands";

export const BAND_MIN_DB = -40;
export const BAND_MAX_DB = 20;
export const BAND_STEP_DB = 0.5;
/** Levels per digit: (20 − (−40)) / 0.5 + 1. */
const BASE = 121;
export const BANDS_PER_PARAM = 5;
/** Largest packed value: five digits of 120. */
export const PACKED_MAX = BASE ** BANDS_PER_PARAM - 1;

/** The five packed parameters, low to high, with the bands each holds. */
export const PROFILE_PARAMS = [
  { name: "low", label: "Low (50–125 Hz)" },
  { name: "lowMid", label: "Low mid (160–400 Hz)" },
  { name: "mid", label: "Mid (500–1250 Hz)" },
  { name: "highMid", label: "High mid (1.6–4 kHz)" },
  { name: "high", label: "High (5–12.5 kHz)" },
] as const;

/**
 * The default profile: pink (equal energy per 1/3 octave is a flat line here), gently
 * rolled off under 100 Hz and above 6 kHz so it sits softly in the room.
 */
export const DEFAULT_PROFILE: readonly number[] = Array.from({ length: BAND_COUNT }, (_, k) =>
  k < 4 ? -1.5 * (4 - k) : k > 21 ? -1.5 * (k - 21) : 0,
);

function clampDb(v: number): number {
  return Math.min(BAND_MAX_DB, Math.max(BAND_MIN_DB, v));
}

/** Pack band levels (dB; NaN or missing counts as 0) into the five parameter values. */
export function packProfile(levels: ArrayLike<number>): Record<string, number> {
  if (levels.length !== BAND_COUNT)
    throw new Error(`packProfile: need ${BAND_COUNT} band levels, got ${levels.length}`);
  const out: Record<string, number> = {};
  PROFILE_PARAMS.forEach((p, g) => {
    let v = 0;
    for (let i = 0; i < BANDS_PER_PARAM; i++) {
      const raw = levels[g * BANDS_PER_PARAM + i] as number;
      const db = clampDb(Number.isFinite(raw) ? raw : 0);
      v = v * BASE + Math.round((db - BAND_MIN_DB) / BAND_STEP_DB);
    }
    out[p.name] = v;
  });
  return out;
}

/**
 * Unpack one parameter's value into its five band levels, written to `out[first..first+5)`.
 * Any number is accepted (floored and clamped to 0 … PACKED_MAX), so a swept slider never
 * produces an invalid profile. Allocation-free.
 */
export function unpackInto(value: number, out: Float64Array, first: number): void {
  let v = Math.floor(Math.min(PACKED_MAX, Math.max(0, Number.isFinite(value) ? value : 0)));
  for (let i = BANDS_PER_PARAM - 1; i >= 0; i--) {
    const digit = v % BASE;
    v = (v - digit) / BASE;
    out[first + i] = BAND_MIN_DB + digit * BAND_STEP_DB;
  }
}

/** The five parameter values of the default profile. */
export const DEFAULT_PACKED: Readonly<Record<string, number>> = packProfile(DEFAULT_PROFILE);
