import type { ChangeMeasure, GroupEffect, GroupEffects, MeasureEffect } from "@meridian/core";
import { useState } from "react";
import {
  fmtInterval,
  fmtSigned,
  type GroupKind,
  groupLabel,
  MEASURE_NAMES,
  MEASURE_UNITS,
  type OwnNames,
  sessionsText,
} from "./labels";
import { CHART, CHART_STYLE, PlotFigure } from "./PlotFigure";
import { effectStatusText, fmtDz } from "./statusText";

const KIND_NAMES: Record<GroupKind, { tab: string; noun: string; column: string }> = {
  triggers: { tab: "Sounds", noun: "sound", column: "Sound" },
  presets: { tab: "Scenes", noun: "scene", column: "Scene" },
  media: { tab: "Your own audio", noun: "audio file", column: "Audio" },
};

interface Row {
  key: string;
  label: string;
  group: GroupEffect;
  effect: MeasureEffect;
}

/** Estimates for the measure, best first where the measure is ranked (energy is not: more or less
 * energy is not better in itself), then the items without a useful estimate. */
function split(effects: GroupEffects, kind: GroupKind, measure: ChangeMeasure, names?: OwnNames) {
  const rows: Row[] = effects.groups.map((g) => ({
    key: g.key,
    label: groupLabel(kind, g.key, names),
    group: g,
    effect: g.measures[measure],
  }));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  let estimates: Row[];
  if (measure === "energy") {
    estimates = rows.filter((r) => r.effect.status === "estimate" && r.effect.interval);
  } else {
    estimates = effects.rankings[measure].flatMap((k) => {
      const r = byKey.get(k);
      return r ? [r] : [];
    });
  }
  const shown = new Set(estimates.map((r) => r.key));
  return { estimates, notEnough: rows.filter((r) => !shown.has(r.key)) };
}

function direction(measure: ChangeMeasure): string {
  return measure === "anxiety"
    ? "Change = check-out − check-in. Below zero: anxiety was lower at check-out than at check-in."
    : measure === "pleasantness"
      ? "Change = check-out − check-in. Above zero: you felt more pleasant at check-out than at check-in."
      : "Change = check-out − check-in. Below zero: less energy at check-out (often what winding down looks like).";
}

interface Props {
  triggers: GroupEffects;
  presets: GroupEffects;
  media: GroupEffects;
  ownNames?: OwnNames | undefined;
}

export function EffectsSection({ triggers, presets, media, ownNames }: Props) {
  const [measure, setMeasure] = useState<ChangeMeasure>("anxiety");
  const [kind, setKind] = useState<GroupKind>("triggers");
  const effects = kind === "triggers" ? triggers : kind === "presets" ? presets : media;
  const { estimates, notEnough } = split(effects, kind, measure, ownNames);
  const names = KIND_NAMES[kind];
  const mName = MEASURE_NAMES[measure];

  return (
    <section className="insight-section" aria-labelledby="ins-effects" data-testid="effects-section">
      <h2 id="ins-effects">What moved with which sounds</h2>
      <p className="muted">
        The average change from check-in to check-out in sessions with each {names.noun}, with its 95%
        interval: the bar is the range of averages that fit your records; a short bar means a steadier
        pattern. Only {names.noun}s with enough sessions for a useful estimate are ordered.
      </p>
      <div className="insight-controls">
        <fieldset className="segmented">
          <legend>Group by</legend>
          {(Object.keys(KIND_NAMES) as GroupKind[]).map((k) => (
            <label key={k}>
              <input type="radio" name="ins-kind" checked={kind === k} onChange={() => setKind(k)} />
              <span>{KIND_NAMES[k].tab}</span>
            </label>
          ))}
        </fieldset>
        <label className="field-inline">
          <span>Measure</span>
          <select value={measure} onChange={(e) => setMeasure(e.target.value as ChangeMeasure)}>
            <option value="anxiety">Anxiety (0–100)</option>
            <option value="pleasantness">Pleasantness (1–9)</option>
            <option value="energy">Energy (1–9)</option>
          </select>
        </label>
      </div>

      {effects.groups.length === 0 ? (
        <p className="muted" data-testid="effects-none">
          {kind === "media"
            ? "No sessions with your own audio yet."
            : kind === "presets"
              ? "No sessions with a saved or built-in scene yet."
              : "No sessions with sounds yet."}
        </p>
      ) : (
        <>
          {estimates.length === 0 ? (
            <p data-testid="effects-no-estimates">
              No {names.noun} has enough sessions yet for a useful estimate of {mName.toLowerCase()}. The list
              below says roughly how many more would help.
            </p>
          ) : (
            <IntervalChart
              rows={estimates.map((r) => ({
                key: r.key,
                label: `${r.label} (${r.effect.n})`,
                mean: r.effect.meanChange ?? 0,
                lower: r.effect.interval?.lower ?? 0,
                upper: r.effect.interval?.upper ?? 0,
              }))}
              measure={measure}
              xLabel={`Change in ${mName.toLowerCase()} (${MEASURE_UNITS[measure]})`}
              testId="effects-chart"
              description={`${mName} change by ${names.noun}: ${estimates
                .map(
                  (r) =>
                    `${r.label}, ${fmtSigned(r.effect.meanChange, measure)} (95% CI ${fmtInterval(r.effect.interval, measure)})`,
                )
                .join("; ")}. ${direction(measure)}`}
              caption={`${mName} change by ${names.noun}, estimates only${measure === "energy" ? " (not ranked)" : ", best first"}`}
              note={direction(measure)}
              tableRows={estimates}
            />
          )}
          {measure === "energy" && estimates.length > 0 && (
            <p className="muted small">Energy is shown in order of use, not ranked.</p>
          )}
          {notEnough.length > 0 && (
            <div className="not-enough" data-testid="not-enough">
              <h3>Not enough data yet</h3>
              <ul>
                {notEnough.map((r) => (
                  <li key={r.key} data-key={r.key} data-testid="not-enough-item">
                    <strong>{r.label}</strong>{" "}
                    <span className="muted">({sessionsText(r.group.completeSessions)} with a check-out)</span>
                    : {effectStatusText(r.effect)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <WithWithout rows={estimates} measure={measure} noun={names.noun} />
        </>
      )}
    </section>
  );
}

interface ChartRow {
  key: string;
  label: string;
  mean: number;
  lower: number;
  upper: number;
}

interface IntervalChartProps {
  rows: ChartRow[];
  measure: ChangeMeasure;
  xLabel: string;
  testId: string;
  description: string;
  caption: string;
  note: string;
  tableRows: Row[];
}

function IntervalChart({
  rows,
  measure,
  xLabel,
  testId,
  description,
  caption,
  note,
  tableRows,
}: IntervalChartProps) {
  return (
    <PlotFigure
      testId={testId}
      deps={[rows, measure, xLabel]}
      description={description}
      build={(Plot, width) => intervalPlot(Plot, width, rows, xLabel)}
      table={
        <table className="table num-table" data-testid={`${testId}-data`}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Sessions
              </th>
              <th scope="col" className="num">
                Mean change
              </th>
              <th scope="col" className="num">
                95% interval
              </th>
              <th scope="col" className="num">
                d<sub>z</sub>
              </th>
            </tr>
          </thead>
          <tbody>
            {tableRows.map((r) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num" data-col="n">
                  {r.effect.n}
                </td>
                <td className="num" data-col="mean">
                  {fmtSigned(r.effect.meanChange, measure)}
                </td>
                <td className="num" data-col="ci">
                  {fmtInterval(r.effect.interval, measure)}
                </td>
                <td className="num" data-col="dz">
                  {fmtDz(r.effect.effectSize?.dzCorrected)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      note={note}
    />
  );
}

function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1).trimEnd()}…`;
}

export function intervalPlot(
  Plot: typeof import("@observablehq/plot"),
  width: number,
  rows: readonly { label: string; mean: number; lower: number; upper: number }[],
  xLabel: string,
  colour: string = CHART.accent,
): Element {
  const longest = Math.max(...rows.map((r) => r.label.length), 6);
  const marginLeft = Math.min(Math.max(60, longest * 7 + 12), Math.floor(width * 0.42));
  // Long names are shortened on the chart (the table has them in full).
  const fitChars = Math.max(6, Math.floor((marginLeft - 14) / 6.6));
  const lo = Math.min(0, ...rows.map((r) => r.lower));
  const hi = Math.max(0, ...rows.map((r) => r.upper));
  const pad = (hi - lo) * 0.06 || 1;
  return Plot.plot({
    width,
    height: 48 + rows.length * 34,
    marginLeft,
    marginRight: 16,
    marginBottom: 40,
    style: CHART_STYLE,
    x: {
      label: xLabel,
      labelAnchor: width < 480 ? "right" : "center",
      labelArrow: "none",
      grid: true,
      nice: true,
      domain: [lo - pad, hi + pad],
    },
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickSize: 0,
      tickFormat: (d: string) => fit(d, fitChars),
    },
    marks: [
      Plot.gridX({ stroke: CHART.grid, strokeOpacity: 1 }),
      Plot.ruleX([0], { stroke: CHART.zero, strokeWidth: 1.5 }),
      Plot.ruleY(rows, {
        y: "label",
        x1: "lower",
        x2: "upper",
        stroke: colour,
        strokeWidth: 3,
        strokeLinecap: "round",
      }),
      Plot.tickX(rows, { y: "label", x: "lower", stroke: colour, strokeWidth: 2, inset: 9 }),
      Plot.tickX(rows, { y: "label", x: "upper", stroke: colour, strokeWidth: 2, inset: 9 }),
      Plot.dot(rows, {
        y: "label",
        x: "mean",
        r: 5.5,
        fill: CHART.strong,
        stroke: CHART.bg,
        strokeWidth: 1.5,
      }),
    ],
  }) as Element;
}

/** With vs without: the difference in mean change between sessions with the item and without it. */
function WithWithout({ rows, measure, noun }: { rows: Row[]; measure: ChangeMeasure; noun: string }) {
  const withDiff = rows.filter((r) => r.effect.withVsWithout);
  if (withDiff.length === 0) return null;
  const mName = MEASURE_NAMES[measure].toLowerCase();
  const chartRows = withDiff.map((r) => ({
    key: r.key,
    label: r.label,
    mean: r.effect.withVsWithout?.difference ?? 0,
    lower: r.effect.withVsWithout?.lower ?? 0,
    upper: r.effect.withVsWithout?.upper ?? 0,
  }));
  return (
    <div className="insight-sub" data-testid="with-without">
      <h3>With vs without</h3>
      <p className="muted">
        How the change in {mName} in sessions with each {noun} compared with sessions without it (Welch 95%
        interval). An interval that crosses zero includes “no difference at all”.
      </p>
      <PlotFigure
        testId="with-without-chart"
        deps={[chartRows, measure]}
        description={`Difference in ${mName} change with vs without: ${withDiff
          .map(
            (r) =>
              `${r.label}, ${fmtSigned(r.effect.withVsWithout?.difference, measure)} (95% CI ${fmtInterval(r.effect.withVsWithout, measure)})`,
          )
          .join("; ")}.`}
        build={(Plot, width) =>
          intervalPlot(Plot, width, chartRows, `Difference in change, with − without`, CHART.sage)
        }
        table={
          <table className="table num-table">
            <caption>
              Change in {mName} with vs without each {noun}
            </caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  With (n)
                </th>
                <th scope="col" className="num">
                  Without (n)
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
                <th scope="col" className="num">
                  95% interval
                </th>
              </tr>
            </thead>
            <tbody>
              {withDiff.map((r) => {
                const d = r.effect.withVsWithout;
                return (
                  <tr key={r.key} data-key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td className="num">
                      {fmtSigned(d?.a.mean, measure)} ({d?.a.n})
                    </td>
                    <td className="num">
                      {fmtSigned(d?.b.mean, measure)} ({d?.b.n})
                    </td>
                    <td className="num" data-col="diff">
                      {fmtSigned(d?.difference, measure)}
                    </td>
                    <td className="num" data-col="ci">
                      {fmtInterval(d, measure)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
