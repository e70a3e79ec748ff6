import { randomBytes } from "node:crypto";
import type { MediaUsed } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { openMedia, sealMedia } from "./field-codec";
import { UserKey } from "./keys";

describe("media names inside a session", () => {
  it("seals every kind's name and title (and opens them back), leaving ids and addresses", () => {
    const key = new UserKey("u1", randomBytes(32));
    const media: MediaUsed[] = [
      { kind: "preset", presetId: "p1", name: "After the funeral" },
      { kind: "mix", name: null },
      { kind: "own-audio", audioId: "a1", name: "Mum's voice memo" },
      { kind: "video", url: "https://example.org/v", title: "Rain at night" },
      { kind: "own-video", mediaId: "v1", name: "Our garden" },
    ];
    const sealed = sealMedia(key, "s1", media);
    const text = JSON.stringify(sealed);
    for (const words of ["After the funeral", "Mum's voice memo", "Rain at night", "Our garden"]) {
      expect(text).not.toContain(words);
    }
    expect(sealed[0]).toMatchObject({ kind: "preset", presetId: "p1", name: expect.stringMatching(/^m1\./) });
    expect(sealed[1]).toEqual({ kind: "mix", name: null });
    expect(sealed[3]).toMatchObject({ url: "https://example.org/v" });
    expect(openMedia(key, "s1", sealed)).toEqual(media);
    // Bound to the session and the position in the list.
    expect(() => openMedia(key, "s2", sealed)).toThrow();
    expect(() => openMedia(key, "s1", [...sealed].reverse())).toThrow();
  });
});
