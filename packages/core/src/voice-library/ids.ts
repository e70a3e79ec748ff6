/**
 * The ids of the voice library's content, without its text. The scene schema checks voice
 * layers against these, and the scene schema is on every page's first load: importing the
 * stories themselves there would put ~110 KB of story text into the sign-in and Today pages.
 * ids.test.ts keeps this list equal to the library's.
 */

/** Every story's id, then the body scan's. */
export const STORY_IDS: readonly string[] = [
  "library-rainy-night",
  "night-train",
  "bakery-before-dawn",
  "seaside-cottage",
  "greenhouse-at-dusk",
  "mountain-hut-snow",
  "lighthouse-evening",
  "canal-boat",
  "bookbinder-workshop",
  "hillside-tea-house",
  "lantern-market",
  "observatory-night",
  "ferry-crossing",
  "lake-cabin-autumn",
  "body-scan",
];

/** Every wind-down set's id. */
export const WIND_DOWN_IDS: readonly string[] = [
  "wind-down-letting-go",
  "wind-down-room",
  "wind-down-breath",
];
