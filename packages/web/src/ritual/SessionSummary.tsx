import { describeChange, type Session } from "@meridian/core";
import { api } from "../api/client";
import { Link } from "../router/router";
import { entryToRead, ReadBackButton } from "../voice/ReadBackButton";

/** The summary card: what changed between check-in and check-out, in plain words and numbers. */
export function SessionSummary({ session }: { session: Session }) {
  if (!session.checkOut) {
    return (
      <section className="card summary-card" aria-labelledby="summary-heading" data-testid="session-summary">
        <h2 id="summary-heading" className="flush-top">
          You didn't check out — that's fine
        </h2>
        <p>
          This session has your check-in only. Nothing has been filled in for you, so it stays as it is:
          pleasantness {session.checkIn.pleasantness} of 9, energy {session.checkIn.energy} of 9, anxiety{" "}
          {session.checkIn.anxiety} of 100.
        </p>
      </section>
    );
  }
  const change = describeChange(session.checkIn, session.checkOut);
  return (
    <section className="card summary-card" aria-labelledby="summary-heading" data-testid="session-summary">
      <h2 id="summary-heading" className="flush-top">
        What changed
      </h2>
      <p className="summary-headline">{change.headline}</p>
      <table className="table change-table">
        <caption className="visually-hidden">Check-in and check-out ratings</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Check-in</th>
            <th scope="col">Check-out</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {change.measures.map((m) => (
            <tr key={m.key} data-testid={`change-${m.key}`}>
              <th scope="row">
                {m.label}{" "}
                <span className="muted small">
                  ({m.min}–{m.max})
                </span>
              </th>
              <td>{m.before ?? "—"}</td>
              <td>{m.after ?? "—"}</td>
              <td>
                {m.delta === null
                  ? "not rated"
                  : m.delta === 0
                    ? "no change"
                    : `${m.delta > 0 ? "+" : "−"}${Math.abs(m.delta)} (${m.direction})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="summary-lines">
        {change.measures.map((m) => (
          <li key={m.key}>{m.text}</li>
        ))}
        <li data-testid="summary-tingles">{change.tingles.text}</li>
        <li>{change.relaxation.text}</li>
      </ul>
      {session.checkOut.note && <p className="summary-note">“{session.checkOut.note}”</p>}
      <p className="muted small caveat">{change.caveat}</p>
      {session.entryId && (
        <p className="small">
          <Link to={`/entries/${encodeURIComponent(session.entryId)}`}>Read what you wrote</Link>
        </p>
      )}
      {session.entryId && (
        <ReadBackButton text={async () => entryToRead(await api.entry(session.entryId as string))} />
      )}
    </section>
  );
}
