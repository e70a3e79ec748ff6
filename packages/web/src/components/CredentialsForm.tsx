import { PasswordSchema, UsernameSchema } from "@meridian/core";
import { type FormEvent, useId, useState } from "react";
import { ApiError, errorMessage } from "../api/errors";

export interface Credentials {
  username: string;
  password: string;
}

interface Props {
  submitLabel: string;
  busyLabel: string;
  /** New accounts are validated with core's schemas before sending. */
  newAccount: boolean;
  onSubmit(c: Credentials): Promise<void>;
}

export function CredentialsForm({ submitLabel, busyLabel, newAccount, onSubmit }: Props) {
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: { username?: string; password?: string } = {};
    if (newAccount) {
      const u = UsernameSchema.safeParse(username);
      if (!u.success) errs.username = u.error.issues[0]?.message ?? "Invalid username";
      const p = PasswordSchema.safeParse(password);
      if (!p.success) errs.password = p.error.issues[0]?.message ?? "Invalid password";
    } else if (username.trim() === "" || password === "") {
      setError("Enter your username and password.");
      return;
    }
    setFieldErrors(errs);
    if (errs.username || errs.password) return;
    setBusy(true);
    try {
      await onSubmit({ username: username.trim().toLowerCase(), password });
    } catch (err) {
      if (err instanceof ApiError && (err.field === "username" || err.field === "password")) {
        setFieldErrors({ [err.field]: err.message });
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-u`}>Username</label>
        <input
          id={`${id}-u`}
          type="text"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={fieldErrors.username ? true : undefined}
          aria-describedby={fieldErrors.username ? `${id}-ue` : newAccount ? `${id}-uh` : undefined}
          required
        />
        {newAccount && !fieldErrors.username && (
          <span className="hint" id={`${id}-uh`}>
            2–32 characters: lowercase letters, digits, dot, dash or underscore.
          </span>
        )}
        {fieldErrors.username && (
          <span className="error-text" id={`${id}-ue`}>
            {fieldErrors.username}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-p`}>Password</label>
        <input
          id={`${id}-p`}
          type="password"
          name="password"
          autoComplete={newAccount ? "new-password" : "current-password"}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? `${id}-pe` : newAccount ? `${id}-ph` : undefined}
          required
        />
        {newAccount && !fieldErrors.password && (
          <span className="hint" id={`${id}-ph`}>
            At least 10 characters, and not a common password or an easy pattern like 1234.
          </span>
        )}
        {fieldErrors.password && (
          <span className="error-text" id={`${id}-pe`}>
            {fieldErrors.password}
          </span>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
