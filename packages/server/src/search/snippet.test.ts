import { describe, expect, it } from "vitest";
import { makeSnippet, SNIPPET_LENGTH } from "./snippet";

function highlighted(s: { text: string; highlights: [number, number][] }): string[] {
  return s.highlights.map(([a, b]) => s.text.slice(a, b));
}

describe("makeSnippet", () => {
  it("highlights every occurrence of matched terms in a short text", () => {
    const s = makeSnippet("Rain on the roof. More rain, then Rainbows.", ["rain", "rainbows"]);
    expect(s.text).toBe("Rain on the roof. More rain, then Rainbows.");
    expect(highlighted(s)).toEqual(["Rain", "rain", "Rainbows"]);
  });

  it("centres a window on the first match deep in a long text", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(20);
    const text = `${filler}the kettle whistled softly ${filler}`;
    const s = makeSnippet(text, ["kettle"]);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(highlighted(s)).toEqual(["kettle"]);
    // cut at word boundaries
    expect(s.text.slice(1, 2)).not.toBe(" ");
    expect(s.text).toMatch(/^…\S/);
  });

  it("falls back to the start of the text without matches", () => {
    const s = makeSnippet("a ".repeat(200), ["zzz"]);
    expect(s.highlights).toEqual([]);
    expect(s.text.startsWith("a a")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
  });

  it("matches whole tokens only", () => {
    const s = makeSnippet("seasons and sea", ["sea"]);
    expect(s.highlights).toEqual([[12, 15]]);
  });
});
