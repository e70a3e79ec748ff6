/**
 * What a narration says, planned before any synthesis (text handling only, so it is cheap for a
 * whole story): the sentences in order, where paragraphs end, and each sentence's word and comma
 * counts. Content comes from the voice library by id, or is plain text (read-back, `meridian say`).
 */
import { voiceContentById } from "@meridian/core";
import { SpeechInputError } from "../errors";
import { normaliseForSpeech } from "../text/normalise";
import { splitSentences } from "../text/sentences";
import { countWords, hasWords, speakableText } from "../text/speakable";
import { MAX_SPEECH_CHARS } from "../types";

/** What to narrate: built-in content by id, the wordless whisper, or plain text. */
export type NarrationSource =
  | { readonly kind: "story" | "wind-down"; readonly id: string }
  | { readonly kind: "wordless" }
  | { readonly kind: "text"; readonly text: string };

export interface PlannedSentence {
  /** The sentence as written (shown with the play position). */
  readonly text: string;
  readonly words: number;
  /** Commas, semicolons, colons and dashes inside it: where the voice pauses briefly. */
  readonly commas: number;
  /** The last sentence of a paragraph (a story's paragraph, a wind-down line). */
  readonly paragraphEnd: boolean;
}

export interface NarrationPlan {
  readonly title: string;
  /** "line" for wind-down sets (long pauses between lines), "prose" otherwise. */
  readonly pacing: "prose" | "line";
  readonly sentences: readonly PlannedSentence[];
}

const COMMA = /[,;:\u2013\u2014]/g;

function planParagraphs(paragraphs: readonly string[]): PlannedSentence[] {
  const out: PlannedSentence[] = [];
  for (const paragraph of paragraphs) {
    const sentences = splitSentences(normaliseForSpeech(paragraph)).filter((s) => hasWords(speakableText(s)));
    sentences.forEach((text, i) => {
      out.push({
        text,
        words: countWords(speakableText(text)),
        commas: (text.slice(0, -1).match(COMMA) ?? []).length,
        paragraphEnd: i === sentences.length - 1,
      });
    });
  }
  return out;
}

/** The plan of a story, wind-down set or text; throws a clear error for unknown ids or bad text. */
export function planNarration(source: Exclude<NarrationSource, { kind: "wordless" }>): NarrationPlan {
  if (source.kind === "text") {
    const text = source.text;
    if (typeof text !== "string" || text.trim() === "") {
      throw new SpeechInputError("empty_text", "There is no text to speak.");
    }
    if (text.length > MAX_SPEECH_CHARS) {
      throw new SpeechInputError(
        "text_too_long",
        `The text is ${text.length.toLocaleString("en")} characters; at most ${MAX_SPEECH_CHARS.toLocaleString("en")} can be spoken at once.`,
      );
    }
    const sentences = planParagraphs(text.split(/\n\s*\n/));
    if (sentences.length === 0) {
      throw new SpeechInputError(
        "unspeakable_text",
        "The text has nothing the voice can read aloud (it speaks English written in Latin letters).",
      );
    }
    return { title: "", pacing: "prose", sentences };
  }
  const content = voiceContentById(source.id);
  if (!content || content.kind !== source.kind) {
    throw new RangeError(`There is no built-in ${source.kind} with the id "${source.id}".`);
  }
  return {
    title: content.title,
    pacing: content.kind === "wind-down" ? "line" : "prose",
    sentences: planParagraphs(content.paragraphs),
  };
}
