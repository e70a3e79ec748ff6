import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/** A warm, dim bedtime theme: soft parchment text on deep brown, amber accents, no pure white. */
const bedtime = EditorView.theme(
  {
    "&": {
      color: "#ddd2bf",
      backgroundColor: "transparent",
      fontSize: "1.08rem",
    },
    ".cm-content": {
      fontFamily: 'ui-serif, "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif", serif',
      lineHeight: "1.8",
      padding: "1.1rem 0",
      caretColor: "#e8c98d",
      maxWidth: "42rem",
    },
    ".cm-line": { padding: "0 1.4rem" },
    "&.cm-focused": { outline: "none" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: "#e8c98d", borderLeftWidth: "2px" },
    "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
      { backgroundColor: "#4a3a26 !important" },
    ".cm-activeLine": { backgroundColor: "rgba(217, 183, 121, 0.04)" },
    ".cm-placeholder": { color: "#8a7e70", fontStyle: "italic" },
    ".cm-scroller": { fontFamily: "inherit" },
  },
  { dark: true },
);

const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontSize: "1.35em", fontWeight: "500", color: "#ede3d1" },
  { tag: t.heading2, fontSize: "1.2em", fontWeight: "500", color: "#ede3d1" },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: "600", color: "#ede3d1" },
  { tag: t.emphasis, fontStyle: "italic", color: "#e6d6b8" },
  { tag: t.strong, fontWeight: "700", color: "#ede3d1" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: t.link, color: "#d9b779", textDecoration: "underline" },
  { tag: t.url, color: "#b9a27a" },
  { tag: t.quote, color: "#b9ad9b", fontStyle: "italic" },
  { tag: t.monospace, fontFamily: "ui-monospace, Menlo, Consolas, monospace", color: "#c9bda6" },
  { tag: [t.processingInstruction, t.meta], color: "#9a8c79" },
  { tag: t.list, color: "#d9b779" },
  { tag: t.contentSeparator, color: "#9a8c79" },
]);

export const bedtimeTheme = [bedtime, syntaxHighlighting(markdownHighlight)];
