import type { Entry } from "@meridian/core";
import { contentFromEntry, type EntryContent, normalizeTag, sameContent } from "./content";

export type ConflictChoice = "mine" | "theirs" | "both";

export const BOTH_DIVIDER_LABEL = "Version saved elsewhere";

/** Both texts, mine first, then a clearly marked divider and the version saved elsewhere. */
export function keepBothBody(mine: string, theirs: string, theirRevision: number): string {
  const top = mine.replace(/\s+$/u, "");
  const bottom = theirs.replace(/^\s+/u, "");
  return `${top}\n\n---\n\n**${BOTH_DIVIDER_LABEL} (revision ${theirRevision}):**\n\n${bottom}`;
}

function unionTags(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of [...a, ...b]) {
    const n = normalizeTag(t);
    if (n !== "" && !out.includes(n)) out.push(n);
  }
  return out;
}

/** The content to save after the writer picked how to settle a 409. Never drops text silently:
 * "mine" and "theirs" are explicit choices; "both" keeps every word of each. */
export function resolveConflict(mine: EntryContent, theirs: Entry, choice: ConflictChoice): EntryContent {
  const their = contentFromEntry(theirs);
  switch (choice) {
    case "mine":
      return { ...mine };
    case "theirs":
      return their;
    case "both": {
      const titles = [mine.title.trim(), their.title.trim()].filter((t) => t !== "");
      const title =
        titles[0] === titles[1] || titles.length < 2 ? (titles[0] ?? "") : `${titles[0]} / ${titles[1]}`;
      return {
        title: title.slice(0, 200),
        body: sameBody(mine.body, their.body)
          ? mine.body
          : keepBothBody(mine.body, their.body, theirs.revision),
        tags: unionTags(mine.tags, their.tags).slice(0, 30),
        promptId: mine.promptId ?? their.promptId,
        promptText: mine.promptId ? mine.promptText : their.promptText,
      };
    }
  }
}

function sameBody(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/** A 409 only needs the writer when the two versions really differ. */
export function conflictNeedsChoice(mine: EntryContent, theirs: Entry): boolean {
  return !sameContent(mine, contentFromEntry(theirs));
}
