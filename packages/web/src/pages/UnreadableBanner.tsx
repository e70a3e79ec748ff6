import type { UnreadableRecordInfo } from "@meridian/core";
import { UNREADABLE_NOUNS, type UnreadableNoun, unreadableHeadline } from "../journal/unreadable";
import { dayHeading } from "../lib/dates";

interface Props {
  items: readonly UnreadableRecordInfo[] | undefined;
  /** What the list holds (entries unless told). */
  noun?: UnreadableNoun;
  /** One line ("1 preset could not be decrypted"), for panels; the ids are in its tooltip. */
  compact?: boolean;
}

/** Above a list when some of its records could not be decrypted: how many, and (unless compact)
 * each one's date and id (what the server log and an export's error records name). */
export function UnreadableBanner({ items, noun = UNREADABLE_NOUNS.entry, compact = false }: Props) {
  if (!items || items.length === 0) return null;
  const headline = unreadableHeadline(items.length, noun);
  if (compact) {
    return (
      <p
        className="error-text small"
        role="status"
        data-testid="unreadable-notice"
        title={items.map((u) => `${u.date} ${u.id}`).join("\n")}
      >
        {headline}; every other {noun.one} is shown.
      </p>
    );
  }
  return (
    <div className="alert alert-error" role="alert" data-testid="unreadable-banner">
      <p className="flush-top">
        {headline}. Every other {noun.one} is shown; a backup or an earlier export may still hold{" "}
        {items.length === 1 ? "it" : "them"}.
      </p>
      <ul className="small">
        {items.map((u) => (
          <li key={u.id}>
            {dayHeading(u.date)} ({u.date}), id <code>{u.id}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
