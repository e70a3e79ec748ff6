import {
  addCalendarDays,
  CONSENSUS_SLEEP_DIARY_CREDIT,
  checkSleepDiary,
  formatDurationMinutes,
  RESTED_LABELS,
  SLEEP_DIARY_GUIDANCE,
  SLEEP_DIARY_QUESTIONS,
  SLEEP_QUALITY_LABELS,
  type SleepDiary,
  type SleepDiaryInput,
} from "@meridian/core";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { ritualApi } from "../api/ritual";
import { useUser } from "../app/auth";
import { ErrorNote, Loading } from "../components/Status";
import { dayHeading, todayIn } from "../lib/dates";
import { Link, replaceUrlQuietly, useLocation } from "../router/router";
import { SleepDefinitions } from "./SleepDefinitions";

type Field = keyof SleepDiaryInput;
type Errors = Partial<Record<Field, string>>;

interface FormState {
  intoBed: string;
  triedToSleep: string;
  minutesToFallAsleep: string;
  awakenings: string;
  minutesAwake: string;
  finalAwakening: string;
  outOfBed: string;
  quality: number | null;
  rested: number | null;
  listened: boolean | null;
  listenedMinutes: string;
  comments: string;
}

const EMPTY: FormState = {
  intoBed: "",
  triedToSleep: "",
  minutesToFallAsleep: "",
  awakenings: "",
  minutesAwake: "",
  finalAwakening: "",
  outOfBed: "",
  quality: null,
  rested: null,
  listened: null,
  listenedMinutes: "",
  comments: "",
};

function fromDiary(d: SleepDiary): FormState {
  return {
    intoBed: d.intoBed,
    triedToSleep: d.triedToSleep,
    minutesToFallAsleep: String(d.minutesToFallAsleep),
    awakenings: String(d.awakenings),
    minutesAwake: String(d.minutesAwake),
    finalAwakening: d.finalAwakening,
    outOfBed: d.outOfBed,
    quality: d.quality,
    rested: d.rested,
    listened: d.listened ?? null,
    listenedMinutes: d.listenedMinutes == null ? "" : String(d.listenedMinutes),
    comments: d.comments ?? "",
  };
}

/** Empty text → undefined so the schema names the missing field; otherwise a number (or NaN). */
const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));

function toInput(nightOf: string, timeZone: string, f: FormState): Record<string, unknown> {
  return {
    nightOf,
    timeZone,
    intoBed: f.intoBed,
    triedToSleep: f.triedToSleep,
    minutesToFallAsleep: num(f.minutesToFallAsleep),
    awakenings: num(f.awakenings),
    minutesAwake: num(f.minutesAwake),
    finalAwakening: f.finalAwakening,
    outOfBed: f.outOfBed,
    quality: f.quality ?? undefined,
    rested: f.rested ?? undefined,
    listened: f.listened,
    listenedMinutes: f.listened ? (num(f.listenedMinutes) ?? null) : null,
    ...(f.comments.trim() ? { comments: f.comments.trim() } : {}),
  };
}

const MISSING: Partial<Record<Field, string>> = {
  intoBed: "Please give the time you got into bed.",
  triedToSleep: "Please give the time you tried to sleep.",
  finalAwakening: "Please give the time of your final awakening.",
  outOfBed: "Please give the time you got out of bed.",
  minutesToFallAsleep: "Please give your best guess in minutes (0 is fine).",
  awakenings: "Please give a number (0 if you didn't wake).",
  minutesAwake: "Please give a number of minutes (0 if you didn't wake).",
  quality: "Please choose how you'd rate your sleep.",
  rested: "Please choose how rested you felt.",
};

export function SleepDiaryPage() {
  const user = useUser();
  const { search } = useLocation();
  const today = todayIn(user.timeZone);
  const lastNight = addCalendarDays(today, -1);
  const [nightOf, setNightOf] = useState(search.get("night") ?? lastNight);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [saved, setSaved] = useState<SleepDiary | null>(null);
  const [phase, setPhase] = useState<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  useEffect(() => {
    let live = true;
    setPhase("loading");
    setErrors({});
    setFormError(null);
    setJustSaved(false);
    ritualApi
      .sleepDiary(nightOf)
      .then((d) => {
        if (!live) return;
        setSaved(d);
        setForm(fromDiary(d));
        setPhase("ready");
      })
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) {
          setSaved(null);
          setForm(EMPTY);
          setPhase("ready");
        } else {
          setLoadError(errorMessage(err));
          setPhase("error");
        }
      });
    return () => {
      live = false;
    };
  }, [nightOf]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setJustSaved(false);
    if (errors[k as Field]) setErrors((e) => ({ ...e, [k]: undefined }));
  };

  function focusFirst(errs: Errors) {
    const first = Object.keys(errs)[0];
    if (first) document.getElementById(`sd-${first}`)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const raw = toInput(nightOf, user.timeZone, form);
    const check = checkSleepDiary(raw);
    if (!check.ok) {
      const next: Errors = {};
      for (const issue of check.issues) {
        const field = issue.field as Field;
        if (next[field]) continue;
        const given = raw[field];
        next[field] = given === undefined || given === "" ? (MISSING[field] ?? issue.message) : issue.message;
      }
      setErrors(next);
      setFormError("Nothing was saved yet. Please check the highlighted answers.");
      focusFirst(next);
      return;
    }
    setBusy(true);
    try {
      const d = await ritualApi.saveSleepDiary(check.diary);
      setSaved(d);
      setErrors({});
      setJustSaved(true);
      requestAnimationFrame(() => document.getElementById("sleep-derived-heading")?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        const next = { [err.field]: err.message } as Errors;
        setErrors(next);
        setFormError("Nothing was saved. Please check the highlighted answer.");
        focusFirst(next);
      } else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const time = (field: "intoBed" | "triedToSleep" | "finalAwakening" | "outOfBed") => (
    <Row field={field} label={SLEEP_DIARY_QUESTIONS[field]} error={errors[field]} hint="Clock time">
      <input
        id={`sd-${field}`}
        type="time"
        className="time-input"
        value={form[field]}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `sd-${field}-err` : undefined}
        required
      />
    </Row>
  );
  const minutes = (
    field: "minutesToFallAsleep" | "awakenings" | "minutesAwake" | "listenedMinutes",
    unit: string,
  ) => (
    <Row field={field} label={SLEEP_DIARY_QUESTIONS[field]} error={errors[field]}>
      <span className="row">
        <input
          id={`sd-${field}`}
          type="number"
          inputMode="numeric"
          min={0}
          max={field === "awakenings" ? 60 : 1440}
          step={1}
          className="number-input"
          value={form[field]}
          onChange={(e) => set(field, e.target.value)}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? `sd-${field}-err` : undefined}
        />
        <span className="muted small">{unit}</span>
      </span>
    </Row>
  );

  const morning = addCalendarDays(nightOf, 1);
  const d = saved?.derived;

  return (
    <div className="prose-width sleep-page">
      <h1>Sleep diary</h1>
      <p className="muted">{SLEEP_DIARY_GUIDANCE}</p>
      <div className="field night-picker">
        <label htmlFor="sd-nightOf">Which night?</label>
        <span className="row">
          <input
            id="sd-nightOf"
            type="date"
            className="date-input"
            value={nightOf}
            max={today}
            onChange={(e) => {
              if (!e.target.value) return;
              setNightOf(e.target.value);
              replaceUrlQuietly(`/sleep?night=${e.target.value}`);
            }}
          />
          {nightOf === lastNight && <span className="chip">last night</span>}
        </span>
        <span className="hint" data-testid="night-label">
          The night from {dayHeading(nightOf)} into {dayHeading(morning)}.
        </span>
      </div>

      {phase === "loading" && <Loading label="Opening the diary…" />}
      {phase === "error" && <ErrorNote>Could not open the diary: {loadError}</ErrorNote>}

      {phase === "ready" && saved && d && (
        <section
          className="card derived-card"
          aria-labelledby="sleep-derived-heading"
          data-testid="sleep-derived"
        >
          <h2 id="sleep-derived-heading" className="flush-top" tabIndex={-1}>
            {justSaved ? "Saved. Your night in numbers" : "Your night in numbers"}
          </h2>
          <dl className="derived-grid">
            <Derived
              label="Time in bed"
              abbr="TIB"
              value={formatDurationMinutes(d.timeInBedMinutes)}
              id="tib"
            />
            <Derived
              label="Total sleep"
              abbr="TST"
              value={formatDurationMinutes(d.totalSleepMinutes)}
              id="tst"
            />
            <Derived
              label="Sleep efficiency"
              abbr="SE"
              value={d.sleepEfficiency === null ? "—" : `${d.sleepEfficiency}%`}
              id="se"
            />
            <Derived
              label="Time to fall asleep"
              abbr="SOL"
              value={formatDurationMinutes(d.sleepOnsetLatencyMinutes)}
              id="sol"
            />
            <Derived
              label="Awake in the night"
              abbr="WASO"
              value={formatDurationMinutes(d.wakeAfterSleepOnsetMinutes)}
              id="waso"
            />
            <Derived
              label="In bed after waking"
              abbr=""
              value={formatDurationMinutes(d.inBedAfterWakingMinutes)}
              id="after"
            />
          </dl>
          {d.clockChangeMinutes !== 0 && (
            <p className="small">
              The clocks changed this night, so it was {Math.abs(d.clockChangeMinutes)} minutes{" "}
              {d.clockChangeMinutes > 0 ? "shorter" : "longer"} than the clock times suggest. The numbers
              count real time.
            </p>
          )}
          {saved.sessionId && (
            <p className="small">
              Linked to{" "}
              <Link to={`/sessions/${encodeURIComponent(saved.sessionId)}`}>that evening's session</Link>.
            </p>
          )}
          <p className="muted small">
            See <a href="#sleep-defs-heading">how these are worked out</a>.
          </p>
        </section>
      )}

      {phase === "ready" && (
        <form className="sleep-form" onSubmit={submit} noValidate>
          {time("intoBed")}
          {time("triedToSleep")}
          {minutes("minutesToFallAsleep", "minutes")}
          {minutes("awakenings", "times")}
          {minutes("minutesAwake", "minutes in total")}
          {time("finalAwakening")}
          {time("outOfBed")}
          <Scale
            field="quality"
            label={SLEEP_DIARY_QUESTIONS.quality}
            labels={SLEEP_QUALITY_LABELS}
            value={form.quality}
            error={errors.quality}
            onChange={(v) => set("quality", v)}
          />
          <Scale
            field="rested"
            label={SLEEP_DIARY_QUESTIONS.rested}
            labels={RESTED_LABELS}
            value={form.rested}
            error={errors.rested}
            onChange={(v) => set("rested", v)}
          />
          <fieldset className="field question" id="sd-listened" tabIndex={-1}>
            <legend className="label">{SLEEP_DIARY_QUESTIONS.listened}</legend>
            <div className="options options-row">
              {(
                [
                  [true, "Yes"],
                  [false, "No"],
                ] as const
              ).map(([v, label]) => (
                <label key={label} className="option">
                  <input
                    type="radio"
                    name="listened"
                    checked={form.listened === v}
                    onChange={() => set("listened", v)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {form.listened && minutes("listenedMinutes", "minutes")}
          <Row field="comments" label={SLEEP_DIARY_QUESTIONS.comments} error={errors.comments}>
            <textarea
              id="sd-comments"
              rows={2}
              maxLength={2000}
              value={form.comments}
              onChange={(e) => set("comments", e.target.value)}
            />
          </Row>
          {formError && (
            <p className="alert alert-error" role="alert" data-testid="sleep-form-error">
              {formError}
            </p>
          )}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : saved ? "Update diary" : "Save diary"}
            </button>
          </div>
          <p className="muted small credit">{CONSENSUS_SLEEP_DIARY_CREDIT}</p>
        </form>
      )}

      <details className="help-details">
        <summary>Help: what the sleep numbers mean</summary>
        <SleepDefinitions headingLevel={2} />
      </details>
    </div>
  );
}

function Row(props: {
  field: Field;
  label: string;
  error: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field" data-field={props.field}>
      <label htmlFor={`sd-${props.field}`}>{props.label}</label>
      {props.children}
      {props.error && (
        <p id={`sd-${props.field}-err`} className="error-text" data-testid={`error-${props.field}`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function Scale(props: {
  field: "quality" | "rested";
  label: string;
  labels: readonly string[];
  value: number | null;
  error: string | undefined;
  onChange(v: number): void;
}) {
  return (
    <fieldset
      className="field question"
      id={`sd-${props.field}`}
      tabIndex={-1}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `sd-${props.field}-err` : undefined}
    >
      <legend className="label">{props.label}</legend>
      <div className="options options-row">
        {props.labels.map((l, i) => (
          <label key={l} className="option">
            <input
              type="radio"
              name={props.field}
              checked={props.value === i + 1}
              onChange={() => props.onChange(i + 1)}
            />
            <span>{l}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p id={`sd-${props.field}-err`} className="error-text" data-testid={`error-${props.field}`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

function Derived({ label, abbr, value, id }: { label: string; abbr: string; value: string; id: string }) {
  return (
    <div className="derived" data-testid={`derived-${id}`}>
      <dt>
        {label}
        {abbr && <span className="muted"> ({abbr})</span>}
      </dt>
      <dd>{value}</dd>
    </div>
  );
}
