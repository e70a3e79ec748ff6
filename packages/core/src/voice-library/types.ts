/** One piece of spoken content: a bedtime story or the guided body scan. */
export interface Story {
  /** Kebab-case, stable: scenes and share links name a story by it. */
  readonly id: string;
  readonly title: string;
  /** One sentence shown in the list. */
  readonly summary: string;
  /** Where it takes place, a few words. */
  readonly setting: string;
  /** Plain text, one paragraph per string, written to be read aloud slowly. */
  readonly paragraphs: readonly string[];
}

/** A group of short whispered wind-down lines, spoken one at a time with long pauses. */
export interface WindDownSet {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly string[];
}

/** What a voice layer speaks, whichever kind of content its id names. */
export interface VoiceContent {
  readonly kind: "story" | "wind-down";
  readonly title: string;
  readonly paragraphs: readonly string[];
}
