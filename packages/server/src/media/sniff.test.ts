import { describe, expect, it } from "vitest";
import { linkDetails } from "./links";
import { sniffAudio, sniffVideo } from "./sniff";

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === "string" ? [...p].map((ch) => ch.charCodeAt(0)) : p));
  while (out.length < 64) out.push(0);
  return new Uint8Array(out);
};

function oggPage(codecHeader: string): Uint8Array {
  const header = [..."OggS"].map((ch) => ch.charCodeAt(0));
  const page = [...header, 0, 2, ...new Array(20).fill(0), 1, codecHeader.length];
  return bytes(page, codecHeader);
}

describe("sniffAudio (by content)", () => {
  it("recognises each accepted container", () => {
    expect(sniffAudio(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))?.format).toBe("wav");
    expect(sniffAudio(bytes("ID3", [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64]))?.format).toBe("mp3");
    expect(sniffAudio(bytes([0xff, 0xfb, 0x90, 0x64])))?.toMatchObject({
      format: "mp3",
      contentType: "audio/mpeg",
    });
    expect(sniffAudio(oggPage("OpusHead"))?.format).toBe("opus");
    expect(sniffAudio(oggPage("\u0001vorbis"))?.format).toBe("ogg");
    expect(sniffAudio(bytes("fLaC", [0, 0, 0, 34])))?.toMatchObject({
      format: "flac",
      contentType: "audio/flac",
    });
    expect(sniffAudio(bytes([0, 0, 0, 24], "ftypM4A ", [0, 0, 0, 0], "M4A isom"))?.format).toBe("m4a");
    expect(sniffAudio(bytes([0xff, 0xf1, 0x50, 0x80])))?.toMatchObject({ format: "aac" });
  });

  it("refuses what is not audio, whatever it is called", () => {
    expect(
      sniffAudio(new TextEncoder().encode("ID4 just some notes about tonight's rain\n".repeat(4))),
    ).toBeNull();
    expect(sniffAudio(bytes([0x89], "PNG\r\n"))).toBeNull();
    expect(sniffAudio(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffAudio(bytes([0, 0, 0, 24], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toBeNull();
    expect(sniffAudio(oggPage("\u0080theora"))).toBeNull();
    expect(sniffAudio(new Uint8Array(0))).toBeNull();
  });
});

describe("video links", () => {
  it("rewrites YouTube links to the privacy-enhanced embed", () => {
    expect(linkDetails("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=x")).toEqual({
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=x",
      embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      provider: "youtube",
    });
    expect(linkDetails("https://youtu.be/dQw4w9WgXcQ?t=1m30s").embedUrl).toBe(
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90",
    );
    expect(linkDetails("https://m.youtube.com/shorts/dQw4w9WgXcQ").embedUrl).toBe(
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    );
    expect(linkDetails("https://vimeo.com/123")).toEqual({
      url: "https://vimeo.com/123",
      embedUrl: null,
      provider: "other",
    });
    expect(linkDetails("https://www.youtube.com/feed/trending").provider).toBe("other");
  });
});

describe("sniffVideo", () => {
  const ftyp = (brand: string) => {
    const b = new Uint8Array(32);
    b.set([0, 0, 0, 24]);
    b.set(new TextEncoder().encode(`ftyp${brand}`), 4);
    return b;
  };
  it("takes MP4, MOV and WebM by content and refuses audio-only MP4 and text", () => {
    expect(sniffVideo(ftyp("isom"))).toEqual({ format: "mp4", contentType: "video/mp4" });
    expect(sniffVideo(ftyp("qt  "))).toEqual({ format: "mov", contentType: "video/quicktime" });
    expect(sniffVideo(ftyp("M4A "))).toBeNull();
    const webm = new Uint8Array(40);
    webm.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]);
    webm.set(new TextEncoder().encode("webm"), 8);
    expect(sniffVideo(webm)).toEqual({ format: "webm", contentType: "video/webm" });
    expect(sniffVideo(new TextEncoder().encode("just some words, not a video at all"))).toBeNull();
  });
});
