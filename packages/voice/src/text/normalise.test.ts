import { describe, expect, it } from "vitest";
import { planUnits } from "../engine";
import { SpeechInputError } from "../errors";
import { MAX_SPEECH_CHARS } from "../types";
import { normaliseForSpeech } from "./normalise";

describe("normaliseForSpeech", () => {
  it("strips Markdown: headings, emphasis, links, images, lists and code fences", () => {
    const md = [
      "# A quiet evening",
      "",
      "The **lamp** is _low_ and the [kettle](https://example.org/k) ~~sings~~ hums.",
      "",
      "- warm socks",
      "- a blanket",
      "",
      "![a cat asleep](cat.png)",
      "```",
      "breathe",
      "```",
    ].join("\n");
    expect(normaliseForSpeech(md)).toBe(
      "A quiet evening. The lamp is low and the kettle sings hums. warm socks. a blanket. a cat asleep. breathe.",
    );
  });

  it("strips HTML tags, drops scripts and decodes entities", () => {
    expect(normaliseForSpeech("<p>Tea &amp; toast</p><script>alert(1)</script><p>at&nbsp;nine</p>")).toBe(
      "Tea & toast. at nine.",
    );
  });

  it("shortens URLs to their host", () => {
    expect(normaliseForSpeech("Read https://www.example.com/a/very/long/path?q=1 tonight.")).toBe(
      "Read a link to example.com tonight.",
    );
  });

  it("names a few emoji and drops the rest, with skin tones and joiners", () => {
    expect(normaliseForSpeech("Good night 🌙😊 👍🏽 🧑‍🚀 🦩!")).toBe("Good night moon smile thumbs up !");
  });

  it("keeps right-to-left text and removes direction marks", () => {
    expect(normaliseForSpeech("\u200Fשלום\u200E and مرحبا")).toBe("שלום and مرحبا.");
  });

  it("collapses whitespace and control characters", () => {
    expect(normaliseForSpeech("  one\t two \u0007 three  ")).toBe("one two three.");
  });
});

describe("bad text", () => {
  it("is empty_text when blank", () => {
    expect(() => planUnits("  \n ")).toThrow(expect.objectContaining({ code: "empty_text" }));
  });

  it("is text_too_long at 100,000 characters, without a crash", () => {
    const long = "The rain falls. ".repeat(6250);
    expect(long.length).toBe(100_000);
    let error: unknown;
    try {
      planUnits(long);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpeechInputError);
    expect((error as SpeechInputError).code).toBe("text_too_long");
    expect(() => planUnits("a".repeat(MAX_SPEECH_CHARS))).not.toThrow();
  });

  it("is unspeakable_text for emoji or other scripts only", () => {
    expect(() => planUnits("🦩🦩 <b></b>")).toThrow(expect.objectContaining({ code: "unspeakable_text" }));
    expect(() => planUnits("שלום עולם")).toThrow(expect.objectContaining({ code: "unspeakable_text" }));
  });

  it("speaks the Latin part of mixed text and folds accents", () => {
    const units = planUnits("Café au lait. שלום. Then sleep.");
    expect(units.map((u) => u.speak)).toEqual(["Cafe au lait.", "Then sleep."]);
  });

  it("cuts a very long run-on sentence into pieces", () => {
    const units = planUnits(`${"and the waves roll in, ".repeat(60)}slowly.`);
    expect(units.length).toBeGreaterThan(3);
    for (const u of units) expect(u.speak.length).toBeLessThanOrEqual(300);
  });
});
