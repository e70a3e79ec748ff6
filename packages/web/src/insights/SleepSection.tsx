import { type NightComparison, SLEEP_MEASURES, type SleepInsights, type SleepMeasure } from "@meridian/core";
import { Link } from "../router/router";
import {
  fmt,
  fmtInterval,
  fmtRange,
  fmtSigned,
  groupLabel,
  SLEEP_LOWER_IS_BETTER,
  SLEEP_NAMES,
  SLEEP_UNITS,
  sessionsText,
} from "./labels";
import { CHART, CHART_STYLE, PlotFigure } from "./PlotFigure";
import { nightsStatusText } from "./statusText";

function better(measure: SleepMeasure): string {
  return SLEEP_LOWER_IS_BETTER[measure] ? "lower is better" : "higher is better";
}

function withUnit(text: string, m: SleepMeasure): string {
  if (text === "–") return text;
  return m === "sleepEfficiency" ? `${text}%` : m === "solMinutes" ? `${text} min` : text;
}

function comparisonText(c: NightComparison): string {
  if (c.status !== "estimate") return nightsStatusText(c);
  const d = c.difference;
  if (!d) return "–";
  const crosses = d.lower <= 0 && d.upper >= 0;
  return `difference ${fmtSigned(d.difference, c.measure)} (95% CI ${fmtInterval(d, c.measure)})${crosses ? ", which includes no difference" : ""}`;
}

export function SleepSection({ sleep }: { sleep: SleepInsights }) {
  if (sleep.nights === 0) {
    return (
      <section className="insight-section" aria-labelledby="ins-sleep" data-testid="sleep-section">
        <h2 id="ins-sleep">Sleep</h2>
        <p className="muted">
          No sleep diaries yet. After a few mornings with the <Link to="/sleep">sleep diary</Link>, this
          compares nights after an evening session with other nights.
        </p>
      </section>
    );
  }
  const rows = SLEEP_MEASURES.map((m) => sleep.afterSession[m]);
  return (
    <section className="insight-section" aria-labelledby="ins-sleep" data-testid="sleep-section">
      <h2 id="ins-sleep">Sleep</h2>
      <p className="muted">
        {sessionsText(sleep.nightsAfterSession, "night")} after an evening session (from 6 pm) and{" "}
        {sessionsText(sleep.nightsWithout, "other night")} in your diary. Each chart shows both groups’
        averages with their 95% intervals.
      </p>
      <div className="sleep-charts">
        {rows.map((c) => (
          <SleepChart key={c.measure} c={c} />
        ))}
      </div>
      <div className="table-scroll">
        <table className="table num-table sleep-table" data-testid="sleep-table">
          <caption>
            Nights after an evening session vs other nights (averages, nights and 95% intervals)
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                After a session
              </th>
              <th scope="col" className="num">
                Other nights
              </th>
              <th scope="col">Comparison</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.measure} data-key={c.measure}>
                <th scope="row">
                  {SLEEP_NAMES[c.measure]} <span className="muted small block">{better(c.measure)}</span>
                </th>
                <td className="num" data-col="with">
                  {withUnit(fmt(c.with.mean, c.measure), c.measure)}{" "}
                  <span className="muted small block">
                    {c.with.n} nights ·{" "}
                    {fmtRange(c.with.interval?.lower ?? null, c.with.interval?.upper ?? null, c.measure)}
                  </span>
                </td>
                <td className="num" data-col="without">
                  {withUnit(fmt(c.without.mean, c.measure), c.measure)}{" "}
                  <span className="muted small block">
                    {c.without.n} nights ·{" "}
                    {fmtRange(
                      c.without.interval?.lower ?? null,
                      c.without.interval?.upper ?? null,
                      c.measure,
                    )}
                  </span>
                </td>
                <td data-col="comparison">{comparisonText(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SleepTriggers sleep={sleep} />
    </section>
  );
}

function SleepChart({ c }: { c: NightComparison }) {
  const data = [
    { label: "After a session", side: c.with },
    { label: "Other nights", side: c.without },
  ].flatMap(({ label, side }) =>
    side.mean === null
      ? []
      : [
          {
            label: `${label} (${side.n})`,
            mean: side.mean,
            lower: side.interval?.lower ?? side.mean,
            upper: side.interval?.upper ?? side.mean,
          },
        ],
  );
  const name = SLEEP_NAMES[c.measure];
  return (
    <div className="sleep-chart">
      <h3 className="chart-title">
        {name}{" "}
        <span className="muted small">
          ({SLEEP_UNITS[c.measure]}, {better(c.measure)})
        </span>
      </h3>
      <PlotFigure
        testId={`sleep-chart-${c.measure}`}
        deps={[data]}
        maxWidth={560}
        description={`${name}: ${data.map((d) => `${d.label}, ${fmt(d.mean, c.measure)} (${fmtRange(d.lower, d.upper, c.measure)})`).join("; ")}.`}
        build={(Plot, width) => {
          if (data.length === 0) return null;
          const lo = Math.min(...data.map((d) => d.lower));
          const hi = Math.max(...data.map((d) => d.upper));
          const pad = (hi - lo) * 0.1 || 1;
          return Plot.plot({
            width,
            height: 110,
            marginLeft: 130,
            marginRight: 12,
            style: CHART_STYLE,
            x: { label: null, nice: true, domain: [lo - pad, hi + pad], ticks: 5 },
            y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
            marks: [
              Plot.gridX({ stroke: CHART.grid, strokeOpacity: 1, ticks: 5 }),
              Plot.ruleY(data, {
                y: "label",
                x1: "lower",
                x2: "upper",
                stroke: CHART.sage,
                strokeWidth: 3,
                strokeLinecap: "round",
              }),
              Plot.dot(data, {
                y: "label",
                x: "mean",
                r: 5.5,
                fill: CHART.strong,
                stroke: CHART.bg,
                strokeWidth: 1.5,
              }),
            ],
          }) as Element;
        }}
      />
    </div>
  );
}

/** Which evening sounds preceded the better nights (vs other evening sessions), estimates only. */
function SleepTriggers({ sleep }: { sleep: SleepInsights }) {
  if (sleep.triggers.length === 0) return null;
  const byKey = new Map(sleep.triggers.map((t) => [t.trigger, t]));
  const ranked = sleep.rankings.solMinutes.flatMap((k) => {
    const t = byKey.get(k);
    return t ? [t] : [];
  });
  const rest = sleep.triggers.filter((t) => !sleep.rankings.solMinutes.includes(t.trigger));
  return (
    <div className="insight-sub" data-testid="sleep-triggers">
      <h3>Evening sounds and the night after</h3>
      <p className="muted">
        Nights after evening sessions with a sound, compared with nights after evening sessions without it, so
        having a session at all is the same on both sides.
      </p>
      {ranked.length > 0 ? (
        <div className="table-scroll">
          <table className="table num-table">
            <caption className="visually-hidden">
              Time to fall asleep after evening sessions with each sound
            </caption>
            <thead>
              <tr>
                <th scope="col">Sound</th>
                <th scope="col" className="num">
                  Nights
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
              {ranked.map((t) => {
                const d = t.measures.solMinutes.difference;
                return (
                  <tr key={t.trigger} data-key={t.trigger}>
                    <th scope="row">{groupLabel("triggers", t.trigger)}</th>
                    <td className="num">{t.nights}</td>
                    <td className="num">{d ? `${fmtSigned(d.difference, "solMinutes")} min` : "–"}</td>
                    <td className="num">{fmtInterval(d, "solMinutes")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No evening sound has enough nights yet for a useful comparison.</p>
      )}
      {rest.length > 0 && (
        <p className="muted small">
          Not enough nights yet:{" "}
          {rest
            .map(
              (t) =>
                `${groupLabel("triggers", t.trigger)} (${sessionsText(t.nights, "night")}, about ${Math.max(1, t.moreNightsNeeded)} more)`,
            )
            .join(", ")}
          .
        </p>
      )}
    </div>
  );
}
