import { TagSchema } from "@meridian/core";
import { type KeyboardEvent, useId, useState } from "react";

interface Props {
  tags: string[];
  onChange(tags: string[]): void;
}

/** Tag chips: Enter or comma adds, Backspace on an empty field removes the last, × removes one. */
export function TagsInput({ tags, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  function add(raw: string): boolean {
    const value = raw.trim();
    if (value === "") return true;
    const parsed = TagSchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Not a valid tag");
      return false;
    }
    setError(null);
    if (tags.length >= 30) {
      setError("Up to 30 tags per entry");
      return false;
    }
    if (!tags.includes(parsed.data)) onChange([...tags, parsed.data]);
    return true;
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      if (add(text)) setText("");
    } else if (e.key === "Backspace" && text === "" && tags.length > 0) {
      e.preventDefault();
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div>
      <div className="tags-input">
        <label htmlFor={`${id}-tag`} className="visually-hidden">
          Add a tag
        </label>
        <ul className="chips" aria-label="Tags">
          {tags.map((t) => (
            <li className="chip" key={t}>
              #{t}
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => onChange(tags.filter((x) => x !== t))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={`${id}-tag`}
          type="text"
          value={text}
          placeholder={tags.length === 0 ? "Add tags — Enter or comma to add" : "Add tag"}
          onChange={(e) => {
            const v = e.target.value;
            if (v.includes(",")) {
              const parts = v.split(",");
              const rest = parts.pop() ?? "";
              let ok = true;
              for (const p of parts) ok = add(p) && ok;
              setText(ok ? rest : v.replace(/,/g, ""));
            } else {
              setText(v);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (text.trim() && add(text)) setText("");
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          autoComplete="off"
        />
      </div>
      {error && (
        <p className="error-text small tag-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
