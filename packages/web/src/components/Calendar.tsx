import { addMonths, monthGrid, monthLabel, ymd } from "../lib/dates";

interface Props {
  year: number;
  month: number;
  counts: ReadonlyMap<string, number>;
  today: string;
  selected: string | null;
  onMonth(year: number, month: number): void;
  onSelect(date: string | null): void;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** A month view marking days that have entries; days with entries are buttons that filter the list. */
export function Calendar({ year, month, counts, today, selected, onMonth, onSelect }: Props) {
  const prev = addMonths(year, month, -1);
  const next = addMonths(year, month, 1);
  const label = monthLabel(year, month);
  return (
    <section className="calendar card" aria-labelledby="calendar-heading">
      <div className="calendar-head">
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => onMonth(prev.year, prev.month)}
          aria-label={`Previous month, ${monthLabel(prev.year, prev.month)}`}
        >
          ‹
        </button>
        <h2 id="calendar-heading" aria-live="polite">
          {label}
        </h2>
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => onMonth(next.year, next.month)}
          aria-label={`Next month, ${monthLabel(next.year, next.month)}`}
        >
          ›
        </button>
      </div>
      <table>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col" abbr={d}>
                {d.slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week) => (
            <tr key={week.join("-")}>
              {week.map((day, i) => {
                if (day === null) {
                  // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have no identity
                  return <td key={`pad-${i}`} />;
                }
                const date = ymd(year, month, day);
                const count = counts.get(date) ?? 0;
                const cls = `day${count > 0 ? " has-entries" : ""}${date === today ? " is-today" : ""}`;
                return (
                  <td key={date}>
                    {count > 0 ? (
                      <button
                        type="button"
                        className={cls}
                        aria-pressed={selected === date}
                        aria-label={`${date}: ${count} ${count === 1 ? "entry" : "entries"}`}
                        data-date={date}
                        onClick={() => onSelect(selected === date ? null : date)}
                      >
                        {day}
                      </button>
                    ) : (
                      <span className={cls} data-date={date}>
                        <span className="day-num">{day}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
