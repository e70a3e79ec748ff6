/** Markdown → plain text for search snippets and indexing. Not a full parser: it removes
 * the syntax a journal uses (headings, emphasis, links, images, code, lists, quotes, HTML). */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*(```|~~~).*$/gm, " ") // code fences (keep the code)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images → alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // inline links → text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1") // reference links → text
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, " ") // link definitions
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1") // autolinks
    .replace(/<\/?[a-zA-Z][^>]*>/g, " ") // HTML tags
    .replace(/^\s{0,3}#{1,6}\s+/gm, "") // headings
    .replace(/^\s{0,3}>\s?/gm, "") // block quotes
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm, "") // list items, task boxes
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$/gm, " ") // rules, setext underlines
    .replace(/(\*\*|__|~~|\*|`+)/g, "") // emphasis, strike, inline code
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, "$1") // _emphasis_ but not snake_case
    .replace(/\s*\|\s*/g, " ") // table pipes
    .replace(/\s+/g, " ")
    .trim();
}
