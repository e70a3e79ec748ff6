import { type ReactNode, useEffect, useRef, useState } from "react";
import { allowStyles } from "../lib/cspNonce";

export type PlotModule = typeof import("@observablehq/plot");

let plotModule: Promise<PlotModule> | null = null;
function loadPlot(): Promise<PlotModule> {
  plotModule ??= import("@observablehq/plot");
  return plotModule;
}

/** Dark-theme colours for charts (the same palette as the CSS variables). */
export const CHART = {
  text: "#a89a88",
  strong: "#ede3d1",
  accent: "#d9b779",
  sage: "#9dbcaf",
  grid: "#3b3229",
  zero: "#7d6e5c",
  empty: "#231d17",
  emptyStroke: "#2e2620",
  bg: "#1e1915",
} as const;

export const CHART_STYLE = {
  background: "transparent",
  color: CHART.text,
  fontSize: "12px",
  overflow: "visible",
} as const;

interface Props {
  /** Builds the chart for the available width; null draws nothing. */
  build: (Plot: PlotModule, width: number) => Element | null;
  /** Re-draws when any of these change. */
  deps: readonly unknown[];
  testId?: string;
  /** Visually hidden text description of what the chart shows. */
  description: string;
  /** The accessible alternative: a table with every number the chart shows (omit when the section
   * already shows one for this chart). */
  table?: ReactNode;
  /** A line under the chart, e.g. which direction is "calmer". */
  note?: ReactNode;
  tableLabel?: string;
  maxWidth?: number;
}

/**
 * An Observable Plot chart, drawn after the chart library loads and again when the container's
 * width changes; its data table (a real <table>) sits in a <details> right below it.
 */
export function PlotFigure({
  build,
  deps,
  testId,
  description,
  table,
  tableLabel,
  note,
  maxWidth = 720,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => setWidth(Math.min(maxWidth, Math.floor(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [maxWidth]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws on the caller's deps and width
  useEffect(() => {
    const el = host.current;
    if (!el || width === 0) return;
    let live = true;
    let chart: Element | null = null;
    loadPlot()
      .then((Plot) => {
        if (!live) return;
        chart = build(Plot, width);
        if (chart) el.replaceChildren(allowStyles(chart));
        else el.replaceChildren();
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      chart?.remove();
    };
  }, [width, ...deps]);

  return (
    <figure className="insight-figure">
      <div ref={host} className="chart-host insight-chart" data-testid={testId} aria-hidden="true" />
      <figcaption className="visually-hidden">{description}</figcaption>
      {failed && (
        <p className="muted small">The chart couldn't be drawn; the table below has every number.</p>
      )}
      {note && <p className="muted small chart-note">{note}</p>}
      {table && (
        <details className="insight-table" data-testid={testId ? `${testId}-table` : undefined}>
          <summary>{tableLabel ?? "Show as a table"}</summary>
          <div className="table-scroll">{table}</div>
        </details>
      )}
    </figure>
  );
}
