import { type CheckupSeries, INSTRUMENTS, type PointEstimate, type WeeklyTrendPoint } from "@meridian/core";
import { Link } from "../router/router";
import { shortDay, utcDate } from "./labels";
import { CHART, CHART_STYLE, PlotFigure, type PlotModule } from "./PlotFigure";

type Key = "anxietyBefore" | "pleasantnessBefore" | "tingles";

const SERIES: Record<
  Key,
  { title: string; domain: [number, number]; unit: string; decimals: number; note: string }
> = {
  anxietyBefore: {
    title: "Anxiety at check-in",
    domain: [0, 100],
    unit: "0–100",
    decimals: 0,
    note: "how you arrived at your sessions, before listening",
  },
  pleasantnessBefore: {
    title: "Pleasantness at check-in",
    domain: [1, 9],
    unit: "1–9",
    decimals: 1,
    note: "how you arrived at your sessions, before listening",
  },
  tingles: { title: "Tingles", domain: [0, 10], unit: "0–10", decimals: 1, note: "reported at check-out" },
};

const num = (x: number | null | undefined, d: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d).replace("-", "\u2212");

function weeklyPlot(
  Plot: PlotModule,
  width: number,
  points: Row[],
  domain: [number, number],
  colour: string,
) {
  const banded = points.filter((p) => p.lower !== null && p.upper !== null);
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 36,
    marginRight: 12,
    style: CHART_STYLE,
    x: { type: "utc", label: null, ticks: Math.max(2, Math.floor(width / 110)) },
    y: { domain, label: null, grid: true, ticks: 5 },
    marks: [
      Plot.gridY({ stroke: CHART.grid, strokeOpacity: 1, ticks: 5 }),
      Plot.ruleX(banded, {
        x: "date",
        y1: "lower",
        y2: "upper",
        stroke: colour,
        strokeOpacity: 0.45,
        strokeWidth: 4,
      }),
      Plot.line(points, { x: "date", y: "mean", stroke: colour, strokeWidth: 2, curve: "monotone-x" }),
      Plot.dot(points, { x: "date", y: "mean", fill: colour, r: 3.5 }),
    ],
  }) as Element;
}

interface Row {
  week: string;
  date: Date;
  weekStart: string;
  mean: number;
  n: number;
  lower: number | null;
  upper: number | null;
}

function rowsOf(weekly: readonly WeeklyTrendPoint[], key: Key): Row[] {
  return weekly.flatMap((w) => {
    const p: PointEstimate | null = w[key];
    if (!p) return [];
    return [
      {
        week: w.week,
        weekStart: w.weekStart,
        date: utcDate(w.weekStart),
        mean: p.mean,
        n: p.n,
        lower: p.lower === null ? null : Math.max(SERIES[key].domain[0], p.lower),
        upper: p.upper === null ? null : Math.min(SERIES[key].domain[1], p.upper),
      },
    ];
  });
}

function WeeklyChart({ weekly, k, colour }: { weekly: readonly WeeklyTrendPoint[]; k: Key; colour: string }) {
  const s = SERIES[k];
  const rows = rowsOf(weekly, k);
  if (rows.length === 0) return null;
  return (
    <div className="trend-chart">
      <h3 className="chart-title">
        {s.title}{" "}
        <span className="muted small">
          (weekly average, {s.unit}; {s.note})
        </span>
      </h3>
      <PlotFigure
        testId={`trend-${k}`}
        deps={[rows]}
        description={`${s.title} by week: ${rows.map((r) => `week of ${shortDay(r.weekStart)}, ${num(r.mean, s.decimals)}`).join("; ")}.`}
        build={(Plot, width) => weeklyPlot(Plot, width, rows, s.domain, colour)}
        table={
          <table className="table num-table">
            <caption>{s.title}, weekly average with 95% interval</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col" className="num">
                  Sessions
                </th>
                <th scope="col" className="num">
                  Average
                </th>
                <th scope="col" className="num">
                  95% interval
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.week}>
                  <th scope="row">{shortDay(r.weekStart)}</th>
                  <td className="num">{r.n}</td>
                  <td className="num">{num(r.mean, s.decimals)}</td>
                  <td className="num">
                    {r.lower === null ? "–" : `${num(r.lower, s.decimals)} to ${num(r.upper, s.decimals)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}

export function TrendsSection({
  weekly,
  checkups,
}: {
  weekly: readonly WeeklyTrendPoint[];
  checkups: readonly CheckupSeries[];
}) {
  return (
    <section className="insight-section" aria-labelledby="ins-trends" data-testid="trends-section">
      <h2 id="ins-trends">Over time</h2>
      {weekly.length === 0 ? (
        <p className="muted">Weekly trends appear after your first sessions.</p>
      ) : (
        <>
          <p className="muted">
            Weekly averages; the faint bars are 95% intervals (a week with one session has none). Weeks differ
            for many reasons — work, seasons, sleep — so read the shape, not single weeks.
          </p>
          <div className="trend-grid">
            <WeeklyChart weekly={weekly} k="anxietyBefore" colour={CHART.accent} />
            <WeeklyChart weekly={weekly} k="pleasantnessBefore" colour={CHART.sage} />
            <WeeklyChart weekly={weekly} k="tingles" colour="#c9a3c4" />
          </div>
        </>
      )}
      <CheckupTrends series={checkups} />
    </section>
  );
}

const CHECKUP_COLOURS = [CHART.accent, CHART.sage, "#c9a3c4", "#8fb3d9"];

function CheckupTrends({ series }: { series: readonly CheckupSeries[] }) {
  const scored = series.filter((s) => s.points.length > 0);
  if (scored.length === 0) return null;
  const name = (id: string) =>
    (INSTRUMENTS as Record<string, { shortTitle?: string } | undefined>)[id]?.shortTitle ?? id;
  const data = scored.flatMap((s) =>
    s.points.map((p) => ({
      ...p,
      instrumentId: s.instrumentId,
      instrument: name(s.instrumentId),
      when: utcDate(p.date),
    })),
  );
  return (
    <div className="insight-sub">
      <h3>Check-up totals</h3>
      <p className="muted">
        Screening scores, not a diagnosis. Each questionnaire has its own range; see{" "}
        <Link to="/checkups">Check-ups</Link> for the bands.
      </p>
      <PlotFigure
        testId="trend-checkups"
        deps={[data]}
        description={`Check-up totals over time: ${scored
          .map(
            (s) =>
              `${name(s.instrumentId)}: ${s.points.map((p) => `${shortDay(p.date)} ${p.total}`).join(", ")}`,
          )
          .join("; ")}.`}
        build={(Plot, width) =>
          Plot.plot({
            width,
            height: 200,
            marginLeft: 36,
            style: CHART_STYLE,
            x: { type: "utc", label: null, ticks: Math.max(2, Math.floor(width / 110)) },
            y: { label: "Total", grid: true, zero: true },
            color: {
              legend: true,
              domain: scored.map((s) => name(s.instrumentId)),
              range: CHECKUP_COLOURS,
            },
            marks: [
              Plot.gridY({ stroke: CHART.grid, strokeOpacity: 1 }),
              Plot.line(data, { x: "when", y: "total", stroke: "instrument", strokeWidth: 2 }),
              Plot.dot(data, { x: "when", y: "total", fill: "instrument", r: 3.5 }),
            ],
          }) as Element
        }
        table={
          <table className="table num-table">
            <caption>Check-up totals by date</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Check-up</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr
                  key={`${d.instrument}-${d.date}-${d.total}`}
                  data-date={d.date}
                  data-instrument={d.instrumentId}
                >
                  <th scope="row">{shortDay(d.date)}</th>
                  <td>{d.instrument}</td>
                  <td className="num">{d.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
