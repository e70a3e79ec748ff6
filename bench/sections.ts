/** Every benchmark section by name: `npm run bench` (main.ts) runs them, bench/smoke.test.ts
 * runs each with tiny sizes inside `npm test`. A new section added here is smoked too. */
import { benchInsights } from "./insights";
import { benchJournalSaves } from "./journal";
import { benchSearch } from "./search";
import type { BenchRow } from "./table";

export const SECTIONS: Record<string, () => Promise<BenchRow[]>> = {
  journal: benchJournalSaves,
  search: benchSearch,
  insights: benchInsights,
  sound: async () => (await import("./sound")).benchSound(),
  worklet: async () => (await import("./worklet-chromium")).benchWorkletChromium(),
  voice: async () => (await import("./voice")).benchVoice(),
};
