import { addDays, type Consistency, calendarDays, dayNumber, mondayOf } from "@meridian/core";
import { useState } from "react";
import { fmtSigned, longDay, sessionsText, shortDay, utcDate } from "./labels";
import { CHART, CHART_STYLE, PlotFigure } from "./PlotFigure";

type ColourBy = "mood" | "change";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

interface Cell {
  date: string;
  week: Date;
  weekday: string;
  value: number | null;
  n: number;
  title: string;
}

/** Up to a year of days, Monday-first columns, from the first session's week (at least 13 weeks). */
function calendarCells(c: Consistency, colourBy: ColourBy, today: string): Cell[] {
  const source = calendarDays(c.calendar, colourBy === "mood" ? "checkInPleasantness" : "anxietyChange");
  const counts = new Map(c.calendar.dates.map((date, i) => [date, c.calendar.sessions[i] ?? 0]));
  const values = new Map(source.map((d) => [d.date, d]));
  const todayN = dayNumber(today);
  const first = c.calendar.dates[0] ?? today;
  const lastMonday = mondayOf(todayN);
  const start = Math.max(Math.min(mondayOf(dayNumber(first)), lastMonday - 12 * 7), lastMonday - 52 * 7);
  const cells: Cell[] = [];
  for (let day = start; day <= todayN; day++) {
    const date = addDays(today, day - todayN);
    const v = values.get(date);
    const n = counts.get(date) ?? 0;
    const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7] ?? "Mon";
    let title = `${longDay(date)}: no session`;
    if (n > 0) {
      const what =
        colourBy === "mood"
          ? `check-in pleasantness ${v ? v.value.toFixed(1) : "–"} of 9`
          : v
            ? `anxiety change ${fmtSigned(v.value, "anxiety")}`
            : "no check-out";
      title = `${longDay(date)}: ${sessionsText(n)}, ${what}`;
    }
    cells.push({
      date,
      week: utcDate(addDays(today, mondayOf(day) - todayN)),
      weekday,
      value: v ? v.value : null,
      n,
      title,
    });
  }
  return cells;
}

export function ConsistencySection({ consistency, today }: { consistency: Consistency; today: string }) {
  const [colourBy, setColourBy] = useState<ColourBy>("mood");
  const weeks = consistency.sessionsPerWeek.slice(-26);
  const weekRows = weeks.map((w) => ({
    ...w,
    start: utcDate(w.weekStart),
    end: utcDate(addDays(w.weekStart, 7)),
  }));
  const cells = calendarCells(consistency, colourBy, today);
  const withSessions = cells.filter((c) => c.n > 0);
  const s = consistency.showingUp;

  return (
    <section className="insight-section" aria-labelledby="ins-consistency" data-testid="consistency-section">
      <h2 id="ins-consistency">Showing up</h2>
      {s && (
        <p data-testid="showing-up">
          You made time for yourself on {sessionsText(s.daysThisMonth, "day")} this month
          {s.daysThisWeek > 0 ? ` and ${sessionsText(s.daysThisWeek, "day")} this week` : ""}. Gaps are part
          of it: rest days count too, and there is nothing to keep up.
        </p>
      )}

      {weekRows.length > 0 && (
        <div className="insight-sub">
          <h3>Sessions per week</h3>
          <PlotFigure
            testId="weekly-sessions"
            deps={[weekRows]}
            description={`Sessions per week: ${weekRows.map((w) => `week of ${shortDay(w.weekStart)}, ${w.sessions}`).join("; ")}.`}
            build={(Plot, width) =>
              Plot.plot({
                width,
                height: 160,
                marginLeft: 32,
                style: CHART_STYLE,
                x: { type: "utc", label: null, ticks: Math.max(2, Math.floor(width / 110)) },
                y: { label: null, grid: true, ticks: 4, tickFormat: "d" },
                marks: [
                  Plot.gridY({ stroke: CHART.grid, strokeOpacity: 1, ticks: 4 }),
                  Plot.rectY(weekRows, {
                    x1: "start",
                    x2: "end",
                    y: "sessions",
                    fill: CHART.sage,
                    inset: 1.5,
                    rx: 2,
                  }),
                  Plot.ruleY([0], { stroke: CHART.zero }),
                ],
              }) as Element
            }
            table={
              <table className="table num-table">
                <caption>Sessions per week</caption>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col" className="num">
                      Sessions
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {weekRows.map((w) => (
                    <tr key={w.week}>
                      <th scope="row">{shortDay(w.weekStart)}</th>
                      <td className="num">{w.sessions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </div>
      )}

      <div className="insight-sub">
        <h3>Your days in colour</h3>
        <div className="insight-controls">
          <fieldset className="segmented">
            <legend>Colour by</legend>
            <label>
              <input
                type="radio"
                name="ins-colour"
                checked={colourBy === "mood"}
                onChange={() => setColourBy("mood")}
              />
              <span>Check-in mood</span>
            </label>
            <label>
              <input
                type="radio"
                name="ins-colour"
                checked={colourBy === "change"}
                onChange={() => setColourBy("change")}
              />
              <span>Change in anxiety</span>
            </label>
          </fieldset>
        </div>
        <p className="muted small">
          {colourBy === "mood"
            ? "Each square is a day; its colour is how pleasant you felt when you checked in (1–9). Empty squares are days without a session."
            : "Each square is a day; green where anxiety went down between check-in and check-out, warm where it went up, outlined where a session had no check-out."}
        </p>
        <PlotFigure
          testId="calendar"
          deps={[cells, colourBy]}
          description={`Calendar of ${sessionsText(withSessions.length, "day")} with sessions, coloured by ${colourBy === "mood" ? "check-in pleasantness" : "change in anxiety"}.`}
          build={(Plot, width) => {
            const weeksShown = new Set(cells.map((c) => c.week.getTime())).size;
            const cell = Math.max(9, Math.min(26, Math.floor((width - 40) / weeksShown)));
            const chartWidth = Math.min(width, 40 + cell * weeksShown);
            const filled = cells.filter((c) => c.value !== null);
            const color =
              colourBy === "mood"
                ? {
                    type: "linear" as const,
                    domain: [1, 5, 9],
                    range: ["#6a5a9c", "#a08c8a", "#f0cf86"],
                    label: "Check-in pleasantness (1 unpleasant … 9 pleasant)",
                  }
                : {
                    type: "linear" as const,
                    domain: [-30, 0, 30],
                    range: ["#8fdcc2", "#5a4f45", "#f0a070"],
                    clamp: true,
                    label: "Anxiety change (points; below 0 = calmer at check-out)",
                  };
            return Plot.plot({
              width: chartWidth,
              height: 24 + cell * 7 + 24,
              marginLeft: 34,
              marginRight: 4,
              marginTop: 22,
              marginBottom: 4,
              padding: 0.12,
              style: CHART_STYLE,
              x: {
                type: "band",
                axis: "top",
                label: null,
                tickSize: 0,
                tickFormat: (d: Date) =>
                  d.getUTCDate() <= 7 ? d.toLocaleString(undefined, { month: "short", timeZone: "UTC" }) : "",
              },
              y: {
                domain: WEEKDAYS,
                label: null,
                tickSize: 0,
                tickFormat: (d: string) => (d === "Mon" || d === "Wed" || d === "Fri" ? d : ""),
              },
              color: { ...color, legend: true, marginLeft: 12, width: 280 } as never,
              marks: [
                Plot.cell(cells, {
                  x: "week",
                  y: "weekday",
                  fill: CHART.empty,
                  stroke: CHART.emptyStroke,
                  rx: 2,
                }),
                Plot.cell(
                  cells.filter((c) => c.n > 0 && c.value === null),
                  {
                    x: "week",
                    y: "weekday",
                    fill: CHART.empty,
                    stroke: "#8a7a68",
                    strokeWidth: 1,
                    rx: 2,
                    title: "title",
                  },
                ),
                Plot.cell(filled, { x: "week", y: "weekday", fill: "value", rx: 2, title: "title" }),
                Plot.cell(
                  cells.filter((c) => c.date === today),
                  { x: "week", y: "weekday", stroke: CHART.strong, strokeWidth: 1.5, fill: "none", rx: 2 },
                ),
              ],
            }) as Element;
          }}
          tableLabel={`Days with sessions as a table (${withSessions.length})`}
          table={
            <table className="table num-table" data-testid="calendar-data">
              <caption>Days with sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">
                    Sessions
                  </th>
                  <th scope="col" className="num">
                    {colourBy === "mood" ? "Check-in pleasantness (1–9)" : "Anxiety change"}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...withSessions].reverse().map((c) => (
                  <tr key={c.date} data-date={c.date}>
                    <th scope="row">{longDay(c.date)}</th>
                    <td className="num">{c.n}</td>
                    <td className="num">
                      {c.value === null
                        ? "–"
                        : colourBy === "mood"
                          ? c.value.toFixed(1)
                          : fmtSigned(c.value, "anxiety")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>
    </section>
  );
}
