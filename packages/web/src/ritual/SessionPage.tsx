import type { CheckIn, CheckOut, Prompt, Session } from "@meridian/core";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { ApiError, errorMessage } from "../api/errors";
import { ritualApi } from "../api/ritual";
import { ErrorNote, Loading } from "../components/Status";
import { newClientId } from "../journal/tabs";
import { Link, navigate, replaceUrlQuietly } from "../router/router";
import { SessionPlayButton } from "../studio/SessionPlayButton";
import { type ListenChoice, ListenStep } from "./ListenStep";
import { MeasuresForm } from "./MeasuresForm";
import { SessionMediaList } from "./SessionMediaList";
import { SessionSummary } from "./SessionSummary";
import { SessionWriter } from "./SessionWriter";
import { clearSessionLocal, elapsedLabel, readSessionLocal, writeSessionLocal } from "./sessionLocal";

type Step = "loading" | "checkin" | "listen" | "write" | "checkout" | "summary";

const STEPS: Array<[Exclude<Step, "loading">, string]> = [
  ["checkin", "Check in"],
  ["listen", "Listen"],
  ["write", "Write"],
  ["checkout", "Check out"],
  ["summary", "Summary"],
];

function Steps({ step }: { step: Step }) {
  const index = STEPS.findIndex(([s]) => s === step);
  return (
    <ol className="steps" aria-label="Session steps">
      {STEPS.map(([s, label], i) => (
        <li key={s} aria-current={s === step ? "step" : undefined} data-done={i < index || undefined}>
          {label}
        </li>
      ))}
    </ol>
  );
}

function Elapsed({ since }: { since: string }) {
  const start = Date.parse(since);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <span className="session-timer" data-testid="session-timer" title="Time since you checked in">
      {elapsedLabel(now - start)}
    </span>
  );
}

function listenedTo(session: Session): string {
  const parts = session.media.map((m) =>
    m.kind === "preset"
      ? m.name
      : m.kind === "video"
        ? "a video"
        : m.kind === "mix"
          ? (m.name ?? "a mix")
          : m.kind === "own-video"
            ? (m.name ?? "your video")
            : (m.name ?? "your audio"),
  );
  return parts.length === 0 ? "silence" : parts.join(" and ");
}

/** The session ritual: check in → choose what to listen to → write → check out → summary. A
 * session on the server is resumable after a closed tab; this device remembers the step. */
export function SessionPage(props: { sessionId: string | null }) {
  const [sessionId] = useState(props.sessionId);
  const [step, setStep] = useState<Step>("loading");
  const [session, setSession] = useState<Session | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [listen, setListen] = useState<ListenChoice | null>(null);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [clientId] = useState(newClientId);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmAbandon, setConfirmAbandon] = useState(false);

  const show = useCallback((s: Session) => {
    setSession(s);
    if (s.status === "active") setStep(readSessionLocal(s.id).step);
    else setStep("summary");
  }, []);

  useEffect(() => {
    let live = true;
    const load = sessionId ? ritualApi.session(sessionId) : ritualApi.currentSession();
    load
      .then((s) => {
        if (!live) return;
        show(s);
        if (!sessionId) replaceUrlQuietly(`/sessions/${encodeURIComponent(s.id)}`);
      })
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 404) {
          if (sessionId) setMissing(true);
          else setStep("checkin");
        } else setLoadError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [sessionId, show]);

  // The prompt's text for a resumed session (the session stores only its id).
  const promptId = session?.promptId ?? null;
  useEffect(() => {
    if (!promptId || prompt?.id === promptId) return;
    let live = true;
    api
      .prompts()
      .then((r) => live && setPrompt(r.prompts.find((p) => p.id === promptId) ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [promptId, prompt]);

  // Keep focus and scroll at the top of each new step.
  useEffect(() => {
    if (step === "loading") return;
    window.scrollTo(0, 0);
    if (step !== "write") document.getElementById("session-heading")?.focus({ preventScroll: true });
  }, [step]);

  async function begin(choice: ListenChoice) {
    if (!checkIn) return;
    setBusy(true);
    setActionError(null);
    try {
      const created = await ritualApi.createSession({
        checkIn,
        scene: choice.scene,
        media: choice.media,
        promptId: choice.prompt?.id ?? null,
        clientId,
      });
      writeSessionLocal(created.id, { step: "write" });
      setPrompt(choice.prompt);
      setSession(created);
      replaceUrlQuietly(`/sessions/${encodeURIComponent(created.id)}`);
      setStep("write");
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function patch(update: Parameters<typeof ritualApi.updateSession>[1]): Promise<Session | null> {
    if (!session) return null;
    setBusy(true);
    setActionError(null);
    try {
      const s = await ritualApi.updateSession(session.id, update);
      setSession(s);
      return s;
    } catch (err) {
      setActionError(errorMessage(err));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function checkOut(values: CheckOut) {
    const s = await patch({ status: "checked-out", checkOut: values });
    if (s) {
      clearSessionLocal(s.id);
      setStep("summary");
    }
  }

  async function abandon() {
    const s = await patch({ status: "abandoned" });
    if (s) {
      clearSessionLocal(s.id);
      navigate("/");
    }
  }

  async function resume() {
    const s = await patch({ status: "active" });
    if (s) {
      writeSessionLocal(s.id, { step: "write" });
      setStep("write");
    }
  }

  function goto(next: "write" | "checkout") {
    if (session) writeSessionLocal(session.id, { step: next });
    setConfirmAbandon(false);
    setStep(next);
  }

  if (missing) {
    return (
      <div className="empty">
        <p>This session doesn't exist, or it belongs to someone else.</p>
        <Link to="/" className="btn">
          Back to Today
        </Link>
      </div>
    );
  }
  if (loadError) return <ErrorNote>Could not open the session: {loadError}</ErrorNote>;
  if (step === "loading") return <Loading label="Opening your session…" />;

  const abandonControls = session && session.status === "active" && (
    <span className="row abandon">
      {confirmAbandon ? (
        <>
          <span className="small">Stop here without checking out?</span>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void abandon()}>
            Yes, abandon session
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirmAbandon(false)}>
            Keep going
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirmAbandon(true)}>
          Abandon session
        </button>
      )}
    </span>
  );

  return (
    <div className="session-page">
      <div className="session-head">
        <Steps step={step} />
        {session && step !== "summary" && (
          <p className="muted small session-meta">
            Listening to {listenedTo(session)} · <Elapsed since={session.startedAt} />
          </p>
        )}
      </div>

      {step === "checkin" && (
        <section className="prose-width">
          <h1 id="session-heading" tabIndex={-1}>
            Check in
          </h1>
          <p className="muted">
            A few quick ratings of how you are right now. There are no right answers, and nothing is expected
            to change.
          </p>
          <MeasuresForm
            mode="in"
            initial={checkIn}
            submitLabel="Continue"
            onSubmit={(v) => {
              setCheckIn(v);
              setStep("listen");
            }}
          />
        </section>
      )}

      {step === "listen" && (
        <section className="prose-width">
          <h1 id="session-heading" tabIndex={-1}>
            Listen and write
          </h1>
          <ListenStep
            initial={listen}
            busy={busy}
            error={actionError}
            onBack={() => setStep("checkin")}
            onSubmit={(choice) => {
              setListen(choice);
              void begin(choice);
            }}
          />
        </section>
      )}

      {step === "write" && session && (
        <section>
          <div className="row session-write-head">
            <h1 id="session-heading" tabIndex={-1} className="visually-hidden">
              Write
            </h1>
            {session.media.map((m) =>
              m.kind === "preset" ? (
                <SessionPlayButton
                  key={m.presetId}
                  presetId={m.presetId}
                  name={m.name}
                  snapshot={session.scene}
                />
              ) : null,
            )}
            <span className="spacer" />
            {abandonControls}
            <button type="button" className="btn btn-primary" onClick={() => goto("checkout")}>
              End and check out
            </button>
          </div>
          <SessionMediaList media={session.media} />
          <SessionWriter session={session} prompt={prompt} onSession={setSession} />
        </section>
      )}

      {step === "checkout" && session && (
        <section className="prose-width">
          <h1 id="session-heading" tabIndex={-1}>
            Check out
          </h1>
          <p className="muted">The same ratings again, plus a few about the session. Answer however it is.</p>
          <MeasuresForm
            mode="out"
            submitLabel={busy ? "Saving…" : "Check out"}
            busy={busy}
            error={actionError}
            onSubmit={(v) => void checkOut(v)}
            extra={
              <>
                <button type="button" className="btn btn-quiet" onClick={() => goto("write")}>
                  Back to writing
                </button>
                {abandonControls}
              </>
            }
          />
        </section>
      )}

      {step === "summary" && session && (
        <section className="prose-width">
          <h1 id="session-heading" tabIndex={-1}>
            {session.status === "checked-out" ? "Session summary" : "Session"}
          </h1>
          <p className="muted small">
            {new Date(session.startedAt).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}{" "}
            · listened to {listenedTo(session)}
          </p>
          <SessionSummary session={session} />
          <SessionMediaList media={session.media} />
          {actionError && (
            <p className="alert alert-error" role="alert">
              {actionError}
            </p>
          )}
          <div className="row after-card">
            <Link to="/" className="btn btn-primary">
              Back to Today
            </Link>
            {session.status === "abandoned" && (
              <button type="button" className="btn" disabled={busy} onClick={() => void resume()}>
                Resume this session
              </button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
