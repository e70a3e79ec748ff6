import { describe, expect, it } from "vitest";
import { fold, tokenize, wordSpans } from "./tokenize";

describe("tokenize", () => {
  it("lowercases and splits on anything that is not a letter or number", () => {
    expect(tokenize("Hello, WORLD! It's 2024 — tea_time/rain-cloud.")).toEqual([
      "hello",
      "world",
      "it",
      "s",
      "2024",
      "tea",
      "time",
      "rain",
      "cloud",
    ]);
    expect(tokenize("  ...  ")).toEqual([]);
    expect(tokenize("emoji 🌧️ between")).toEqual(["emoji", "between"]);
  });

  it("strips diacritics, composed or decomposed, and folds compatibility forms", () => {
    expect(fold("Crème Brûlée")).toBe("creme brulee");
    expect(tokenize("naïve")).toEqual(["naive"]);
    expect(tokenize("nai\u0308ve")).toEqual(["naive"]);
    expect(tokenize("Ｆｕｌｌｗｉｄｔｈ ﬁsh")).toEqual(["fullwidth", "fish"]);
    expect(tokenize("Ångström São Paulo")).toEqual(["angstrom", "sao", "paulo"]);
  });

  it("keeps non-Latin scripts whole", () => {
    expect(tokenize("Привет, Мир")).toEqual(["привет", "мир"]);
    expect(tokenize("日記 を書く")).toEqual(["日記", "を書く"]);
    expect(tokenize("Ελληνικά")).toEqual(["ελληνικα"]);
  });

  it("gives word positions in the original text", () => {
    const text = "Le Café, très ½ plein";
    const spans = [...wordSpans(text)].map((w) => [text.slice(w.start, w.end), w.tokens]);
    expect(spans).toEqual([
      ["Le", ["le"]],
      ["Café", ["cafe"]],
      ["très", ["tres"]],
      ["½", ["1", "2"]],
      ["plein", ["plein"]],
    ]);
  });
});
