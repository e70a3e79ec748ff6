import {
  type Answers,
  ASMR_REASONS,
  ASMR_TRIGGERS,
  type CareAdvice,
  type Instrument,
  type InstrumentResult,
  summarizeAsmrProfile,
} from "@meridian/core";
import { CrisisResources } from "../components/CrisisResources";

interface Props {
  instrument: Instrument;
  result: InstrumentResult;
  care: CareAdvice;
  answers: Answers;
}

const label = (list: readonly { id: string; label: string }[], ids: readonly string[]) =>
  ids.map((id) => list.find((x) => x.id === id)?.label ?? id).join(", ");

/** One check-up's result: score and band with "not a diagnosis", credit line, and crisis
 * resources — at the top and emphasised when careLevel says prominent, otherwise at the foot. */
export function CheckupResult({ instrument, result, care, answers }: Props) {
  const prominent = care.level === "prominent";
  const crisis = (
    <CrisisResources prominent={prominent} message={care.message} headingLevel={3} id="result-crisis" />
  );
  const profile = instrument.scoring.kind === "none" ? summarizeAsmrProfile(answers) : null;
  return (
    <section className="card result-card" aria-labelledby="result-heading" data-testid="checkup-result">
      {prominent && crisis}
      <h2 id="result-heading" className={prominent ? "" : "flush-top"}>
        Your result
      </h2>
      {result.screening && (
        <p className="not-diagnosis" data-testid="not-diagnosis">
          Screening score, not a diagnosis
        </p>
      )}
      {result.total !== null && result.range && (
        <p className="result-score">
          <span className="result-number" data-testid="result-total">
            {result.total}
          </span>{" "}
          <span className="muted">
            of {result.range.max}
            {result.range.min !== 0 ? ` (scale ${result.range.min}–${result.range.max})` : ""}
          </span>
          {result.bandLabel && (
            <span className="band-chip" data-testid="result-band">
              {result.bandLabel}
            </span>
          )}
        </p>
      )}
      {result.derived.neuroticism !== undefined && (
        <p className="muted small">Read as neuroticism (60 − score): {result.derived.neuroticism}.</p>
      )}
      <p>{result.interpretation}</p>
      {profile && (
        <dl className="profile-list">
          <dt>Tingles</dt>
          <dd>{profile.tingles ?? "not answered"}</dd>
          {profile.triggers.length > 0 && (
            <>
              <dt>Sounds that help</dt>
              <dd>{label(ASMR_TRIGGERS, profile.triggers)}</dd>
            </>
          )}
          {profile.avoid.length > 0 && (
            <>
              <dt>Sounds to leave out</dt>
              <dd>{label(ASMR_TRIGGERS, profile.avoid)}</dd>
            </>
          )}
          {profile.reasons.length > 0 && (
            <>
              <dt>Why you listen</dt>
              <dd>{label(ASMR_REASONS, profile.reasons)}</dd>
            </>
          )}
        </dl>
      )}
      {care.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      <p className="credit small muted" data-testid="result-credit">
        {instrument.credit}
      </p>
      {!prominent && crisis}
    </section>
  );
}
