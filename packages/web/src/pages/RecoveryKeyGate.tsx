/**
 * The recovery-key gate: a new account's key is shown until "I have saved my recovery key" is
 * confirmed, also across a reload. The key waits in this tab's sessionStorage (keyed by the
 * user's id, never sent anywhere, gone when the tab closes) and is removed on confirmation and
 * whenever the tab signs out (app/auth.tsx: sign-out, log out everywhere, account deleted, the
 * session ended by the server). SECURITY.md says the same.
 */
import type { User } from "@meridian/core";
import { type ReactNode, useState } from "react";
import { RecoveryKeyNotice } from "../components/RecoveryKeyNotice";
import { navigate } from "../router/router";

const STORAGE_KEY = "meridian.pendingRecoveryKey";

interface Pending {
  userId: string;
  recoveryKey: string;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps a just-issued recovery key until its owner confirms they saved it. */
export function rememberPendingRecoveryKey(userId: string, recoveryKey: string): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify({ userId, recoveryKey } satisfies Pending));
  } catch {
    // Storage full or blocked: the gate still shows until this page is left.
  }
}

/** The recovery key `userId` has not yet confirmed saving, if any. */
export function pendingRecoveryKey(userId: string): string | null {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<Pending>;
    return p.userId === userId && typeof p.recoveryKey === "string" ? p.recoveryKey : null;
  } catch {
    return null;
  }
}

export function forgetPendingRecoveryKey(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing kept.
  }
}

/** The full-page gate: the key, copy, confirm, then the journal. */
export function RecoveryKeyGate({ recoveryKey, onDone }: { recoveryKey: string; onDone(): void }) {
  return (
    <div className="narrow">
      <h1>Save your recovery key</h1>
      <RecoveryKeyNotice recoveryKey={recoveryKey} continueLabel="Continue to my journal" onDone={onDone} />
    </div>
  );
}

/** In the signed-in app: the gate while `user` has an unconfirmed key, else `children`. */
export function WithRecoveryKeyGate({ user, children }: { user: User; children: ReactNode }) {
  const [key, setKey] = useState(() => pendingRecoveryKey(user.id));
  if (!key || pendingRecoveryKey(user.id) !== key) return <>{children}</>;
  return (
    <RecoveryKeyGate
      recoveryKey={key}
      onDone={() => {
        forgetPendingRecoveryKey();
        setKey(null);
        navigate("/", { replace: true });
      }}
    />
  );
}
