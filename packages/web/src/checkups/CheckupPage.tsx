import {
  type Answers,
  type CareAdvice,
  type ChoiceItem,
  careLevel,
  INSTRUMENTS,
  type InstrumentId,
  type InstrumentResponse,
  type InstrumentResult,
  type InstrumentSubmission,
  isInstrumentId,
  type MultiItem,
  optionsFor,
  scoreInstrument,
} from "@meridian/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { ritualApi } from "../api/ritual";
import { ErrorNote, Loading } from "../components/Status";
import { Link } from "../router/router";
import { CheckupResult } from "./CheckupResult";
import { cadenceSentence, type DraftAnswers, readDraft, writeDraft } from "./checkupText";
import { HistoryChart } from "./HistoryChart";

interface Done {
  result: InstrumentResult;
  care: CareAdvice;
  answers: Answers;
}

const dateFmt = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" });

export function CheckupPage({ instrumentId }: { instrumentId: string }) {
  if (!isInstrumentId(instrumentId)) {
    return (
      <div className="empty">
        <p>There is no check-up called “{instrumentId}”.</p>
        <Link to="/checkups" className="btn">
          All check-ups
        </Link>
      </div>
    );
  }
  return <Checkup id={instrumentId} />;
}

function Checkup({ id }: { id: InstrumentId }) {
  const instrument = INSTRUMENTS[id];
  const [answers, setAnswers] = useState<DraftAnswers>(() => readDraft(id));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [history, setHistory] = useState<InstrumentResponse[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  const loadHistory = useCallback(() => {
    ritualApi
      .checkups(id)
      .then((r) => setHistory(r.responses))
      .catch((err: unknown) => setHistoryError(errorMessage(err)));
  }, [id]);
  useEffect(loadHistory, [loadHistory]);

  function set(itemId: string, value: number | string[]) {
    const next = { ...answers, [itemId]: value };
    setAnswers(next);
    writeDraft(id, next);
    if (missing.includes(itemId)) setMissing(missing.filter((m) => m !== itemId));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = scoreInstrument(instrument, answers);
    if (!local.complete) {
      setMissing(local.missing);
      setError(
        local.missing.length > 0
          ? `Please answer every question (${local.missing.length} left). A score needs them all, so nothing is guessed.`
          : "Some answers aren't among the choices.",
      );
      const first = local.missing[0];
      if (first) document.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await ritualApi.submitCheckup({
        instrumentId: id,
        answers,
      } as InstrumentSubmission);
      const result = saved.result ?? local;
      setDone({ result, care: saved.care ?? careLevel(result), answers });
      writeDraft(id, null);
      setAnswers({});
      loadHistory();
      window.scrollTo(0, 0);
      requestAnimationFrame(() => document.getElementById("result-heading")?.focus());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const last = history?.at(-1) ?? null;

  return (
    <div className="prose-width checkup-page">
      <p className="small">
        <Link to="/checkups">← All check-ups</Link>
      </p>
      <h1>{instrument.title}</h1>
      {done ? (
        <>
          <CheckupResult instrument={instrument} {...done} />
          <div className="after-card">
            <p className="muted small" data-testid="cadence">
              {cadenceSentence(instrument)}
            </p>
          </div>
        </>
      ) : (
        <>
          <p>{instrument.about}</p>
          <p className="muted small" data-testid="cadence">
            {cadenceSentence(instrument)}
            {last ? ` Last taken ${dateFmt.format(new Date(last.completedAt))}.` : ""}
          </p>
          <form className="checkup-form" onSubmit={submit} noValidate>
            <p className="instructions">{instrument.instructions}</p>
            <ol className="items">
              {instrument.items.map((item) => (
                <li key={item.id}>
                  {item.kind === "choice" ? (
                    <ChoiceQuestion
                      item={item}
                      options={optionsFor(instrument, item)}
                      value={typeof answers[item.id] === "number" ? (answers[item.id] as number) : null}
                      missing={missing.includes(item.id)}
                      onChange={(v) => set(item.id, v)}
                    />
                  ) : (
                    <MultiQuestion
                      item={item}
                      value={Array.isArray(answers[item.id]) ? (answers[item.id] as string[]) : []}
                      onChange={(v) => set(item.id, v)}
                    />
                  )}
                </li>
              ))}
            </ol>
            <p className="credit small muted" data-testid="form-credit">
              {instrument.credit}
            </p>
            {error && (
              <p className="alert alert-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : "See my result"}
            </button>
          </form>
        </>
      )}
      {instrument.scoring.kind === "sum" && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Your history</h2>
          {historyError ? (
            <ErrorNote>Could not load your history: {historyError}</ErrorNote>
          ) : history === null ? (
            <Loading label="Loading your history…" />
          ) : (
            <HistoryChart instrument={instrument} responses={history} />
          )}
        </section>
      )}
    </div>
  );
}

function ChoiceQuestion(props: {
  item: ChoiceItem;
  options: readonly { value: number; label: string }[];
  value: number | null;
  missing: boolean;
  onChange(v: number): void;
}) {
  const { item, options, value, missing, onChange } = props;
  return (
    <fieldset className="question" aria-invalid={missing || undefined} data-missing={missing || undefined}>
      <legend>
        {item.text}
        {item.optional && <span className="muted small"> (optional)</span>}
      </legend>
      {item.note && <p className="muted small">{item.note}</p>}
      <div className="options">
        {options.map((o) => (
          <label key={o.value} className="option">
            <input
              type="radio"
              name={item.id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {missing && <p className="error-text small">Please choose an answer.</p>}
    </fieldset>
  );
}

function MultiQuestion(props: { item: MultiItem; value: string[]; onChange(v: string[]): void }) {
  const { item, value, onChange } = props;
  return (
    <fieldset className="question">
      <legend>
        {item.text}
        {item.optional && <span className="muted small"> (optional)</span>}
      </legend>
      {item.hint && <p className="muted small">{item.hint}</p>}
      <div className="chips">
        {item.choices.map((c) => (
          <label key={c.id} className="chip chip-check">
            <input
              type="checkbox"
              name={item.id}
              checked={value.includes(c.id)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, c.id] : value.filter((x) => x !== c.id))
              }
            />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
