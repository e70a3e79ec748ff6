import { useEffect, useRef, useState } from "react";
import { usePlayer } from "../audio/PlayerProvider";
import { type ReadBackHandle, readBack } from "./readBack";

const KEY = "meridian.whisperPrompt";

/** A small toggle in the writing step: whisper the session's prompt as writing begins (and at
 * once when it is switched on). The prompt goes to the in-browser voice only. */
export function PromptWhisper({ prompt }: { prompt: string | null }) {
  const { player } = usePlayer();
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === "1");
  const handle = useRef<ReadBackHandle | null>(null);
  const said = useRef<string | null>(null);
  const whisper = (text: string) => {
    said.current = text;
    handle.current?.stop();
    handle.current = readBack(player, text, "whisper", () => {
      handle.current = null;
    });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per prompt, when switched on
  useEffect(() => {
    if (on && prompt && said.current !== prompt) whisper(prompt);
  }, [prompt]);
  useEffect(() => () => handle.current?.stop(), []);
  if (!prompt) return null;
  return (
    <label className="check small" data-testid="prompt-whisper">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          localStorage.setItem(KEY, e.target.checked ? "1" : "0");
          if (e.target.checked) whisper(prompt);
          else handle.current?.stop();
        }}
      />
      Whisper the prompt as I begin
    </label>
  );
}
