import {
  type CheckIn,
  type CheckOut,
  MEASURE_QUESTIONS,
  type Mood,
  TINGLE_LOCATION_LABELS,
  TINGLE_LOCATIONS,
  type TingleLocation,
  tingleWord,
} from "@meridian/core";
import { type FormEvent, type ReactNode, useState } from "react";
import { MoodGrid } from "./MoodGrid";
import { RatingSlider } from "./RatingSlider";

type Errors = Partial<Record<"mood" | "anxiety" | "tingles" | "relaxation", string>>;

interface CommonProps {
  submitLabel: string;
  busy?: boolean;
  /** A server error to show above the button. */
  error?: string | null;
  /** Extra buttons next to submit (e.g. Back). */
  extra?: ReactNode;
}

interface InProps extends CommonProps {
  mode: "in";
  initial?: CheckIn | null;
  onSubmit(values: CheckIn): void;
}

interface OutProps extends CommonProps {
  mode: "out";
  initial?: CheckOut | null;
  onSubmit(values: CheckOut): void;
}

const Q = MEASURE_QUESTIONS;

/** The check-in measures, and for check-out the same plus tingles, where, relaxation and a note. */
export function MeasuresForm(props: InProps | OutProps) {
  const init = props.initial ?? null;
  const [mood, setMood] = useState<Mood | null>(
    init ? { pleasantness: init.pleasantness, energy: init.energy } : null,
  );
  const [anxiety, setAnxiety] = useState<number | null>(init?.anxiety ?? null);
  const [withStress, setWithStress] = useState(init?.stress != null);
  const [stress, setStress] = useState<number | null>(init?.stress ?? null);
  const outInit = props.mode === "out" ? props.initial : null;
  const [tingles, setTingles] = useState<number | null>(outInit?.tingles ?? null);
  const [locations, setLocations] = useState<TingleLocation[]>([...(outInit?.tingleLocations ?? [])]);
  const [relaxation, setRelaxation] = useState<number | null>(outInit?.relaxation ?? null);
  const [note, setNote] = useState(outInit?.note ?? "");
  const [errors, setErrors] = useState<Errors>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!mood) next.mood = "Choose a square on the grid (any square is fine).";
    if (anxiety === null) next.anxiety = "Move the slider to rate how anxious you feel.";
    if (props.mode === "out") {
      if (tingles === null) next.tingles = "Move the slider to rate tingles (0 if there were none).";
      if (relaxation === null) next.relaxation = "Move the slider to rate how relaxed you feel.";
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !mood || anxiety === null) {
      const first = document.querySelector<HTMLElement>(
        next.mood ? '.mood-cell[tabindex="0"]' : '[aria-invalid="true"]',
      );
      first?.focus();
      return;
    }
    const base: CheckIn = { ...mood, anxiety, stress: withStress ? stress : null };
    if (props.mode === "in") {
      props.onSubmit(base);
    } else if (tingles !== null && relaxation !== null) {
      props.onSubmit({
        ...base,
        tingles,
        tingleLocations: tingles > 0 ? locations : [],
        relaxation,
        note: note.trim() === "" ? null : note.trim(),
      });
    }
  }

  const clear = (k: keyof Errors) => setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  const toggleLocation = (l: TingleLocation, on: boolean) =>
    setLocations((prev) => (on ? [...prev.filter((x) => x !== l), l] : prev.filter((x) => x !== l)));

  return (
    <form className="measures stack" onSubmit={submit} noValidate>
      <MoodGrid
        value={mood}
        onChange={(m) => {
          setMood(m);
          clear("mood");
        }}
        error={errors.mood ?? null}
      />
      <RatingSlider
        label={Q.anxiety.question}
        min={0}
        max={100}
        value={anxiety}
        onChange={(v) => {
          setAnxiety(v);
          clear("anxiety");
        }}
        anchors={Q.anxiety.anchors}
        error={errors.anxiety ?? null}
        testId="anxiety"
      />
      <fieldset className="optional-measure">
        <legend className="visually-hidden">Stress (optional)</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={withStress}
            onChange={(e) => {
              setWithStress(e.target.checked);
              if (!e.target.checked) setStress(null);
            }}
          />{" "}
          Also rate stress (optional)
        </label>
        {withStress && (
          <RatingSlider
            label={Q.stress.question}
            min={0}
            max={10}
            value={stress}
            onChange={setStress}
            anchors={Q.stress.anchors}
            testId="stress"
          />
        )}
      </fieldset>
      {props.mode === "out" && (
        <>
          <RatingSlider
            label={Q.tingles.question}
            min={0}
            max={10}
            value={tingles}
            onChange={(v) => {
              setTingles(v);
              clear("tingles");
            }}
            anchors={Q.tingles.anchors}
            describe={tingleWord}
            error={errors.tingles ?? null}
            testId="tingles"
          />
          {tingles !== null && tingles > 0 && (
            <fieldset className="field tingle-places">
              <legend className="measure-question">{Q.tingleLocations.question}</legend>
              <div className="chips">
                {TINGLE_LOCATIONS.map((l) => (
                  <label key={l} className="chip chip-check">
                    <input
                      type="checkbox"
                      checked={locations.includes(l)}
                      onChange={(e) => toggleLocation(l, e.target.checked)}
                    />
                    {TINGLE_LOCATION_LABELS[l]}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <RatingSlider
            label={Q.relaxation.question}
            min={0}
            max={10}
            value={relaxation}
            onChange={(v) => {
              setRelaxation(v);
              clear("relaxation");
            }}
            anchors={Q.relaxation.anchors}
            error={errors.relaxation ?? null}
            testId="relaxation"
          />
          <div className="field">
            <label htmlFor="checkout-note" className="measure-question">
              {Q.note.question}
            </label>
            <textarea
              id="checkout-note"
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
        </>
      )}
      {props.error && (
        <p className="alert alert-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.extra}
      </div>
    </form>
  );
}
