import type { SearchHit } from "@meridian/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { errorMessage } from "../api/errors";
import { useUser } from "../app/auth";
import { EntryCard } from "../components/EntryCard";
import { Highlighted } from "../components/Highlighted";
import { Empty, ErrorNote, Loading } from "../components/Status";
import { dayHeading } from "../lib/dates";
import { navigate, useLocation } from "../router/router";

export function SearchPage() {
  const user = useUser();
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const [text, setText] = useState(q);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    setText(q);
    if (q.trim() === "") {
      setHits(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    api
      .search(q.trim())
      .then((r) => live && setHits(r.hits))
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = text.trim();
    navigate(v ? `/search?q=${encodeURIComponent(v)}` : "/search", { replace: q !== "" });
  }

  return (
    <div className="prose-width">
      <h1>Search</h1>
      <search>
        <form className="search-form" onSubmit={submit}>
          <label htmlFor="search-q" className="visually-hidden">
            Search your journal
          </label>
          <input
            ref={inputRef}
            id="search-q"
            type="search"
            placeholder="A word, a feeling, a sound…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn-primary">
            Search
          </button>
        </form>
      </search>
      <div aria-live="polite">
        {error && <ErrorNote>{error}</ErrorNote>}
        {loading && <Loading label="Searching…" />}
        {!loading && hits && hits.length === 0 && (
          <Empty>
            <p>Nothing found for “{q}”. Try a shorter word or a different spelling.</p>
          </Empty>
        )}
        {!loading && hits && hits.length > 0 && (
          <p className="muted">
            {hits.length} {hits.length === 1 ? "entry" : "entries"} found
          </p>
        )}
        {!q && (
          <p className="muted">
            Search titles, text and tags of every entry. Partial words and small typos are fine.
          </p>
        )}
      </div>
      {!loading && hits && (
        <ul className="entry-list search-results">
          {hits.map((h) => (
            <li key={h.entry.id}>
              <p className="muted small otd-year">{dayHeading(h.entry.localDate)}</p>
              <EntryCard entry={h.entry} timeZone={user.timeZone}>
                <p className="hit-snippet">
                  <Highlighted text={h.snippet} ranges={h.highlights} />
                </p>
              </EntryCard>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
