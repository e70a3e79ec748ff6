import { type FormEvent, useId, useState } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { useAuth, useUser } from "../app/auth";
import { PasswordField } from "../components/PasswordField";
import { ErrorNote } from "../components/Status";
import { navigate } from "../router/router";
import { dataApi } from "./data-api";

export function DeleteAccountSection() {
  const user = useUser();
  const auth = useAuth();
  const id = useId();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string | undefined } | null>(null);
  const typed = confirm.trim().toLowerCase() === user.username;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!typed || password === "") return;
    setBusy(true);
    setError(null);
    try {
      await dataApi.deleteAccount(password, confirm);
      // Straight to sign-in with its own message: the signed-in pages must not render again
      // (each would ask the server and get a 401 for an account that is gone).
      auth.accountDeleted();
      navigate("/signin", { replace: true });
    } catch (err) {
      setError({ message: errorMessage(err), field: err instanceof ApiError ? err.field : undefined });
      setBusy(false);
    }
  }

  return (
    <form className="card stack" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`} className="flush-top">
        Delete your account
      </h2>
      <p className="muted">
        This removes every entry, session, sleep diary, check-up, preset and media file of{" "}
        <strong>{user.username}</strong> from this server at once. It can't be undone: download an archive
        first if you may want your words back.
        {user.role === "owner"
          ? " As the owner, you can do this only once no one else has an account here."
          : ""}
      </p>
      <PasswordField
        id={`${id}-pw`}
        label="Your password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        invalid={error?.field === "password"}
      />
      <div className="field">
        <label htmlFor={`${id}-confirm`}>
          Type your username (<strong>{user.username}</strong>) to confirm
        </label>
        <input
          id={`${id}-confirm`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={error?.field === "confirm" ? true : undefined}
        />
      </div>
      <div aria-live="polite">{error && <ErrorNote>{error.message}</ErrorNote>}</div>
      <div className="row">
        <button type="submit" className="btn btn-danger" disabled={!typed || password === "" || busy}>
          {busy ? "Deleting…" : "Delete my account and everything in it"}
        </button>
      </div>
    </form>
  );
}
