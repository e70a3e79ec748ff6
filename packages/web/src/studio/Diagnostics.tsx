import { useEffect, useState } from "react";
import { usePlayer } from "../audio/PlayerProvider";

const fmt = (v: number | null, digits = 1) => (v === null ? "–" : v.toFixed(digits));

/** Engine share of the render budget, overruns, output level and keystroke latency. */
export function Diagnostics() {
  const { player, snap } = usePlayer();
  const [level, setLevel] = useState(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const t = setInterval(() => setLevel(player.level()), 500);
    return () => clearInterval(t);
  }, [player]);
  const s = snap.stats;
  return (
    <section className="card diagnostics" aria-labelledby="diag-heading">
      <h2 id="diag-heading">Diagnostics</h2>
      <dl className="diag-list">
        <div>
          <dt>Engine share of the render budget</dt>
          <dd data-testid="diag-load">{s ? `${(s.load * 100).toFixed(1)} %` : "–"}</dd>
        </div>
        <div>
          <dt>Overruns (blocks over budget)</dt>
          <dd data-testid="diag-overruns">{s ? s.overruns : "–"}</dd>
        </div>
        <div>
          <dt>Output level</dt>
          <dd data-testid="diag-level">{Number.isFinite(level) ? `${level.toFixed(1)} dBFS` : "silent"}</dd>
        </div>
        <div>
          <dt>Keystroke → scheduled (median)</dt>
          <dd data-testid="diag-latency">
            {snap.latencyMs === null
              ? "–"
              : `${fmt(snap.latencyMs)} ms (round trip ${fmt(snap.roundTripMs)} ms)`}
          </dd>
        </div>
        <div>
          <dt>Keystroke events scheduled</dt>
          <dd data-testid="diag-echoes">{snap.echoes}</dd>
        </div>
        <div>
          <dt>Sample rate · clock</dt>
          <dd>{s ? `${s.sampleRate} Hz · ${s.clock}` : "–"}</dd>
        </div>
      </dl>
    </section>
  );
}
