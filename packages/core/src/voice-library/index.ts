import { BODY_SCAN } from "./body-scan";
import { BAKERY_BEFORE_DAWN } from "./stories/bakery-before-dawn";
import { BOOKBINDER_WORKSHOP } from "./stories/bookbinder-workshop";
import { CANAL_BOAT } from "./stories/canal-boat";
import { FERRY_CROSSING } from "./stories/ferry-crossing";
import { GREENHOUSE_AT_DUSK } from "./stories/greenhouse-at-dusk";
import { HILLSIDE_TEA_HOUSE } from "./stories/hillside-tea-house";
import { LAKE_CABIN_AUTUMN } from "./stories/lake-cabin-autumn";
import { LANTERN_MARKET } from "./stories/lantern-market";
import { LIBRARY_RAINY_NIGHT } from "./stories/library-rainy-night";
import { LIGHTHOUSE_EVENING } from "./stories/lighthouse-evening";
import { MOUNTAIN_HUT_SNOW } from "./stories/mountain-hut-snow";
import { NIGHT_TRAIN } from "./stories/night-train";
import { OBSERVATORY_NIGHT } from "./stories/observatory-night";
import { SEASIDE_COTTAGE } from "./stories/seaside-cottage";
import type { Story, VoiceContent, WindDownSet } from "./types";
import { WIND_DOWN_SETS } from "./wind-down";

export { BODY_SCAN } from "./body-scan";
export * from "./pseudo-words";
export type { Story, VoiceContent, WindDownSet } from "./types";
export { WIND_DOWN_SETS } from "./wind-down";

/** The bedtime stories, in the order the library lists them. */
export const STORIES: readonly Story[] = [
  LIBRARY_RAINY_NIGHT,
  NIGHT_TRAIN,
  BAKERY_BEFORE_DAWN,
  SEASIDE_COTTAGE,
  GREENHOUSE_AT_DUSK,
  MOUNTAIN_HUT_SNOW,
  LIGHTHOUSE_EVENING,
  CANAL_BOAT,
  BOOKBINDER_WORKSHOP,
  HILLSIDE_TEA_HOUSE,
  LANTERN_MARKET,
  OBSERVATORY_NIGHT,
  FERRY_CROSSING,
  LAKE_CABIN_AUTUMN,
];

/** Default reading rate of the soft-spoken voice, words per minute. */
export const DEFAULT_STORY_WPM = 130;

const STORY_BY_ID: ReadonlyMap<string, Story> = new Map([...STORIES, BODY_SCAN].map((s) => [s.id, s]));
const WIND_DOWN_BY_ID: ReadonlyMap<string, WindDownSet> = new Map(WIND_DOWN_SETS.map((s) => [s.id, s]));

/** Every id a voice layer may name: the stories, the body scan, then the wind-down sets. */
export const VOICE_CONTENT_IDS: readonly string[] = [...STORY_BY_ID.keys(), ...WIND_DOWN_BY_ID.keys()];

/** A story or the body scan by its id. */
export function storyById(id: string): Story | undefined {
  return STORY_BY_ID.get(id);
}

/** What a voice layer with this content id speaks: a story's paragraphs, or a set's lines. */
export function voiceContentById(id: string): VoiceContent | undefined {
  const story = STORY_BY_ID.get(id);
  if (story) return { kind: "story", title: story.title, paragraphs: story.paragraphs };
  const set = WIND_DOWN_BY_ID.get(id);
  if (set) return { kind: "wind-down", title: set.title, paragraphs: set.lines };
  return undefined;
}

/** Spoken words in a story (whitespace-separated tokens that contain a letter). */
export function wordCount(story: Story): number {
  let n = 0;
  for (const paragraph of story.paragraphs) {
    for (const token of paragraph.split(/\s+/)) if (/\p{L}/u.test(token)) n++;
  }
  return n;
}

/** Minutes the story lasts read at `wpm` words per minute, pauses not counted. */
export function spokenMinutes(story: Story, wpm = DEFAULT_STORY_WPM): number {
  if (!(wpm > 0)) throw new RangeError(`wpm must be > 0, got ${wpm}`);
  return wordCount(story) / wpm;
}
