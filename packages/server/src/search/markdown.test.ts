import { describe, expect, it } from "vitest";
import { stripMarkdown } from "./markdown";

describe("stripMarkdown", () => {
  it("removes journal Markdown syntax and keeps the words", () => {
    const md = [
      "# Morning *pages*",
      "",
      "> A **quiet** start, see [the notes](https://example.com/x) and ![a cat](cat.png).",
      "- [x] tea",
      "1. `listen` to ~~traffic~~ rain",
      "```js",
      "const snake_case = 1;",
      "```",
      "_soft_ <b>hum</b>",
    ].join("\n");
    expect(stripMarkdown(md)).toBe(
      "Morning pages A quiet start, see the notes and a cat. tea listen to traffic rain const snake_case = 1; soft hum",
    );
  });

  it("leaves plain text alone", () => {
    expect(stripMarkdown("Just words, nothing else.")).toBe("Just words, nothing else.");
  });
});
