/** One line of the benchmark table. `ratio` compares `value` with `baseline` measured in the same run. */
export interface BenchRow {
  readonly section: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The same measure for the baseline (e.g. raw driver inserts), same process, same run. */
  readonly baseline?: number;
  readonly baselineName?: string;
  /** Target as text, e.g. "≥ 2000" — shown, and checked by `meetsTarget`. */
  readonly target?: string;
}

export function ratio(row: BenchRow): number | undefined {
  if (row.baseline === undefined || row.baseline === 0) return undefined;
  return row.value / row.baseline;
}

/** Parses "≥ 300", "<= 10", "< 150" and checks the value against it. */
export function meetsTarget(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined;
  const m = /^(≥|>=|≤|<=|<|>)\s*([\d.]+)/.exec(row.target.trim());
  if (!m) return undefined;
  const limit = Number(m[2]);
  switch (m[1]) {
    case "≥":
    case ">=":
      return row.value >= limit;
    case ">":
      return row.value > limit;
    case "≤":
    case "<=":
      return row.value <= limit;
    default:
      return row.value < limit;
  }
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "–";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Renders rows as a fixed-width text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ["section", "measure", "value", "unit", "baseline", "ratio", "target", "ok"];
  const body = rows.map((r) => {
    const ok = meetsTarget(r);
    return [
      r.section,
      r.name,
      fmt(r.value),
      r.unit,
      r.baseline === undefined ? "–" : `${fmt(r.baseline)} (${r.baselineName ?? "baseline"})`,
      ratio(r) === undefined ? "–" : `${fmt(ratio(r))}×`,
      r.target ?? "–",
      ok === undefined ? "" : ok ? "yes" : "NO",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx] as number;
}
