import { useEffect, useId, useState } from "react";
import { usePlayer } from "../audio/PlayerProvider";
import { NumberField } from "../components/NumberField";

const CHOICES = [15, 30, 45, 60, 90];

export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0");
  return `${h ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

/** 15–90 minutes or custom; a long fade (default 60 s) then stop; cancel or extend. */
export function SleepTimer() {
  const { player, snap } = usePlayer();
  const uid = useId();
  const [choice, setChoice] = useState("30");
  const [custom, setCustom] = useState(20);
  const [fade, setFade] = useState(60);
  const [, setNow] = useState(0);
  const sleep = snap.sleep;
  useEffect(() => {
    if (!sleep) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [sleep]);
  const minutes = choice === "custom" ? custom : Number(choice);
  const remaining = sleep ? sleep.endsAt - Date.now() : 0;
  return (
    <section className="card" aria-labelledby="sleep-heading">
      <h2 id="sleep-heading">Sleep timer</h2>
      {sleep ? (
        <div className="stack small-gap">
          <p>
            <span className="sleep-remaining" data-testid="sleep-remaining" aria-live="off">
              {formatRemaining(remaining)}
            </span>{" "}
            <span className="muted small">
              {sleep.fading
                ? "fading out…"
                : `until silence, fading out over the last ${sleep.fadeSeconds} s`}
            </span>
          </p>
          <div className="row">
            <button type="button" className="btn btn-small" onClick={() => player.extendSleep(15)}>
              +15 min
            </button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => player.cancelSleep()}>
              Cancel timer
            </button>
          </div>
        </div>
      ) : (
        <div className="stack small-gap">
          <div className="row">
            <label className="inline-field">
              Stop after
              <select value={choice} onChange={(e) => setChoice(e.target.value)}>
                {CHOICES.map((m) => (
                  <option key={m} value={String(m)}>
                    {m} min
                  </option>
                ))}
                <option value="custom">Custom…</option>
              </select>
            </label>
            {choice === "custom" && (
              <label className="inline-field" htmlFor={`${uid}-minutes`}>
                Minutes
                <NumberField
                  id={`${uid}-minutes`}
                  className="num"
                  min={1}
                  max={720}
                  value={custom}
                  onCommit={setCustom}
                />
              </label>
            )}
            <label className="inline-field" htmlFor={`${uid}-fade`}>
              Fade-out (s)
              <NumberField
                id={`${uid}-fade`}
                className="num"
                min={1}
                max={600}
                value={fade}
                onCommit={setFade}
              />
            </label>
          </div>
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => player.startSleep(minutes, Math.min(fade, minutes * 60))}
            >
              Start sleep timer
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
