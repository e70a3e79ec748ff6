/**
 * Turns written text (Markdown, bits of HTML, links, emoji) into plain prose a voice can read.
 * Pure. Right-to-left and other non-Latin text is kept as it is (the engine decides what it can
 * say); only the invisible direction marks are dropped.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

/** A few emoji read as a word; every other pictograph is dropped. */
const EMOJI_WORDS: Record<string, string> = {
  "❤": "heart",
  "♥": "heart",
  "😊": "smile",
  "🙂": "smile",
  "😀": "smile",
  "😄": "smile",
  "😢": "tears",
  "😭": "tears",
  "😴": "sleepy",
  "🌧": "rain",
  "☔": "rain",
  "🌙": "moon",
  "⭐": "star",
  "🌟": "star",
  "☀": "sun",
  "🌊": "waves",
  "🔥": "fire",
  "☕": "tea",
  "🍵": "tea",
  "🌸": "blossom",
  "🌿": "leaves",
  "👍": "thumbs up",
  "🙏": "thank you",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function shortUrl(url: string): string {
  const host = url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/^www\./i, "")
    .split(/[/?#:]/)[0];
  return host ? `a link to ${host}` : "a link";
}

function speakEmoji(s: string): string {
  return s
    .replace(/[\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu, "")
    .replace(/\p{Extended_Pictographic}+/gu, (run) => {
      const words: string[] = [];
      for (const ch of run) {
        const w = EMOJI_WORDS[ch];
        if (w && words[words.length - 1] !== w) words.push(w);
      }
      return words.length > 0 ? ` ${words.join(" ")} ` : " ";
    })
    .replace(/[\u{1F1E6}-\u{1F1FF}]/gu, "");
}

/** Markdown block syntax per line; a heading or list item becomes its own sentence. */
function stripMarkdownLine(line: string): string {
  let s = line.trim();
  let block = false;
  if (/^(#{1,6})\s+/.test(s)) {
    s = s.replace(/^#{1,6}\s+/, "").replace(/\s+#+\s*$/, "");
    block = true;
  }
  if (/^(?:[-*+]|\d{1,3}[.)])\s+/.test(s)) {
    s = s.replace(/^(?:[-*+]|\d{1,3}[.)])\s+/, "");
    block = true;
  }
  s = s.replace(/^(?:>\s?)+/, "");
  if (/^(?:[-*_]\s*){3,}$/.test(s) || /^\|?[\s:|-]+\|?$/.test(s)) return "";
  s = s.replace(/\|/g, ", ");
  if (block && s !== "" && !/[.!?…:;,"'”’)]$/.test(s)) s += ".";
  return s;
}

export function normaliseForSpeech(text: string): string {
  let s = text.replace(/\r\n?/g, "\n");
  s = s.replace(/```[^\n]*\n?/g, "\n");
  s = s.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ");
  s = s.replace(/<!--[\s\S]*?-->/g, " ");
  s = s.replace(/<\/?(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>/gi, "\n\n");
  s = s.replace(/<[a-z/!][^>]*>/gi, " ");
  s = decodeEntities(s);
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1");
  s = s.replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, "$1");
  s = s.replace(/\b(?:https?|ftp):\/\/[^\s<>"')\]]+/gi, (u) => shortUrl(u));
  s = s.replace(/\bwww\.[^\s<>"')\]]+/gi, (u) => shortUrl(u));
  s = s.replace(/[\u{200E}\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{061C}]/gu, "");
  s = speakEmoji(s);
  const paragraphs = s.split(/\n\s*\n/);
  const lines = paragraphs.map((p) => {
    const joined = p
      .split("\n")
      .map(stripMarkdownLine)
      .filter((l) => l !== "")
      .join(" ");
    return joined !== "" && !/[.!?…:;,"'”’)\]]$/.test(joined) && /[\p{L}\p{N}]/u.test(joined)
      ? `${joined}.`
      : joined;
  });
  s = lines.filter((l) => l !== "").join(" ");
  s = s.replace(/(\*\*|__|~~|`)/g, "");
  s = s.replace(/(^|[\s(])[*_]([^\s*_][^*_]*?)[*_](?=[\s.,;:!?)]|$)/g, "$1$2");
  s = s.replace(/[\p{Cc}\p{Cf}]/gu, " ");
  s = s.replace(/\s+/g, " ").trim();
  return s;
}
