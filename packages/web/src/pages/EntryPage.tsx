import { countWords, type Prompt } from "@meridian/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useUser } from "../app/auth";
import { Empty, ErrorNote, Loading } from "../components/Status";
import { MarkdownEditor } from "../editor/MarkdownEditor";
import { MergeView } from "../editor/MergeView";
import { Preview } from "../editor/Preview";
import { PromptPicker } from "../editor/PromptPicker";
import { SaveStatus } from "../editor/SaveStatus";
import { TagsInput } from "../editor/TagsInput";
import { EMPTY_CONTENT, type EntryContent } from "../journal/content";
import { deletions } from "../journal/deletions";
import { useEntrySession } from "../journal/useEntrySession";
import { dayHeading, todayIn } from "../lib/dates";
import { Link, navigate, replaceUrlQuietly } from "../router/router";
import { entryToRead, ReadBackButton } from "../voice/ReadBackButton";
import { entryExportUrl } from "../your-data/data-api";
import { DeleteEntryButton } from "./DeleteEntryButton";

function useFocusMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle("focus-mode", on);
    return () => document.documentElement.classList.remove("focus-mode");
  }, [on]);
  return [on, setOn];
}

function onNewEntryPage(): boolean {
  return window.location.pathname === "/entries/new";
}

export function EntryPage(props: { entryId: string | null; clientId: string | null }) {
  // The session moves the URL itself (new → ?draft= → /entries/:id); the page keeps its first target.
  const [{ entryId, clientId }] = useState(props);
  const user = useUser();
  const session = useEntrySession(
    { entryId, clientId },
    {
      // Only while the writer is still on this new entry: a first save that lands after they
      // navigated elsewhere must not pull them back.
      onClientId: (id) => {
        if (onNewEntryPage()) replaceUrlQuietly(`/entries/new?draft=${encodeURIComponent(id)}`);
      },
      onCreated: (id) => {
        if (onNewEntryPage()) replaceUrlQuietly(`/entries/${encodeURIComponent(id)}`);
      },
    },
  );
  const [content, setContent] = useState<EntryContent>(EMPTY_CONTENT);
  const contentRef = useRef(content);
  const [preview, setPreview] = useState(false);
  const [focus, setFocus] = useFocusMode();
  const { edit, contentVersion } = session;
  const seeded = session.content;

  // Take the session's text when it (re)seeds the editor: load, restore, conflict resolution.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version re-seeds
  useEffect(() => {
    contentRef.current = seeded;
    setContent(seeded);
  }, [contentVersion]);

  const update = useCallback(
    (patch: Partial<EntryContent>) => {
      const next = { ...contentRef.current, ...patch };
      contentRef.current = next;
      setContent(next);
      edit(next);
    },
    [edit],
  );
  const onBody = useCallback((body: string) => update({ body }), [update]);

  const flushNow = session.retry;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === "Escape" && focus) {
        setFocus(false);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "f") {
        e.preventDefault();
        setFocus(!focus);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "p") {
        e.preventDefault();
        setPreview((p) => !p);
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        flushNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focus, setFocus, flushNow]);

  if (session.phase === "loading") return <Loading label="Opening your entry…" />;
  if (session.phase === "missing") {
    return (
      <Empty>
        <p>This entry doesn't exist, or it belongs to someone else.</p>
        <Link to="/journal" className="btn">
          Back to the journal
        </Link>
      </Empty>
    );
  }
  if (session.phase === "error") {
    return <ErrorNote>Could not open this entry: {session.loadError}</ErrorNote>;
  }

  const conflict = session.save?.status === "conflict" ? session.save.conflict : null;
  const words = countWords(content.body);
  const date = session.entry?.localDate ?? todayIn(user.timeZone);

  return (
    <div className="editor-page">
      {focus && (
        <div className="focus-exit">
          <SaveStatus
            state={session.save}
            hasServerCopy={session.save?.entryId != null}
            onRetry={session.retry}
          />
          <button type="button" className="btn btn-small" onClick={() => setFocus(false)}>
            Leave focus (Esc)
          </button>
        </div>
      )}
      <div className="editor-toolbar chrome">
        <SaveStatus
          state={session.save}
          hasServerCopy={session.save?.entryId != null}
          onRetry={session.retry}
        />
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={preview}
          onClick={() => setPreview(!preview)}
        >
          Preview
        </button>
        <button type="button" className="btn btn-small" aria-pressed={focus} onClick={() => setFocus(true)}>
          Distraction-free
        </button>
        <ReadBackButton text={() => entryToRead(contentRef.current)} />
        {session.save?.entryId != null && (
          <a
            className="btn btn-small"
            href={entryExportUrl(session.save.entryId)}
            download
            title="Download the saved entry as a Markdown file"
          >
            Export as Markdown
          </a>
        )}
        {session.save?.entryId != null && (
          <DeleteEntryButton
            onConfirm={() => {
              const id = session.save?.entryId;
              if (!id) return;
              // Leaving closes the editor, which flushes any pending save; the deletion waits for it.
              const firstLine = content.body.trim().split("\n")[0]?.slice(0, 60) ?? "";
              deletions.schedule(id, content.title.trim() || firstLine || "Untitled");
              navigate("/journal");
            }}
          />
        )}
      </div>
      {session.notice && (
        <p className="alert alert-info chrome" role="status" data-testid="restore-notice">
          {session.notice}
        </p>
      )}
      {session.storage === "memory" && (
        <p className="alert alert-error chrome">
          This browser won't let Meridian keep a local copy. Your words are saved to the server only.
        </p>
      )}
      {conflict && (
        <MergeView
          mine={content}
          theirs={conflict.theirs}
          onResolve={(choice, edited) => session.resolve(choice, edited)}
        />
      )}
      <div hidden={conflict !== null}>
        <p className="muted small chrome entry-date">{dayHeading(date, todayIn(user.timeZone))}</p>
        <label htmlFor="entry-title" className="visually-hidden">
          Title
        </label>
        <input
          id="entry-title"
          className="title-input"
          type="text"
          placeholder="Untitled"
          maxLength={200}
          value={content.title}
          onChange={(e) => update({ title: e.target.value })}
        />
        <div className="chrome">
          <PromptPicker
            promptId={content.promptId}
            promptText={content.promptText}
            onPick={(p: Prompt | null) => update({ promptId: p?.id ?? null, promptText: p?.text ?? null })}
          />
          <TagsInput tags={content.tags} onChange={(tags) => update({ tags })} />
        </div>
        {focus && content.promptText && <p className="prompt-text focus-prompt">{content.promptText}</p>}
        <div hidden={preview}>
          <MarkdownEditor
            value={seeded.body}
            version={contentVersion}
            onChange={onBody}
            label="Journal entry"
            placeholderText="Let the words come slowly…"
            autoFocus={entryId === null}
          />
        </div>
        {preview && <Preview markdown={content.body} />}
        <div className="editor-foot">
          <span data-testid="word-count">
            {words} {words === 1 ? "word" : "words"}
          </span>
          <span className="chrome">Markdown · autosaves as you write</span>
        </div>
      </div>
    </div>
  );
}
