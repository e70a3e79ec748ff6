import {
  PROMPT_CATEGORIES,
  type Prompt,
  type PromptCategory,
  type UnreadableRecordInfo,
} from "@meridian/core";
import { type FormEvent, useEffect, useId, useState } from "react";
import { api } from "../api/client";
import { errorMessage } from "../api/errors";
import { UNREADABLE_NOUNS } from "../journal/unreadable";
import { UnreadableBanner } from "../pages/UnreadableBanner";

interface Props {
  promptId: string | null;
  promptText: string | null;
  onPick(prompt: Prompt | null): void;
}

const LABELS: Record<PromptCategory, string> = {
  mindfulness: "Mindfulness",
  catharsis: "Catharsis",
  "self-discovery": "Self-discovery",
  sensations: "Sensations in the body",
  gratitude: "Gratitude",
  sleep: "Sleep wind-down",
};

/** Pick a writing prompt by category, shuffle, write without one, or add your own. */
export function PromptPicker({ promptId, promptText, onPick }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<PromptCategory | "">("");
  const [prompts, setPrompts] = useState<Prompt[] | null>(null);
  const [unreadable, setUnreadable] = useState<UnreadableRecordInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [ownText, setOwnText] = useState("");
  const [ownCategory, setOwnCategory] = useState<PromptCategory>("mindfulness");

  useEffect(() => {
    if (!open) return;
    let live = true;
    setPrompts(null);
    api
      .prompts(category || undefined)
      .then((r) => {
        if (!live) return;
        setPrompts(r.prompts);
        setUnreadable(r.unreadable ?? []);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [open, category]);

  async function shuffle() {
    setError(null);
    try {
      onPick(await api.randomPrompt(category || undefined, promptId ?? undefined));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function addOwn(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const text = ownText.trim();
    if (text.length < 3) {
      setError("A prompt needs at least 3 characters.");
      return;
    }
    try {
      const p = await api.createPrompt(ownCategory, text);
      setOwnText("");
      setPrompts((prev) => (prev ? [...prev, p] : prev));
      onPick(p);
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="prompt-box chrome" aria-label="Writing prompt">
      {promptId ? (
        <p className="prompt-text" data-testid="prompt-text">
          {promptText ?? "Prompt chosen"}
        </p>
      ) : (
        <p className="muted small prompt-none">Writing without a prompt.</p>
      )}
      <div className="prompt-controls">
        <label htmlFor={`${id}-cat`} className="visually-hidden">
          Prompt category
        </label>
        <select
          id={`${id}-cat`}
          value={category}
          onChange={(e) => setCategory(e.target.value as PromptCategory | "")}
        >
          <option value="">Any category</option>
          {PROMPT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {LABELS[c]}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-small" onClick={() => void shuffle()}>
          {promptId ? "Shuffle" : "Give me a prompt"}
        </button>
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Close list" : "Browse prompts"}
        </button>
        {promptId && (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => onPick(null)}>
            Write without a prompt
          </button>
        )}
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div>
          <UnreadableBanner items={unreadable} noun={UNREADABLE_NOUNS.prompt} compact />
          {prompts === null ? (
            <p className="muted small">Loading prompts…</p>
          ) : prompts.length === 0 ? (
            <p className="muted small">No prompts in this category yet. Add your own below.</p>
          ) : (
            <ul className="prompt-list">
              {prompts.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    aria-current={p.id === promptId ? "true" : undefined}
                    onClick={() => {
                      onPick(p);
                      setOpen(false);
                    }}
                  >
                    {p.text}
                    <span className="muted small">
                      {" "}
                      · {LABELS[p.category]}
                      {p.builtIn ? "" : " · yours"}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className="row after-card" onSubmit={addOwn}>
            <label htmlFor={`${id}-own`} className="visually-hidden">
              Your own prompt
            </label>
            <input
              id={`${id}-own`}
              type="text"
              className="grow"
              placeholder="Add your own prompt…"
              value={ownText}
              maxLength={500}
              onChange={(e) => setOwnText(e.target.value)}
            />
            <label htmlFor={`${id}-owncat`} className="visually-hidden">
              Category for your prompt
            </label>
            <select
              id={`${id}-owncat`}
              className="auto"
              value={ownCategory}
              onChange={(e) => setOwnCategory(e.target.value as PromptCategory)}
            >
              {PROMPT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {LABELS[c]}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-small">
              Add prompt
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
