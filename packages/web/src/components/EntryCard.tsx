import type { Entry } from "@meridian/core";
import type { ReactNode } from "react";
import { timeOfDay } from "../lib/dates";
import { Link } from "../router/router";

/** Plain-text excerpt of Markdown: markup characters dropped, rendered as a text node (never HTML). */
export function excerpt(markdown: string, max = 220): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")}…` : text;
}

export function EntryCard({
  entry,
  timeZone,
  children,
}: {
  entry: Entry;
  timeZone: string;
  children?: ReactNode;
}) {
  const title = entry.title?.trim() || "Untitled entry";
  return (
    <Link to={`/entries/${encodeURIComponent(entry.id)}`} className="entry-card" data-entry-id={entry.id}>
      <h3>{title}</h3>
      {entry.promptText && <p className="prompt-line">{entry.promptText}</p>}
      {children ?? (
        <p className="excerpt">{excerpt(entry.body) || <span className="muted">(no text yet)</span>}</p>
      )}
      <div className="meta">
        <span>{timeOfDay(entry.createdAt, entry.timeZone || timeZone)}</span>
        <span>
          {entry.wordCount} {entry.wordCount === 1 ? "word" : "words"}
        </span>
        {entry.tags.length > 0 && (
          <span className="chips">
            {entry.tags.map((t) => (
              <span className="chip" key={t}>
                #{t}
              </span>
            ))}
          </span>
        )}
      </div>
    </Link>
  );
}
