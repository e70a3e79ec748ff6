/** One rewrite, applied only when `needed` says the text could contain a match: each is a
 * cheap scan, and most entries contain none of the syntax most rules look for (the index
 * strips every entry when it is built, and every hit's body again for its snippet). */
interface Rule {
  needed: (text: string) => boolean;
  pattern: RegExp;
  replacement: string;
}

const has =
  (...needles: string[]) =>
  (text: string) =>
    needles.some((n) => text.includes(n));
const test = (re: RegExp) => (text: string) => re.test(text);

const RULES: Rule[] = [
  { needed: has("\r"), pattern: /\r\n?/g, replacement: "\n" },
  { needed: has("```", "~~~"), pattern: /^\s*(```|~~~).*$/gm, replacement: " " }, // code fences (keep the code)
  { needed: has("]("), pattern: /!\[([^\]]*)\]\([^)]*\)/g, replacement: "$1" }, // images → alt text
  { needed: has("]("), pattern: /\[([^\]]*)\]\([^)]*\)/g, replacement: "$1" }, // inline links → text
  { needed: has("]["), pattern: /\[([^\]]*)\]\[[^\]]*\]/g, replacement: "$1" }, // reference links → text
  { needed: has("]:"), pattern: /^\s*\[[^\]]+\]:\s*\S+.*$/gm, replacement: " " }, // link definitions
  { needed: has("<"), pattern: /<(https?:\/\/[^>\s]+)>/g, replacement: "$1" }, // autolinks
  { needed: has("<"), pattern: /<\/?[a-zA-Z][^>]*>/g, replacement: " " }, // HTML tags
  { needed: has("#"), pattern: /^\s{0,3}#{1,6}\s+/gm, replacement: "" }, // headings
  { needed: has(">"), pattern: /^\s{0,3}>\s?/gm, replacement: "" }, // block quotes
  {
    needed: test(/[-*+]|\d[.)]/),
    pattern: /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm,
    replacement: "",
  }, // list items, task boxes
  {
    needed: has("---", "***", "___", "==="),
    pattern: /^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$/gm,
    replacement: " ",
  }, // rules, setext underlines
  { needed: has("*", "__", "~~", "`"), pattern: /(\*\*|__|~~|\*|`+)/g, replacement: "" }, // emphasis, strike, inline code
  {
    needed: has("_"),
    pattern: /(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu,
    replacement: "$1",
  }, // _emphasis_ but not snake_case
  { needed: has("|"), pattern: /\s*\|\s*/g, replacement: " " }, // table pipes
  // Collapse whitespace runs to one space (a lone " " is already collapsed).
  { needed: () => true, pattern: /\s{2,}|[^\S ]/g, replacement: " " },
];

/** Markdown → plain text for search snippets and indexing. Not a full parser: it removes
 * the syntax a journal uses (headings, emphasis, links, images, code, lists, quotes, HTML). */
export function stripMarkdown(markdown: string): string {
  let text = markdown;
  for (const rule of RULES) if (rule.needed(text)) text = text.replace(rule.pattern, rule.replacement);
  return text.trim();
}
