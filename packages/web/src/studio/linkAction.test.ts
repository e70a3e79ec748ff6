import { describe, expect, it } from "vitest";
import { linkAction, UNUSABLE_LINK } from "./linkAction";

describe("what a saved link offers", () => {
  it("plays the youtube-nocookie embed, or opens an https link in a new tab", () => {
    expect(
      linkAction({
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42",
      }),
    ).toEqual({ kind: "embed", src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42" });
    expect(linkAction({ url: "https://example.org/talk", embedUrl: null })).toEqual({
      kind: "open",
      href: "https://example.org/talk",
    });
  });

  it("offers nothing to open for a link the server marks unusable or that is not https", () => {
    expect(linkAction({ url: null, embedUrl: null })).toEqual({ kind: "unusable" });
    // What an older server could still send for a row written by an early import.
    expect(linkAction({ url: "javascript:alert(1)", embedUrl: "https://evil.example/" })).toEqual({
      kind: "unusable",
    });
    expect(linkAction({ url: "https://example.org/", embedUrl: "https://evil.example/" })).toEqual({
      kind: "open",
      href: "https://example.org/",
    });
    expect(linkAction({ url: "data:text/html,hi", embedUrl: null })).toEqual({ kind: "unusable" });
    expect(linkAction({ url: "http://example.org/", embedUrl: null })).toEqual({ kind: "unusable" });
    expect(UNUSABLE_LINK).toBe("This link can't be opened");
  });
});
