import {
  type AsmrProfileSummary,
  type MediaUsed,
  type Prompt,
  suggestScenes,
  summarizeAsmrProfile,
  type VoiceSceneLayer,
} from "@meridian/core";
import { BUILTIN_SCENES } from "@meridian/sound";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { ritualApi } from "../api/ritual";
import { asStudioScene } from "../audio/player";
import { PromptPicker } from "../editor/PromptPicker";
import { ListenVoices } from "../studio/voice/ListenVoices";
import { libraryIdOf, SessionMediaPicker, usedFromItem } from "./SessionMediaPicker";
import { videoLinkProblem } from "./sessionLocal";

export interface ListenChoice {
  /** Built-in scene id, or null for silence. */
  sceneId: string | null;
  scene: Record<string, unknown> | null;
  media: MediaUsed[];
  prompt: Prompt | null;
}

interface Props {
  initial: ListenChoice | null;
  busy: boolean;
  error: string | null;
  onBack(): void;
  onSubmit(choice: ListenChoice): void;
}

/** The built-in scenes with the generators they play (for suggestions). */
const SCENE_CHOICES = BUILTIN_SCENES.map((s) => ({
  ...s,
  generators: [...new Set(s.scene.layers.map((l) => l.generator))],
}));

/** The latest ASMR profile's summary, or null (none taken, or it could not be read). */
function useAsmrProfile(): AsmrProfileSummary | null {
  const [profile, setProfile] = useState<AsmrProfileSummary | null>(null);
  useEffect(() => {
    let live = true;
    ritualApi
      .checkups("asmr-profile")
      .then(({ responses }) => {
        const latest = responses.at(-1);
        if (live && latest) setProfile(summarizeAsmrProfile(latest.answers));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return profile;
}

/** Choose what to listen to (a built-in scene or silence, plus an optional video link) and an
 * optional writing prompt. Scenes are ordered by the ASMR profile when there is one, each
 * suggested one saying why. */
export function ListenStep({ initial, busy, error, onBack, onSubmit }: Props) {
  const profile = useAsmrProfile();
  const suggestions = useMemo(() => suggestScenes(SCENE_CHOICES, profile), [profile]);
  const [sceneId, setSceneId] = useState<string | null>(initial?.sceneId ?? null);
  const initialVideo = initial?.media.find((m) => m.kind === "video");
  const [video, setVideo] = useState(initialVideo?.kind === "video" ? initialVideo.url : "");
  const [videoError, setVideoError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<Prompt | null>(initial?.prompt ?? null);
  const [voices, setVoices] = useState<VoiceSceneLayer[]>(
    () => (initial?.scene?.voiceLayers as VoiceSceneLayer[] | undefined) ?? [],
  );
  const [library, setLibrary] = useState<MediaUsed[]>(
    () => initial?.media.filter((m) => libraryIdOf(m) !== null) ?? [],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = videoLinkProblem(video);
    setVideoError(problem);
    if (problem) {
      document.getElementById("video-link")?.focus();
      return;
    }
    const builtin = BUILTIN_SCENES.find((s) => s.id === sceneId) ?? null;
    const media: MediaUsed[] = [];
    if (builtin) media.push({ kind: "preset", presetId: builtin.id, name: builtin.scene.name ?? builtin.id });
    if (video.trim() !== "") media.push({ kind: "video", url: video.trim(), title: null });
    media.push(...library.slice(0, 5 - media.length));
    onSubmit({
      sceneId: builtin?.id ?? null,
      // A deep copy of the scene as it is now, so later edits to the preset don't rewrite history.
      // With a voice, the copy is in the current scene format and carries the voice layers.
      scene: !builtin
        ? null
        : voices.length > 0
          ? { ...asStudioScene(JSON.parse(JSON.stringify(builtin.scene))), voiceLayers: voices }
          : (JSON.parse(JSON.stringify(builtin.scene)) as Record<string, unknown>),
      media,
      prompt,
    });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="scene-picker">
        <legend className="measure-question">What would you like to listen to?</legend>
        <div className="scene-options">
          <label className="scene-option">
            <input
              type="radio"
              name="scene"
              value=""
              checked={sceneId === null}
              onChange={() => setSceneId(null)}
            />
            <span>
              <strong>Silence</strong>
              <span className="muted small">No sound from Meridian: just you and the page.</span>
            </span>
          </label>
          {suggestions.map(({ scene: { id, scene }, reason }) => (
            <label key={id} className="scene-option" data-testid="scene-option">
              <input
                type="radio"
                name="scene"
                value={id}
                checked={sceneId === id}
                onChange={() => setSceneId(id)}
              />
              <span>
                <strong>{scene.name ?? id}</strong>
                {scene.description && <span className="muted small">{scene.description}</span>}
                {reason && (
                  <span className="small scene-reason" data-testid="scene-reason">
                    {reason}
                  </span>
                )}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {sceneId && <ListenVoices initial={voices} onChange={setVoices} />}
      <div className="field">
        <label htmlFor="video-link" className="measure-question">
          An ASMR video you're watching alongside (optional)
        </label>
        <input
          id="video-link"
          type="url"
          inputMode="url"
          placeholder="https://…"
          value={video}
          aria-invalid={videoError ? true : undefined}
          aria-describedby={videoError ? "video-link-err" : "video-link-hint"}
          onChange={(e) => setVideo(e.target.value)}
        />
        {videoError ? (
          <p id="video-link-err" className="error-text" role="alert">
            {videoError}
          </p>
        ) : (
          <span id="video-link-hint" className="hint">
            Only the link is kept, so you can find it again. Meridian doesn't open or load it.
          </span>
        )}
      </div>
      <SessionMediaPicker
        chosen={library.map((m) => libraryIdOf(m) as string)}
        room={5 - (sceneId ? 1 : 0) - (video.trim() !== "" ? 1 : 0) - library.length}
        onChange={(ids, items) =>
          setLibrary(ids.flatMap((id) => items.filter((i) => i.id === id).map(usedFromItem)))
        }
      />
      <div>
        <p className="measure-question">A writing prompt (optional)</p>
        <PromptPicker promptId={prompt?.id ?? null} promptText={prompt?.text ?? null} onPick={setPrompt} />
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Starting…" : "Start writing"}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onBack}>
          Back to check-in
        </button>
      </div>
    </form>
  );
}
