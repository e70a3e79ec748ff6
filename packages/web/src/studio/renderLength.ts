/** The render form's length: hours, minutes and seconds fields, 10 s – 12 h. */
export const MIN_RENDER_S = 10;
export const MAX_RENDER_S = 12 * 3600;

/** Seconds from hours, minutes and seconds fields, or a message saying what is wrong. */
export function renderLength(h: string, m: string, s: string): { seconds: number } | { error: string } {
  const parts = [h, m, s].map((v) => (v.trim() === "" ? 0 : Number(v)));
  if (parts.some((v) => !Number.isFinite(v) || v < 0 || !Number.isInteger(v)))
    return { error: "Use whole numbers of hours, minutes and seconds." };
  const [hh = 0, mm = 0, ss = 0] = parts;
  const seconds = hh * 3600 + mm * 60 + ss;
  if (seconds < MIN_RENDER_S || seconds > MAX_RENDER_S)
    return { error: "A render lasts from 10 seconds to 12 hours." };
  return { seconds };
}

/** "8 h", "1 h 30 min", "45 s". */
export function describeLength(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return [h ? `${h} h` : "", m ? `${m} min` : "", s ? `${s} s` : ""].filter(Boolean).join(" ") || "0 s";
}
