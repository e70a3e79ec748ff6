import {
  type ComparisonKind,
  OUTCOME_INFO,
  OUTCOMES,
  type Outcome,
  type PowerGuidanceView,
} from "@meridian/core";
import { BUILTIN_SCENES } from "@meridian/sound";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { experimentsApi } from "../api/experiments";
import { useUser } from "../app/auth";
import { todayIn } from "../lib/dates";
import { navigate } from "../router/router";
import { type Preset, studioApi } from "../studio/studioApi";
import {
  COMPARISON_CHOICES,
  checkDesign,
  createBody,
  type Design,
  type DesignField,
  defaultMidText,
  emptyDesign,
  type FieldErrors,
  fieldOf,
  OUTCOME_LABELS,
  secondaryChoices,
} from "./design";
import "./experiments.css";

interface SceneChoice {
  id: string;
  name: string;
  layers: Array<{ id: string; name: string }>;
}

function layersOf(scene: {
  layers: ReadonlyArray<{ id: string; name?: string | undefined; generator: string }>;
}): SceneChoice["layers"] {
  return scene.layers.map((l) => ({ id: l.id, name: l.name ?? l.generator }));
}

const BUILTIN_CHOICES: SceneChoice[] = BUILTIN_SCENES.map((s) => ({
  id: s.id,
  name: s.scene.name ?? s.id,
  layers: layersOf(s.scene),
}));

function usePresets(): SceneChoice[] {
  const [list, setList] = useState<SceneChoice[]>([]);
  useEffect(() => {
    let live = true;
    studioApi
      .listPresets()
      .then(
        (ps: Preset[]) =>
          live &&
          setList(ps.map((p) => ({ id: p.id, name: `${p.name} (your preset)`, layers: layersOf(p.scene) }))),
      )
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}

type PowerState = PowerGuidanceView | "loading" | "at-start" | null;

/** Power guidance for the chosen outcome and MID, from the person's own past evenings. A server
 * without the preview route (404) gives it only with the created experiment: "at-start". */
function usePower(outcome: Outcome, mid: number | undefined): PowerState {
  const [power, setPower] = useState<PowerState>("loading");
  useEffect(() => {
    let live = true;
    setPower("loading");
    const t = window.setTimeout(() => {
      experimentsApi
        .power(outcome, mid)
        .then((p) => live && setPower(p))
        .catch(
          (err: unknown) =>
            live && setPower(err instanceof ApiError && err.status === 404 ? "at-start" : null),
        );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [outcome, mid]);
  return power;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-err`} className="error-text" role="alert">
      {error}
    </p>
  );
}

const describedBy = (id: string, errors: FieldErrors, field: DesignField, hint = false) =>
  errors[field] ? `${id}-err` : hint ? `${id}-hint` : undefined;

/** "New experiment": what to compare, the outcome, pairs and washout, the smallest difference
 * that matters, power guidance, a plain word on blinding, then Start (which freezes the plan). */
export function DesignerPage() {
  const user = useUser();
  const presets = usePresets();
  const scenes = useMemo(() => [...BUILTIN_CHOICES, ...presets], [presets]);
  const first = BUILTIN_CHOICES[0];
  const [d, setD] = useState<Design>(() =>
    emptyDesign(first?.id ?? "", first?.layers[0]?.id ?? "", BUILTIN_CHOICES[1]?.id),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const midNumber = d.mid.trim() !== "" && Number(d.mid) > 0 ? Number(d.mid) : undefined;
  const power = usePower(d.primaryOutcome, midNumber);
  const scene = scenes.find((s) => s.id === d.sceneId);
  const set = (patch: Partial<Design>) => setD((cur) => ({ ...cur, ...patch }));

  function names(): { condition: string; control: string } {
    const nameOf = (id: string) => scenes.find((s) => s.id === id)?.name ?? id;
    if (d.kind === "scene-vs-scene") return { condition: nameOf(d.sceneA), control: nameOf(d.sceneB) };
    const layer = scene?.layers.find((l) => l.id === d.layerId)?.name ?? d.layerId;
    return {
      condition: layer,
      control: d.kind === "trigger-vs-sham" ? "the sham" : `${nameOf(d.sceneId)} without it`,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = checkDesign(d);
    setErrors(local);
    const firstBad = Object.keys(local)[0];
    if (firstBad) {
      document.getElementById(`exp-${firstBad}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await experimentsApi.create(createBody(d, todayIn(user.timeZone), names()));
      navigate(`/experiments/${encodeURIComponent(created.id)}`);
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err.field) : "form";
      setErrors({ [field]: errorMessage(err) });
      if (field !== "form") document.getElementById(`exp-${field}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  const sceneSelect = (id: string, field: "sceneId" | "sceneA" | "sceneB", label: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={d[field]}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(id, errors, field)}
        onChange={(e) => {
          const next = scenes.find((s) => s.id === e.target.value);
          set(
            field === "sceneId"
              ? { sceneId: e.target.value, layerId: next?.layers[0]?.id ?? "" }
              : { [field]: e.target.value },
          );
        }}
      >
        {scenes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <FieldError id={id} error={errors[field]} />
    </div>
  );

  return (
    <div className="prose-width experiment-designer">
      <h1>New experiment</h1>
      <p className="muted">
        A small, blinded test on yourself: over a few weeks, two soundscapes take turns in random order and
        you rate each evening as usual. At the end you see whether the sound itself made a difference for you.
      </p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="exp-name">Name</label>
          <input
            id="exp-name"
            type="text"
            value={d.name}
            maxLength={80}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("exp-name", errors, "name")}
            onChange={(e) => set({ name: e.target.value })}
          />
          <FieldError id="exp-name" error={errors.name} />
        </div>

        <fieldset id="exp-kind" tabIndex={-1}>
          <legend className="measure-question">What to compare</legend>
          {COMPARISON_CHOICES.map((c) => (
            <label key={c.kind} className="scene-option">
              <input
                type="radio"
                name="exp-kind"
                value={c.kind}
                checked={d.kind === c.kind}
                onChange={() => set({ kind: c.kind as ComparisonKind })}
              />
              <span>
                <strong>{c.label}</strong>
                <span className="muted small">{c.hint}</span>
              </span>
            </label>
          ))}
          <FieldError id="exp-kind" error={errors.kind} />
        </fieldset>

        {d.kind === "scene-vs-scene" ? (
          <>
            {sceneSelect("exp-sceneA", "sceneA", "First scene (the one you want to test)")}
            {sceneSelect("exp-sceneB", "sceneB", "Second scene (what it is compared with)")}
          </>
        ) : (
          <>
            {sceneSelect("exp-sceneId", "sceneId", "Scene")}
            <div className="field">
              <label htmlFor="exp-layerId">Trigger (a layer of that scene)</label>
              <select
                id="exp-layerId"
                value={d.layerId}
                aria-invalid={errors.layerId ? true : undefined}
                aria-describedby={describedBy("exp-layerId", errors, "layerId")}
                onChange={(e) => set({ layerId: e.target.value })}
              >
                {(scene?.layers ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
              <FieldError id="exp-layerId" error={errors.layerId} />
            </div>
          </>
        )}

        <div className="field">
          <label htmlFor="exp-primaryOutcome">Main outcome (chosen now, before any result)</label>
          <select
            id="exp-primaryOutcome"
            value={d.primaryOutcome}
            aria-describedby={describedBy("exp-primaryOutcome", errors, "primaryOutcome")}
            onChange={(e) => {
              const o = e.target.value as Outcome;
              set({
                primaryOutcome: o,
                secondaryOutcomes: d.secondaryOutcomes.filter((x) => x !== o),
                mid: "",
              });
            }}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
          <FieldError id="exp-primaryOutcome" error={errors.primaryOutcome} />
        </div>

        <fieldset id="exp-secondaryOutcomes" tabIndex={-1}>
          <legend className="measure-question">Also look at (optional)</legend>
          {secondaryChoices(d.primaryOutcome).map((o) => (
            <label key={o} className="check-row">
              <input
                type="checkbox"
                checked={d.secondaryOutcomes.includes(o)}
                onChange={(e) =>
                  set({
                    secondaryOutcomes: e.target.checked
                      ? [...d.secondaryOutcomes, o]
                      : d.secondaryOutcomes.filter((x) => x !== o),
                  })
                }
              />{" "}
              {OUTCOME_LABELS[o]}
            </label>
          ))}
          <FieldError id="exp-secondaryOutcomes" error={errors.secondaryOutcomes} />
        </fieldset>

        <div className="row">
          <div className="field">
            <label htmlFor="exp-pairs">Pairs of evenings</label>
            <input
              id="exp-pairs"
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={d.pairs}
              aria-invalid={errors.pairs ? true : undefined}
              aria-describedby={describedBy("exp-pairs", errors, "pairs", true)}
              onChange={(e) => set({ pairs: e.target.value })}
            />
            <span id="exp-pairs-hint" className="hint">
              Each pair is one evening of each soundscape: 6 pairs is 12 evenings.
            </span>
            <FieldError id="exp-pairs" error={errors.pairs} />
          </div>
          <div className="field">
            <label htmlFor="exp-washoutDays">Rest days between evenings</label>
            <input
              id="exp-washoutDays"
              type="number"
              inputMode="numeric"
              min={0}
              max={3}
              value={d.washoutDays}
              aria-invalid={errors.washoutDays ? true : undefined}
              aria-describedby={describedBy("exp-washoutDays", errors, "washoutDays", true)}
              onChange={(e) => set({ washoutDays: e.target.value })}
            />
            <span id="exp-washoutDays-hint" className="hint">
              0 runs on consecutive evenings; rest days let one evening's effect fade before the next.
            </span>
            <FieldError id="exp-washoutDays" error={errors.washoutDays} />
          </div>
        </div>

        <div className="field">
          <label htmlFor="exp-mid">Smallest difference that would matter to you</label>
          <input
            id="exp-mid"
            type="number"
            inputMode="decimal"
            min={0}
            max={OUTCOME_INFO[d.primaryOutcome].maxMid}
            placeholder={String(OUTCOME_INFO[d.primaryOutcome].defaultMid)}
            value={d.mid}
            aria-invalid={errors.mid ? true : undefined}
            aria-describedby={describedBy("exp-mid", errors, "mid", true)}
            onChange={(e) => set({ mid: e.target.value })}
          />
          <span id="exp-mid-hint" className="hint">
            In {OUTCOME_INFO[d.primaryOutcome].unit}. Left empty: {defaultMidText(d.primaryOutcome)}.
          </span>
          <FieldError id="exp-mid" error={errors.mid} />
        </div>

        <section className="card" aria-labelledby="exp-power" data-testid="power-guidance">
          <h2 id="exp-power" className="flush-top">
            How many pairs?
          </h2>
          <p aria-live="polite">
            {power === "loading"
              ? "Looking at your past evenings…"
              : power === "at-start"
                ? "When you press Start, Meridian works out from your past evenings how many pairs would find the difference you set, and shows it on the experiment's page. Without enough past evenings it keeps the default of 6 pairs."
                : power === null
                  ? "Past evenings couldn't be read just now: 6 pairs is a sound default."
                  : power.message}
          </p>
        </section>

        <section className="card" aria-labelledby="exp-blind">
          <h2 id="exp-blind" className="flush-top">
            Blinding, and why results wait until the end
          </h2>
          <p>
            Each evening plays “Soundscape A” or “Soundscape B”. Meridian picks the order at random and does
            not tell you which one holds what you are testing, so your expectations weigh the same on both.
            You rate each evening as usual, say beforehand how much you expect it to help, and guess
            afterwards which one it was.
          </p>
          <p>
            Results appear only when every evening has passed. Looking part-way tempts anyone to stop on a
            lucky run; until then you see only how many evenings are done. You can stop or unblind early; the
            report will say so.
          </p>
        </section>

        {errors.startDate && <p className="alert alert-error">{errors.startDate}</p>}
        {errors.form && (
          <p className="alert alert-error" role="alert">
            {errors.form}
          </p>
        )}
        <p className="muted small">
          Starting freezes this plan. Changing anything later means starting a new experiment.
        </p>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Starting…" : "Start"}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => navigate("/experiments")}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
