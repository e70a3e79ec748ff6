import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("splits at full stops, question and exclamation marks", () => {
    expect(splitSentences("The kettle hums. Is it late? Not yet! Sit down.")).toEqual([
      "The kettle hums.",
      "Is it late?",
      "Not yet!",
      "Sit down.",
    ]);
  });

  it("does not split after abbreviations, initials or inside numbers", () => {
    expect(splitSentences("Dr. Okafor met Mrs. Hale at 3.30 p.m. near St. Ives. J. R. Lane waved.")).toEqual([
      "Dr. Okafor met Mrs. Hale at 3.30 p.m. near St. Ives.",
      "J. R. Lane waved.",
    ]);
    expect(splitSentences("Bring something warm, e.g. a scarf. Then rest.")).toEqual([
      "Bring something warm, e.g. a scarf.",
      "Then rest.",
    ]);
  });

  it("treats an ellipsis as an end only before a new sentence", () => {
    expect(splitSentences("The rain goes on... and on. Later… Quiet.")).toEqual([
      "The rain goes on... and on.",
      "Later…",
      "Quiet.",
    ]);
  });

  it("keeps closing quotes with their sentence and does not split before a lower-case word", () => {
    expect(splitSentences('She said, "Rest now." Then the lamp went out. "Why?" he asked.')).toEqual([
      'She said, "Rest now."',
      "Then the lamp went out.",
      '"Why?" he asked.',
    ]);
  });

  it("keeps a last sentence without punctuation, and right-to-left text", () => {
    expect(splitSentences("שלום עולם. مرحبا بك؟ and then silence")).toEqual([
      "שלום עולם.",
      "مرحبا بك؟ and then silence",
    ]);
  });

  it("gives nothing for empty or blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("   ")).toEqual([]);
  });
});
