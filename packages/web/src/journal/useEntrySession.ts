import { useEffect, useRef, useState } from "react";
import { EMPTY_CONTENT, type EntryContent } from "./content";
import { EntrySession, type SessionHooks, type SessionSnapshot, type SessionTarget } from "./entrySession";
import type { ConflictChoice } from "./merge";

export interface EntrySessionApi extends SessionSnapshot {
  edit(content: EntryContent): void;
  resolve(choice: ConflictChoice | "edited", edited?: EntryContent): void;
  retry(): void;
}

const LOADING: SessionSnapshot = {
  phase: "loading",
  loadError: null,
  content: EMPTY_CONTENT,
  contentVersion: 0,
  entry: null,
  save: null,
  notice: null,
  storage: null,
};

/** React binding for EntrySession. The session is made once per mount: the page is keyed by
 * navigation, and URL updates the session makes itself (new → id) do not remount it. */
export function useEntrySession(
  target: SessionTarget,
  hooks: Omit<SessionHooks, "onChange">,
): EntrySessionApi {
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const targetRef = useRef(target);
  const sessionRef = useRef<EntrySession | null>(null);
  const [snap, setSnap] = useState<SessionSnapshot>(LOADING);

  useEffect(() => {
    const session = new EntrySession(targetRef.current, {
      onChange: setSnap,
      onClientId: (id) => hooksRef.current.onClientId(id),
      onCreated: (id) => hooksRef.current.onCreated(id),
    });
    sessionRef.current = session;
    return () => {
      session.close();
      if (sessionRef.current === session) sessionRef.current = null;
    };
  }, []);

  return {
    ...snap,
    edit: (c) => sessionRef.current?.edit(c),
    resolve: (choice, edited) => sessionRef.current?.resolve(choice, edited),
    retry: () => sessionRef.current?.retry(),
  };
}
