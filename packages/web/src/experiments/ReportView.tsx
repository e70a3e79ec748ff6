import type { Experiment, ExperimentAnalysis, ExperimentReportView, ReportData } from "@meridian/core";
import { useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { experimentsApi } from "../api/experiments";
import { ErrorNote, Loading } from "../components/Status";
import { CHART, CHART_STYLE, PlotFigure, type PlotModule } from "../insights/PlotFigure";
import { Link } from "../router/router";
import { OUTCOME_LABELS } from "./design";
import {
  type ChartRow,
  chartRows,
  deviationLines,
  STATUS_LABELS,
  secondaryRows,
  statisticsRows,
} from "./view";
import "../insights/insights.css";

function eveningsPlot(Plot: PlotModule, width: number, rows: ChartRow[], data: ReportData): Element | null {
  const recorded = rows.filter((r) => r.outcome !== null);
  if (recorded.length === 0) return null;
  return Plot.plot({
    width,
    height: 260,
    style: CHART_STYLE,
    marginLeft: 48,
    x: { label: "Evening", tickFormat: "d", domain: [0.5, rows.length + 0.5] },
    y: { label: `${OUTCOME_LABELS[data.outcome]}, ${data.unit}`, grid: true },
    color: {
      domain: [data.labels.condition, data.labels.control],
      range: [CHART.accent, CHART.sage],
      legend: true,
    },
    marks: [
      Plot.ruleY([0], { stroke: CHART.zero }),
      Plot.dot(recorded, {
        x: "evening",
        y: "outcome",
        fill: "arm",
        r: 5,
        symbol: "arm",
        tip: true,
      }),
    ],
  });
}

/** The report once the experiment has ended: verdict, chart with its table, statistics,
 * plan hash, deviations, and the Markdown download. */
export function ReportView({ experiment }: { experiment: Experiment }) {
  const [report, setReport] = useState<ExperimentReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    experimentsApi
      .report(experiment.id)
      .then((r) => live && setReport(r))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [experiment.id]);

  if (error) return <ErrorNote>Could not open the report: {error}</ErrorNote>;
  if (!report) return <Loading label="Working out the report…" />;
  // The report route's `data` is core ReportData (docs/api-experiments.md).
  const data = report.data as unknown as ReportData;
  const rows = chartRows(data);
  const stats = statisticsRows(data);
  const deviations = deviationLines(data);
  const secondary = secondaryRows(report.secondary as unknown as ExperimentAnalysis[]);
  return (
    <div className="prose-width experiment-report" data-testid="experiment-report">
      <p className="small">
        <Link to="/experiments">All experiments</Link>
      </p>
      <h1>{experiment.name}: report</h1>
      <p className="muted">
        {STATUS_LABELS[report.experiment.status]} · {data.labels.condition} was Soundscape{" "}
        {data.blinding.condition}
      </p>
      <section className="card" aria-labelledby="exp-verdict">
        <h2 id="exp-verdict" className="flush-top">
          Verdict
        </h2>
        <p className="experiment-verdict" data-testid="experiment-verdict">
          {data.verdict.headline}
        </p>
        {data.verdict.details.map((s) => (
          <p key={s}>{s}</p>
        ))}
        <p className="muted small">
          A personal experiment on your own evenings: it describes how these sounds went for you, not a
          diagnosis or a treatment.
        </p>
      </section>

      <section aria-labelledby="exp-chart">
        <h2 id="exp-chart">Each evening</h2>
        <PlotFigure
          testId="experiment-chart"
          deps={[report]}
          description={`${data.analysis.outcome} on each evening: ${rows
            .map((r) => `evening ${r.evening}, ${r.arm}, ${r.outcome ?? "missed"}`)
            .join("; ")}.`}
          build={(Plot, width) => eveningsPlot(Plot, width, rows, data)}
          note={
            rows.some((r) => r.outcome !== null)
              ? `${data.benefit === "lower" ? "Lower" : "Higher"} is better.`
              : "No evening was recorded, so there is nothing to draw."
          }
          table={
            <table className="table num-table" data-testid="experiment-chart-data">
              <caption>Each evening's outcome by soundscape</caption>
              <thead>
                <tr>
                  <th scope="col">Evening</th>
                  <th scope="col">Date</th>
                  <th scope="col">Soundscape</th>
                  <th scope="col">Arm</th>
                  <th scope="col" className="num">
                    Outcome ({data.unit})
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.evening}>
                    <td>{r.evening}</td>
                    <td>{r.date}</td>
                    <td>{r.soundscape}</td>
                    <td>{r.arm}</td>
                    <td className="num">{r.outcome ?? "missed"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </section>

      <section aria-labelledby="exp-stats">
        <h2 id="exp-stats">Statistics</h2>
        <table className="table" data-testid="experiment-stats">
          <caption className="visually-hidden">Statistics of the main outcome</caption>
          <tbody>
            {stats.map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                <td>{s.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {secondary.length > 0 && (
        <section aria-labelledby="exp-secondary">
          <h2 id="exp-secondary">Also looked at</h2>
          <p className="muted small">
            Mean difference over complete pairs. These were not the question the experiment was planned for,
            so read them as hints.
          </p>
          <table className="table" data-testid="experiment-secondary">
            <caption className="visually-hidden">Secondary outcomes</caption>
            <tbody>
              {secondary.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td>{s.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="exp-prereg">
        <h2 id="exp-prereg">Plan and deviations</h2>
        <p>
          The plan was frozen at the start. Its SHA-256:{" "}
          <code className="experiment-hash" data-testid="experiment-hash">
            {data.planHash}
          </code>
        </p>
        {deviations.length ? (
          <ul data-testid="experiment-deviations">
            {deviations.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="experiment-deviations">None: every evening was recorded as planned.</p>
        )}
        {experiment.controlNote && <p className="muted small">{experiment.controlNote}</p>}
      </section>

      <div className="row">
        <a
          className="btn"
          href={experimentsApi.reportMarkdownUrl(experiment.id)}
          download={`experiment-report-${experiment.id}.md`}
        >
          Download Markdown
        </a>
      </div>
    </div>
  );
}
