import type { CheckIn, CheckOut, ExperimentToday, Guess, Session, StudioScene } from "@meridian/core";
import { type FormEvent, useEffect, useState } from "react";
import { errorMessage } from "../api/errors";
import { experimentsApi } from "../api/experiments";
import { ritualApi } from "../api/ritual";
import { usePlayer } from "../audio/PlayerProvider";
import { ErrorNote, Loading } from "../components/Status";
import { newClientId } from "../journal/tabs";
import { MeasuresForm } from "../ritual/MeasuresForm";
import { Link } from "../router/router";
import { EMPTY_SCENE } from "../studio/mix";
import { clearEveningLocal, eveningKey, readEveningLocal, writeEveningLocal } from "./eveningLocal";
import { GUESS_LABELS } from "./view";
import "./experiments.css";

type Step = "checkin" | "expect" | "listen" | "checkout" | "guess" | "done";
const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
type Tonight = NonNullable<ExperimentToday["experiment"]>;

/** Play tonight's masked soundscape through the app-wide player, under its neutral name only.
 * Leaving the page stops it and empties the player, so the studio (which opens on the player's
 * scene) never shows its layers, and it can't be saved as a preset, rendered or shared. The
 * player is emptied as a link is pressed (capture phase, before the router renders the next page)
 * and on back/forward, not only on unmount, which comes after the next page has read it. */
function MaskedPlayButton({ scene, name }: { scene: Record<string, unknown>; name: string }) {
  const { player, snap } = usePlayer();
  useEffect(() => {
    const empty = () => {
      if (player.snapshot.title !== name) return;
      void player.stop();
      player.setScene(EMPTY_SCENE, EMPTY_SCENE.name);
    };
    const onClick = (e: MouseEvent) => {
      if (e.target instanceof Element && e.target.closest("a[href]")) empty();
    };
    window.addEventListener("click", onClick, true);
    window.addEventListener("popstate", empty);
    return () => {
      window.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", empty);
      empty();
    };
  }, [player, name]);
  const mine = snap.scene !== null && snap.title === name;
  const playing = mine && snap.state === "playing";
  return (
    <button
      type="button"
      className="btn btn-primary"
      aria-pressed={playing}
      onClick={() => {
        if (playing) void player.pause();
        else if (mine) void player.play();
        else void player.play(JSON.parse(JSON.stringify(scene)) as StudioScene, name, { masked: true });
      }}
    >
      {playing ? `Pause ${name}` : `Play ${name}`}
    </button>
  );
}

function ExpectationForm({ question, onSubmit }: { question: string; onSubmit(v: number): void }) {
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value === null) {
      setError("Choose a number from 0 to 10 (a guess is fine).");
      return;
    }
    onSubmit(value);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="measure-question">{question}</legend>
        <div className="expectation-scale">
          {SCALE.map((i) => (
            <label key={i} className="chip">
              <input
                type="radio"
                name="expectation"
                value={i}
                checked={value === i}
                onChange={() => {
                  setValue(i);
                  setError(null);
                }}
              />{" "}
              {i}
            </label>
          ))}
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Continue
        </button>
      </div>
    </form>
  );
}

function GuessForm(props: {
  tonight: Tonight;
  busy: boolean;
  error: string | null;
  onSubmit(g: Guess): void;
}) {
  const [guess, setGuess] = useState<Guess | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!guess) {
      setError("Choose one; “I don't know” is a fine answer.");
      return;
    }
    props.onSubmit(guess);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="measure-question">{props.tonight.guessQuestion}</legend>
        {props.tonight.guesses.map((g) => (
          <label key={g} className="check-row block">
            <input type="radio" name="guess" value={g} checked={guess === g} onChange={() => setGuess(g)} />{" "}
            {GUESS_LABELS[g]}
          </label>
        ))}
        {(error ?? props.error) && (
          <p className="error-text" role="alert">
            {error ?? props.error}
          </p>
        )}
      </fieldset>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={props.busy}>
          {props.busy ? "Saving…" : "Record tonight"}
        </button>
      </div>
    </form>
  );
}

/** Tonight's experiment evening: check in, expectation, listen to the masked soundscape, check
 * out, guess, then the evening is recorded. Only "Soundscape A" / "B" is ever named. */
export function TonightPage() {
  const [tonight, setTonight] = useState<Tonight | null | "loading">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("checkin");
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [expectation, setExpectation] = useState<number | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [clientId] = useState(newClientId);

  useEffect(() => {
    let live = true;
    (async () => {
      const t = (await experimentsApi.today()).experiment;
      // A closed tab resumes tonight's session rather than starting a second one.
      const saved = t ? readEveningLocal(eveningKey(t.id, t.progress.eveningNumber)) : null;
      if (saved && t?.progress.today === "tonight") {
        const s = await ritualApi.session(saved.sessionId).catch(() => null);
        if (live && s && (s.status === "active" || s.status === "checked-out")) {
          setSession(s);
          setExpectation(saved.expectation);
          setStep(s.status === "active" ? "listen" : "guess");
        }
      }
      if (live) setTonight(t);
    })().catch((err: unknown) => live && setLoadError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the heading of each new step
  useEffect(() => {
    document.getElementById("tonight-heading")?.focus({ preventScroll: true });
  }, [step]);

  if (loadError) return <ErrorNote>Could not load tonight's experiment evening: {loadError}</ErrorNote>;
  if (tonight === "loading") return <Loading label="Opening tonight's evening…" />;
  if (tonight?.progress.today !== "tonight" || !tonight.scene || !tonight.soundscapeLabel) {
    if (step === "done") return <Done />;
    return (
      <div className="empty">
        <p>{tonight ? tonight.progress.label : "No experiment is running."} Nothing to listen to tonight.</p>
        <Link to="/" className="btn">
          Back to Today
        </Link>
      </div>
    );
  }
  const label = tonight.soundscapeLabel;
  const scene = tonight.scene;
  const experimentId = tonight.id;
  const eveningNumber = tonight.progress.eveningNumber;
  const key = eveningKey(tonight.id, eveningNumber);

  async function startListening(value: number) {
    if (!checkIn) return;
    setExpectation(value);
    setBusy(true);
    setError(null);
    try {
      // The server begins the session pinned to tonight's evening and its soundscape, with no
      // scene snapshot (its generators would tell the arm): the evening recorded is the one heard,
      // even when the check-out falls after midnight.
      if (eveningNumber === null) throw new Error("Tonight has no evening number");
      const created = await experimentsApi.beginEvening(experimentId, eveningNumber, { checkIn, clientId });
      writeEveningLocal(key, {
        sessionId: created.id,
        expectation: value,
      });
      setSession(created);
      setStep("listen");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function checkOut(values: CheckOut) {
    if (!session) return;
    setBusy(true);
    setError(null);
    try {
      setSession(await ritualApi.updateSession(session.id, { status: "checked-out", checkOut: values }));
      setStep("guess");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function record(guess: Guess) {
    if (!session || expectation === null || tonight === "loading" || !tonight) return;
    setBusy(true);
    setError(null);
    try {
      await experimentsApi.recordEvening(tonight.id, { sessionId: session.id, expectation, guess });
      clearEveningLocal(key);
      setStep("done");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="prose-width experiment-tonight" data-testid="experiment-tonight">
      <p className="muted small">
        {tonight.progress.label} · {label}
      </p>
      {step === "checkin" && (
        <section>
          <h1 id="tonight-heading" tabIndex={-1}>
            Check in
          </h1>
          <MeasuresForm
            mode="in"
            initial={checkIn}
            submitLabel="Continue"
            onSubmit={(v) => {
              setCheckIn(v);
              setStep("expect");
            }}
          />
        </section>
      )}
      {step === "expect" && (
        <section>
          <h1 id="tonight-heading" tabIndex={-1}>
            Before you listen
          </h1>
          {busy ? (
            <Loading label="Starting the session…" />
          ) : (
            <ExpectationForm
              question={tonight.expectationQuestion}
              onSubmit={(v) => void startListening(v)}
            />
          )}
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
      {step === "listen" && (
        <section>
          <h1 id="tonight-heading" tabIndex={-1}>
            Listen
          </h1>
          <p>
            Tonight is {label}. Listen for as long as you like; write in your journal if you wish. Then check
            out.
          </p>
          <div className="row">
            <MaskedPlayButton scene={scene} name={label} />
            <button type="button" className="btn" onClick={() => setStep("checkout")}>
              End and check out
            </button>
          </div>
        </section>
      )}
      {step === "checkout" && (
        <section>
          <h1 id="tonight-heading" tabIndex={-1}>
            Check out
          </h1>
          <MeasuresForm
            mode="out"
            submitLabel={busy ? "Saving…" : "Check out"}
            busy={busy}
            error={error}
            onSubmit={(v) => void checkOut(v)}
          />
        </section>
      )}
      {step === "guess" && (
        <section>
          <h1 id="tonight-heading" tabIndex={-1}>
            One last question
          </h1>
          <GuessForm tonight={tonight} busy={busy} error={error} onSubmit={(g) => void record(g)} />
        </section>
      )}
      {step === "done" && <Done />}
    </div>
  );
}

function Done() {
  return (
    <section data-testid="tonight-recorded">
      <h1 id="tonight-heading" tabIndex={-1}>
        Tonight is recorded
      </h1>
      <p>Thank you. Results stay hidden until the last evening.</p>
      <Link to="/" className="btn btn-primary">
        Back to Today
      </Link>
    </section>
  );
}
