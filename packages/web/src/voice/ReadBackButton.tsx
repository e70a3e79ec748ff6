import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { usePlayer } from "../audio/PlayerProvider";
import type { VoiceStyleName } from "./protocol";
import { type ReadBackHandle, readBack } from "./readBack";

const NO_HANDLE = () => () => {};

/** An entry as it is read: its title as a first sentence, then the body (the voice's own text
 * handling reads Markdown, links and emoji sensibly). */
export function entryToRead(entry: { title: string | null; body: string }): string {
  const title = (entry.title ?? "").trim();
  return title ? `${title.replace(/[.!?]*$/, ".")}\n\n${entry.body}` : entry.body;
}

interface Props {
  /** What to read (taken when the button is pressed; an entry may be fetched from the app's
   * own server first). */
  text: () => string | Promise<string>;
  label?: string;
}

/** "Read this back to me": whispers or softly speaks text in this browser (never sent anywhere),
 * with a stop button; keyboard reachable like any button. */
export function ReadBackButton({ text, label = "Read this back to me" }: Props) {
  const { player } = usePlayer();
  const group = useId();
  const [style, setStyle] = useState<VoiceStyleName>("whisper");
  const [handle, setHandle] = useState<ReadBackHandle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const handleRef = useRef(handle);
  handleRef.current = handle;
  useEffect(() => () => handleRef.current?.stop(), []);
  const status = useSyncExternalStore(handle?.subscribe ?? NO_HANDLE, () => handle?.status ?? null);

  const start = async () => {
    let t: string;
    try {
      t = (await text()).trim();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not load the text to read.");
      return;
    }
    if (!t) {
      setError("There is nothing written here yet to read back.");
      return;
    }
    setError(null);
    setHandle(
      readBack(player, t, style, (err) => {
        setHandle(null);
        setError(err);
      }),
    );
  };

  return (
    <div className="read-back row" data-testid="read-back">
      {handle ? (
        <>
          <button type="button" className="btn btn-small" onClick={() => handle.stop()}>
            Stop reading
          </button>
          <span className="small muted" role="status">
            {status?.state === "ended"
              ? "Finished"
              : status?.state === "playing"
                ? `Reading sentence ${status.sentence + 1}${status.count ? ` of ${status.count}` : ""}`
                : "Preparing the voice…"}
          </span>
        </>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => void start()}>
          {label}
        </button>
      )}
      <fieldset className="bare-fieldset row" disabled={handle !== null}>
        <legend className="visually-hidden">Voice for reading back</legend>
        <label className="check small">
          <input
            type="radio"
            name={group}
            checked={style === "whisper"}
            onChange={() => setStyle("whisper")}
          />
          Whisper
        </label>
        <label className="check small">
          <input type="radio" name={group} checked={style === "soft"} onChange={() => setStyle("soft")} />
          Soft-spoken
        </label>
      </fieldset>
      {error && (
        <span className="small error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
