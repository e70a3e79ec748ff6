import { PasswordSchema } from "@meridian/core";
import { type FormEvent, useId, useState } from "react";
import { api } from "../api/client";
import { ApiError, errorMessage } from "../api/errors";
import { useAuth } from "../app/auth";
import { PasswordField } from "../components/PasswordField";
import { RecoveryKeyNotice } from "../components/RecoveryKeyNotice";
import { ErrorNote } from "../components/Status";

function ChangePasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    setError(null);
    const p = PasswordSchema.safeParse(next);
    if (current === "") return setError("Enter your current password.");
    if (!p.success) return setError(p.error.issues[0]?.message ?? "Invalid new password");
    if (next !== again) return setError("The two new passwords differ.");
    setBusy(true);
    try {
      await api.changePassword({ currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      setAgain("");
      setMsg("Password changed. Other devices were signed out; your entries are untouched.");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Change password</h3>
      <PasswordField
        id={`${id}-cur`}
        label="Current password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <PasswordField
        id={`${id}-new`}
        label="New password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
      />
      <PasswordField
        id={`${id}-again`}
        label="New password again"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </button>
      <div aria-live="polite">
        {msg && <p className="small after-card">{msg}</p>}
        {error && <ErrorNote>{error}</ErrorNote>}
      </div>
    </form>
  );
}

function NewRecoveryKey() {
  const id = useId();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMsg(null);
    if (password === "") return setError("Enter your password to make a new recovery key.");
    setBusy(true);
    try {
      const { recoveryKey } = await api.newRecoveryKey(password);
      setPassword("");
      setShown(recoveryKey);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (shown) {
    return (
      <RecoveryKeyNotice
        recoveryKey={shown}
        continueLabel="Done"
        onDone={() => {
          setShown(null);
          setMsg("New recovery key saved. The previous one no longer works.");
        }}
      />
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Recovery key</h3>
      <p className="muted small">
        Lost your recovery key, or think someone saw it? Make a new one; the old one stops working.
      </p>
      <PasswordField
        id={`${id}-pw`}
        label="Password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? "Making…" : "Make a new recovery key"}
      </button>
      <div aria-live="polite">
        {msg && <p className="small after-card">{msg}</p>}
        {error && <ErrorNote>{error}</ErrorNote>}
      </div>
    </form>
  );
}

function LogOutEverywhere() {
  const auth = useAuth();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await api.logoutEverywhere();
      auth.signedOutEverywhere();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div>
      <h3>Devices</h3>
      <p className="muted small">Signs out every browser and device using your account, this one included.</p>
      {asking ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => void confirm()}>
            Yes, log out everywhere
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => setAsking(true)}>
          Log out everywhere
        </button>
      )}
      {error && <ErrorNote>{error}</ErrorNote>}
    </div>
  );
}

/** Settings: password, recovery key, sessions. */
export function AccountSecurity() {
  return (
    <section className="card stack" aria-labelledby="security-heading">
      <h2 id="security-heading" className="flush-top">
        Account and security
      </h2>
      <p className="muted small">
        Your entries, tags, notes and prompts are stored encrypted; your password or recovery key opens them.
      </p>
      <ChangePasswordForm />
      <NewRecoveryKey />
      <LogOutEverywhere />
    </section>
  );
}
