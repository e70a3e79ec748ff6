import { PasswordSchema, type User } from "@meridian/core";
import { type FormEvent, useId, useState } from "react";
import { api } from "../api/client";
import { ApiError, errorMessage } from "../api/errors";
import { useAuth } from "../app/auth";
import { CredentialsForm } from "../components/CredentialsForm";
import { browserTimeZone } from "../lib/dates";
import { Link, navigate, useLocation } from "../router/router";
import { forgetPendingRecoveryKey, RecoveryKeyGate, rememberPendingRecoveryKey } from "./RecoveryKeyGate";

function afterSignIn(path: string) {
  if (path === "/signin" || path === "/signup" || path === "/setup" || path === "/recover") {
    navigate("/", { replace: true });
  }
}

/** A new account (or one just encrypted) must see its recovery key before going on. */
interface PendingKey {
  user: User;
  recoveryKey: string;
}

function useFinishSignIn() {
  const auth = useAuth();
  const { path } = useLocation();
  const [pending, setPending] = useState<PendingKey | null>(null);
  const finish = (user: User) => {
    auth.signedIn(user);
    afterSignIn(path);
  };
  const notice = pending ? (
    <RecoveryKeyGate
      recoveryKey={pending.recoveryKey}
      onDone={() => {
        forgetPendingRecoveryKey();
        finish(pending.user);
      }}
    />
  ) : null;
  return {
    notice,
    done: (answer: User & { recoveryKey?: string | undefined }) => {
      const { recoveryKey, ...user } = answer;
      if (recoveryKey) {
        // Kept until confirmed, so a reload (already signed in) shows the key again.
        rememberPendingRecoveryKey(user.id, recoveryKey);
        setPending({ user, recoveryKey });
      } else finish(user);
    },
  };
}

export function SetupPage() {
  const tz = browserTimeZone();
  const { notice, done } = useFinishSignIn();
  if (notice) return notice;
  return (
    <div className="narrow">
      <h1>Welcome to Meridian</h1>
      <p>
        This is a fresh Meridian. Create the owner account: you will be able to invite others and decide
        whether anyone may sign up.
      </p>
      <div className="card">
        <CredentialsForm
          newAccount
          submitLabel="Create owner account"
          busyLabel="Creating…"
          onSubmit={async ({ username, password }) =>
            done(await api.setup({ username, password, timeZone: tz }))
          }
        />
        <p className="muted small-note">Time zone: {tz} (from this browser; change it later in Settings).</p>
      </div>
    </div>
  );
}

export function SignInPage() {
  const auth = useAuth();
  const { notice, done } = useFinishSignIn();
  if (notice) return notice;
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {auth.notice && (
        <p className="alert alert-info" role="status">
          {auth.notice}
        </p>
      )}
      <div className="card">
        <CredentialsForm
          newAccount={false}
          submitLabel="Sign in"
          busyLabel="Signing in…"
          onSubmit={async ({ username, password }) => done(await api.login(username, password))}
        />
      </div>
      <p className="after-card">
        <Link to="/recover">Forgot your password?</Link>
      </p>
      {auth.signupsOpen && (
        <p className="after-card">
          New here? <Link to="/signup">Create an account</Link>
        </p>
      )}
    </div>
  );
}

export function SignUpPage() {
  const auth = useAuth();
  const { notice, done } = useFinishSignIn();
  if (notice) return notice;
  if (!auth.signupsOpen) {
    return (
      <div className="narrow">
        <h1>Sign-ups are closed</h1>
        <p>Ask the owner of this Meridian to create an account for you.</p>
        <Link to="/signin">Sign in</Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Create an account</h1>
      <div className="card">
        <CredentialsForm
          newAccount
          submitLabel="Create account"
          busyLabel="Creating…"
          onSubmit={async ({ username, password }) =>
            done(await api.signup({ username, password, timeZone: browserTimeZone() }))
          }
        />
      </div>
      <p className="after-card">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}

/** Forgotten password: the recovery key sets a new one; every entry stays readable. */
export function RecoverPage() {
  const auth = useAuth();
  const id = useId();
  const [username, setUsername] = useState("");
  const [recoveryKey, setRecoveryKey] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Record<string, string> = {};
    if (username.trim() === "") errs.username = "Enter your username.";
    if (recoveryKey.trim() === "") errs.recoveryKey = "Enter your recovery key.";
    const p = PasswordSchema.safeParse(password);
    if (!p.success) errs.newPassword = p.error.issues[0]?.message ?? "Invalid password";
    else if (password !== confirm) errs.confirm = "The two passwords differ.";
    setFieldErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    try {
      const user = await api.recover({
        username: username.trim().toLowerCase(),
        recoveryKey,
        newPassword: password,
      });
      auth.signedIn(user);
      navigate("/", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: err.message });
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <span className="error-text" id={`${id}-${name}-e`} role="alert">
        {fieldErrors[name]}
      </span>
    ) : null;
  const described = (name: string) => (fieldErrors[name] ? `${id}-${name}-e` : undefined);

  return (
    <div className="narrow">
      <h1>Forgot your password?</h1>
      <p>
        Your recovery key (shown when your account was created) sets a new password. Every entry stays as it
        is; other devices are signed out.
      </p>
      <form className="card" onSubmit={submit} noValidate>
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-username`}>Username</label>
          <input
            id={`${id}-username`}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={described("username")}
          />
          {fieldError("username")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-recoveryKey`}>Recovery key</label>
          <input
            id={`${id}-recoveryKey`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.target.value)}
            aria-invalid={fieldErrors.recoveryKey ? true : undefined}
            aria-describedby={described("recoveryKey")}
          />
          {fieldError("recoveryKey")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-newPassword`}>New password</label>
          <input
            id={`${id}-newPassword`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldErrors.newPassword ? true : undefined}
            aria-describedby={described("newPassword")}
          />
          {fieldError("newPassword")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>New password again</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={fieldErrors.confirm ? true : undefined}
            aria-describedby={described("confirm")}
          />
          {fieldError("confirm")}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Setting the new password…" : "Set new password"}
        </button>
      </form>
      <p className="after-card">
        <Link to="/signin">Back to sign in</Link>
      </p>
    </div>
  );
}
