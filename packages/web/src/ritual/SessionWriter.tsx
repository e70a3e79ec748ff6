import { countWords, type Prompt, type Session } from "@meridian/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { ritualApi } from "../api/ritual";
import { ErrorNote, Loading } from "../components/Status";
import { MarkdownEditor } from "../editor/MarkdownEditor";
import { MergeView } from "../editor/MergeView";
import { PromptPicker } from "../editor/PromptPicker";
import { SaveStatus } from "../editor/SaveStatus";
import { EMPTY_CONTENT, type EntryContent } from "../journal/content";
import { useEntrySession } from "../journal/useEntrySession";
import { PromptWhisper } from "../voice/PromptWhisper";
import { readSessionLocal, writeSessionLocal } from "./sessionLocal";

interface Props {
  session: Session;
  /** The prompt chosen before writing (its text isn't stored on the session). */
  prompt: Prompt | null;
  onSession(session: Session): void;
}

/** The journal editor inside a session: the same never-lose-a-word pipeline as the entry page;
 * the entry it creates is attached to the session (PATCH entryId). */
export function SessionWriter({ session, prompt, onSession }: Props) {
  const [target] = useState(() => ({
    entryId: session.entryId,
    clientId: session.entryId ? null : readSessionLocal(session.id).draftClientId,
  }));
  const sessionId = session.id;
  const attached = useRef(session.entryId);
  const [attachError, setAttachError] = useState<string | null>(null);

  const attach = useCallback(
    (entryId: string) => {
      if (attached.current === entryId) return;
      attached.current = entryId;
      ritualApi
        .updateSession(sessionId, { entryId })
        .then((s) => {
          setAttachError(null);
          onSession(s);
        })
        .catch(() => {
          attached.current = null;
          setAttachError("Your words are saved, but linking them to this session failed. It will retry.");
        });
    },
    [sessionId, onSession],
  );

  const writer = useEntrySession(target, {
    onClientId: (id) => writeSessionLocal(sessionId, { draftClientId: id }),
    onCreated: attach,
  });
  // An entry saved by a keepalive request as the tab closed: link it now.
  const savedId = writer.save?.entryId ?? null;
  useEffect(() => {
    if (savedId && attached.current !== savedId) attach(savedId);
  }, [savedId, attach]);

  const [content, setContent] = useState<EntryContent>(EMPTY_CONTENT);
  const contentRef = useRef(content);
  const { edit, contentVersion } = writer;
  const seeded = writer.content;
  const phase = writer.phase;
  const prompted = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version re-seeds
  useEffect(() => {
    let next = seeded;
    // A new entry takes the prompt chosen before writing.
    if (!prompted.current && phase === "ready" && prompt && !next.promptId) {
      next = { ...next, promptId: prompt.id, promptText: prompt.text };
      prompted.current = true;
      edit(next);
    }
    contentRef.current = next;
    setContent(next);
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

  if (writer.phase === "loading") return <Loading label="Opening the page…" />;
  if (writer.phase === "error") return <ErrorNote>Could not open the page: {writer.loadError}</ErrorNote>;
  if (writer.phase === "missing") {
    return <ErrorNote>The entry written in this session was deleted. You can still check out.</ErrorNote>;
  }
  const conflict = writer.save?.status === "conflict" ? writer.save.conflict : null;
  const words = countWords(content.body);

  return (
    <div className="editor-page session-writer">
      <div className="editor-toolbar chrome">
        <SaveStatus state={writer.save} hasServerCopy={writer.save?.entryId != null} onRetry={writer.retry} />
      </div>
      {writer.notice && (
        <p className="alert alert-info" role="status" data-testid="restore-notice">
          {writer.notice}
        </p>
      )}
      {attachError && <p className="alert alert-error">{attachError}</p>}
      {conflict && (
        <MergeView
          mine={content}
          theirs={conflict.theirs}
          onResolve={(choice, edited) => writer.resolve(choice, edited)}
        />
      )}
      <div hidden={conflict !== null}>
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
        <PromptPicker
          promptId={content.promptId}
          promptText={content.promptText}
          onPick={(p) => {
            update({ promptId: p?.id ?? null, promptText: p?.text ?? null });
            void ritualApi.updateSession(sessionId, { promptId: p?.id ?? null }).catch(() => undefined);
          }}
        />
        <PromptWhisper prompt={content.promptText} />
        <MarkdownEditor
          value={seeded.body}
          version={contentVersion}
          onChange={onBody}
          label="Journal entry"
          placeholderText="Let the words come slowly…"
          autoFocus
        />
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
