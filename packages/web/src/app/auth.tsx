import type { User } from "@meridian/core";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api } from "../api/client";
import { isUnauthenticated } from "../api/errors";
import { SIGNED_OUT_EVENT } from "../api/http";
import { forgetPendingRecoveryKey } from "../pages/RecoveryKeyGate";

export interface AuthState {
  phase: "loading" | "ready" | "error";
  needsOwner: boolean;
  signupsOpen: boolean;
  user: User | null;
  error: string | null;
  /** Why the visitor is at sign-in, when the server ended or locked their session. */
  notice: string | null;
}

interface AuthApi extends AuthState {
  refresh(): Promise<void>;
  signedIn(user: User): void;
  signOut(): Promise<void>;
  /** After "log out everywhere": this device is signed out too. */
  signedOutEverywhere(): void;
  /** The account was just deleted: signed out at once (no page asks the server again). */
  accountDeleted(): void;
  updateUser(user: User): void;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({
    phase: "loading",
    needsOwner: false,
    signupsOpen: false,
    user: null,
    error: null,
    notice: null,
  });

  // The server ended or locked the session mid-use: back to sign-in (drafts stay on the device).
  useEffect(() => {
    const onSignedOut = (event: Event) => {
      const detail = (event as CustomEvent<{ code: string; message: string }>).detail;
      forgetPendingRecoveryKey();
      setState((s) => {
        if (!s.user && detail.code !== "session_locked") return s;
        const notice =
          detail.code === "session_locked"
            ? detail.message
            : "You were signed out. Anything unsaved is kept on this device; sign in to save it.";
        return { ...s, user: null, notice };
      });
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const setup = await api.setupStatus();
      let user: User | null = null;
      if (!setup.needsOwner) {
        try {
          user = await api.me();
        } catch (err) {
          if (!isUnauthenticated(err)) throw err;
        }
      }
      // Signed out (session ended elsewhere): a key still waiting in this tab goes too.
      if (!user) forgetPendingRecoveryKey();
      setState((s) => ({
        phase: "ready",
        needsOwner: setup.needsOwner,
        signupsOpen: setup.signupsOpen,
        user,
        error: null,
        notice: user ? null : s.notice,
      }));
    } catch (err) {
      setState((s) => ({ ...s, phase: "error", error: err instanceof Error ? err.message : String(err) }));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<AuthApi>(
    () => ({
      ...state,
      refresh,
      signedIn: (user) => setState((s) => ({ ...s, user, needsOwner: false, phase: "ready", notice: null })),
      updateUser: (user) => setState((s) => ({ ...s, user })),
      signOut: async () => {
        try {
          await api.logout();
        } finally {
          forgetPendingRecoveryKey();
          setState((s) => ({ ...s, user: null, notice: null }));
        }
      },
      signedOutEverywhere: () => {
        forgetPendingRecoveryKey();
        setState((s) => ({ ...s, user: null, notice: "You logged out on every device." }));
      },
      accountDeleted: () => {
        forgetPendingRecoveryKey();
        setState((s) => ({ ...s, user: null, notice: "Your account was deleted, with everything in it." }));
        // Whether the instance now needs an owner again (asks nothing that needs a session).
        void api
          .setupStatus()
          .then((setup) =>
            setState((s) => ({ ...s, needsOwner: setup.needsOwner, signupsOpen: setup.signupsOpen })),
          )
          .catch(() => {});
      },
    }),
    [state, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error("Signed-in page rendered without a user");
  return user;
}
