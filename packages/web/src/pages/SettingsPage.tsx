import type { User } from "@meridian/core";
import { type FormEvent, useEffect, useId, useState } from "react";
import { api } from "../api/client";
import { errorMessage } from "../api/errors";
import { useAuth, useUser } from "../app/auth";
import { CredentialsForm } from "../components/CredentialsForm";
import { RecoveryKeyNotice } from "../components/RecoveryKeyNotice";
import { ErrorNote, Loading } from "../components/Status";
import { allTimeZones, browserTimeZone } from "../lib/dates";
import { AccountSecurity } from "./AccountSecurity";

function TimeZoneForm() {
  const user = useUser();
  const auth = useAuth();
  const id = useId();
  const [tz, setTz] = useState(user.timeZone);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zones = allTimeZones();
  const options = zones.includes(tz) ? zones : [tz, ...zones];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    setError(null);
    try {
      const updated = await api.updateMe({ timeZone: tz });
      auth.updateUser(updated);
      setMsg("Time zone saved.");
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form onSubmit={submit} className="card">
      <h2 className="flush-top">Time zone</h2>
      <p className="muted">New entries are dated by the calendar day in this zone.</p>
      <div className="field">
        <label htmlFor={`${id}-tz`}>Time zone</label>
        <select id={`${id}-tz`} value={tz} onChange={(e) => setTz(e.target.value)}>
          {options.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Save time zone
        </button>
        {browserTimeZone() !== tz && (
          <button type="button" className="btn btn-quiet" onClick={() => setTz(browserTimeZone())}>
            Use this browser's zone ({browserTimeZone()})
          </button>
        )}
      </div>
      <div aria-live="polite">
        {msg && <p className="small after-card">{msg}</p>}
        {error && <ErrorNote>{error}</ErrorNote>}
      </div>
    </form>
  );
}

function OwnerSettings() {
  const auth = useAuth();
  const [signupsOpen, setSignupsOpen] = useState<boolean | null>(null);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [handover, setHandover] = useState<{ username: string; recoveryKey: string } | null>(null);

  useEffect(() => {
    api
      .adminSettings()
      .then((s) => setSignupsOpen(s.signupsOpen))
      .catch((err: unknown) => setError(errorMessage(err)));
    api
      .adminUsers()
      .then((r) => setUsers(r.users))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  async function toggle(open: boolean) {
    setError(null);
    try {
      const s = await api.updateAdminSettings({ signupsOpen: open });
      setSignupsOpen(s.signupsOpen);
      void auth.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="signups-heading">
        <h2 id="signups-heading" className="flush-top">
          Sign-ups
        </h2>
        {error && <ErrorNote>{error}</ErrorNote>}
        {signupsOpen === null ? (
          <Loading />
        ) : (
          <label className="row">
            <input type="checkbox" checked={signupsOpen} onChange={(e) => void toggle(e.target.checked)} />
            <span>Allow anyone who can reach this server to create an account</span>
          </label>
        )}
      </section>

      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading" className="flush-top">
          People on this Meridian
        </h2>
        {users === null ? (
          <Loading />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Time zone</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{u.role}</td>
                  <td>{u.timeZone}</td>
                  <td>{new Date(u.createdAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Add someone</h3>
        <p className="muted small">They can change their time zone after signing in.</p>
        <div aria-live="polite">{added && <p className="alert alert-info">Added {added}.</p>}</div>
        {handover && (
          <RecoveryKeyNotice
            recoveryKey={handover.recoveryKey}
            forUsername={handover.username}
            continueLabel="Done"
            onDone={() => setHandover(null)}
          />
        )}
        <CredentialsForm
          key={added ?? ""}
          newAccount
          submitLabel="Add user"
          busyLabel="Adding…"
          onSubmit={async ({ username, password }) => {
            const { recoveryKey, ...u } = await api.adminAddUser({
              username,
              password,
              timeZone: auth.user?.timeZone ?? "UTC",
            });
            setUsers((prev) => [...(prev ?? []), u]);
            setAdded(u.username);
            setHandover({ username: u.username, recoveryKey });
          }}
        />
      </section>
    </>
  );
}

export function SettingsPage() {
  const user = useUser();
  return (
    <div className="prose-width stack">
      <h1>Settings</h1>
      <TimeZoneForm />
      <AccountSecurity />
      {user.role === "owner" ? <OwnerSettings /> : null}
    </div>
  );
}
