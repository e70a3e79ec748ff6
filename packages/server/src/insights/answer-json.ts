/**
 * The text of a GET /api/insights answer: exactly what JSON.stringify(answer) gives, made faster
 * after a write by reusing the text of the weekly trend points that did not change.
 */
import type { Insights } from "@meridian/core";

/**
 * JSON of each weekly trend point seen, by identity: core hands out the same frozen point for a
 * week whose values did not change (trends.ts weekPoint), and those points are more than a third
 * of the answer's text (ten years: 520 weeks, 190 KB), almost all unchanged after a write.
 */
const weekJson = new WeakMap<object, string>();

function pointJson(point: object): string {
  // Only a frozen point cannot change after its text was kept.
  if (!Object.isFrozen(point)) return JSON.stringify(point);
  let text = weekJson.get(point);
  if (text === undefined) {
    text = JSON.stringify(point);
    weekJson.set(point, text);
  }
  return text;
}

/** Exactly JSON.stringify(answer), with the weekly points' text reused (see weekJson). */
export function answerJson(answer: Record<string, unknown> & { trends: Insights["trends"] }): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(answer)) {
    if (key === "trends") {
      // The trends object as JSON.stringify writes it: its keys in order, weekly as an array.
      const inner: string[] = [];
      for (const [k, v] of Object.entries(answer.trends)) {
        const text =
          k === "weekly" ? `[${answer.trends.weekly.map(pointJson).join(",")}]` : JSON.stringify(v);
        if (text !== undefined) inner.push(`${JSON.stringify(k)}:${text}`);
      }
      parts.push(`${JSON.stringify(key)}:{${inner.join(",")}}`);
      continue;
    }
    const text = JSON.stringify(value);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}
