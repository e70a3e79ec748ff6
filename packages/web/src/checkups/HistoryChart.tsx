import type { Band, Instrument, InstrumentResponse } from "@meridian/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { allowStyles } from "../lib/cspNonce";
import { historyDateFmt as dateFmt, historyPoints } from "./historyPoints";

interface Props {
  instrument: Instrument;
  responses: readonly InstrumentResponse[];
}

/** Quiet band tints behind the line: warmer for higher bands, never alarming reds. */
const BAND_FILL = ["#2a3a33", "#323828", "#3d3623", "#45301f", "#4a2b22"];

/** Score history as an Observable Plot line chart, with a data table as the accessible alternative. */
export function HistoryChart({ instrument, responses }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // Each check-up on the day it was taken where the user was (not its UTC day).
  const scored = useMemo(() => historyPoints(responses), [responses]);
  const scoring = instrument.scoring;
  const summary =
    scored.length === 0
      ? ""
      : `${instrument.shortTitle} scores over time: ${scored
          .map((r) => `${dateFmt.format(r.date)}, ${r.total}`)
          .join("; ")}.`;

  useEffect(() => {
    const el = host.current;
    if (!el || scoring.kind !== "sum" || scored.length === 0) return;
    let live = true;
    let chart: Element | null = null;
    import("@observablehq/plot")
      .then((Plot) => {
        if (!live) return;
        const data = scored;
        const first = data[0]?.date ?? new Date();
        const last = data.at(-1)?.date ?? first;
        const pad = 3 * 86_400_000;
        const x0 = new Date(first.getTime() - pad);
        const x1 = new Date(last.getTime() + pad);
        const bands: readonly Band[] = instrument.bands ?? [];
        chart = Plot.plot({
          width: Math.min(640, el.clientWidth || 640),
          height: 220,
          marginLeft: 40,
          style: { background: "transparent", color: "#a89a88", fontSize: "12px" },
          ariaLabel: `${instrument.shortTitle} score history`,
          ariaDescription: summary,
          x: { type: "utc", domain: [x0, x1], label: null, ticks: 5 },
          y: { domain: [scoring.min, scoring.max], label: "Score", grid: false },
          marks: [
            ...bands.map((b, i) =>
              Plot.rect([b], {
                x1: () => x0,
                x2: () => x1,
                y1: () => Math.max(b.min - 0.5, scoring.min),
                y2: () => Math.min(b.max + 0.5, scoring.max),
                fill: BAND_FILL[i] ?? BAND_FILL[0],
                fillOpacity: 0.7,
              }),
            ),
            ...bands.map((b) =>
              Plot.text([b], {
                x: () => x0,
                y: () => (b.min + b.max) / 2,
                text: () => b.label,
                textAnchor: "start",
                dx: 4,
                fill: "#a89a88",
                fontSize: 10,
              }),
            ),
            Plot.line(data, { x: "date", y: "total", stroke: "#d9b779", strokeWidth: 2 }),
            Plot.dot(data, { x: "date", y: "total", fill: "#d9b779", r: 4 }),
          ],
        });
        el.replaceChildren(allowStyles(chart));
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      chart?.remove();
    };
  }, [instrument, scoring, scored, summary]);

  if (scoring.kind !== "sum") return null;
  if (scored.length === 0) {
    return (
      <p className="muted small">No scores yet. Your history will appear here after your first check-up.</p>
    );
  }
  return (
    <figure className="history-chart">
      <div ref={host} className="chart-host" data-testid="history-chart" />
      {failed && <p className="muted small">The chart couldn't be drawn; the table below has every score.</p>}
      <figcaption className="visually-hidden">{summary}</figcaption>
      <details className="history-table" open={scored.length <= 3}>
        <summary>Scores as a table</summary>
        <table className="table">
          <caption className="visually-hidden">{instrument.shortTitle} scores by date</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">
                Score ({scoring.min}–{scoring.max})
              </th>
              {instrument.bands && <th scope="col">Range</th>}
            </tr>
          </thead>
          <tbody>
            {[...scored].reverse().map((r) => (
              <tr key={r.id}>
                <td>{dateFmt.format(r.date)}</td>
                <td>{r.total}</td>
                {instrument.bands && <td>{r.bandLabel ?? "—"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
