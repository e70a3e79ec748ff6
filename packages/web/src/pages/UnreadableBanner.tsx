import type { UnreadableEntry } from "@meridian/core";
import { unreadableHeadline } from "../journal/unreadable";
import { dayHeading } from "../lib/dates";

/** Under the journal heading when entries could not be decrypted: how many, and each one's
 * date and id (what the server log and an export's error records name). */
export function UnreadableBanner({ items }: { items: readonly UnreadableEntry[] }) {
  if (items.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="unreadable-banner">
      <p className="flush-top">
        {unreadableHeadline(items.length)}. Every other entry is shown; a backup or an earlier export may
        still hold {items.length === 1 ? "it" : "them"}.
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
