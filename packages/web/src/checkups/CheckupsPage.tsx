import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentResponse } from "@meridian/core";
import { useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { type DueCheckup, ritualApi } from "../api/ritual";
import { ErrorNote, Skeletons } from "../components/Status";
import { Link } from "../router/router";
import { cadenceText } from "./checkupText";

const dateFmt = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" });

export function CheckupsPage() {
  const [due, setDue] = useState<DueCheckup[] | null>(null);
  const [latest, setLatest] = useState<Map<string, InstrumentResponse> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([ritualApi.dueCheckups(), ritualApi.checkups()])
      .then(([d, r]) => {
        if (!live) return;
        setDue(d.due);
        const m = new Map<string, InstrumentResponse>();
        for (const x of r.responses) m.set(x.instrumentId, x); // oldest first: the last one wins
        setLatest(m);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="prose-width">
      <h1>Check-ups</h1>
      <p>
        Short, widely used questionnaires to notice patterns over weeks. They are screening tools and
        self-descriptions, never a diagnosis; a GP or another health professional can look at the whole
        picture with you.
      </p>
      {error && <ErrorNote>Could not load your check-ups: {error}</ErrorNote>}
      {!error && due === null && <Skeletons count={4} />}
      {due !== null && (
        <ul className="checkup-list">
          {INSTRUMENT_IDS.map((id) => {
            const ins = INSTRUMENTS[id];
            const d = due.find((x) => x.instrumentId === id);
            const last = latest?.get(id);
            const status = !last
              ? "Not taken yet"
              : d?.overdue || (d?.dueAt && Date.parse(d.dueAt) <= Date.now())
                ? "Due now"
                : d?.dueAt
                  ? `Next suggested ${dateFmt.format(new Date(d.dueAt))}`
                  : `Last taken ${dateFmt.format(new Date(last.completedAt))}`;
            return (
              <li key={id} className="checkup-item card">
                <div>
                  <h2 className="flush-top">
                    <Link to={`/checkups/${id}`}>{ins.title}</Link>
                  </h2>
                  <p className="small">{ins.about}</p>
                  <p className="muted small">
                    {status} · suggested {cadenceText(ins.cadenceDays)}
                    {last?.total != null
                      ? ` · last score ${last.total}${last.bandLabel ? ` (${last.bandLabel})` : ""}`
                      : ""}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
