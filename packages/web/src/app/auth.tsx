import type { User } from "@meridian/core";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api } from "../api/client";
import { isUnauthenticated } from "../api/errors";

export interface AuthState {
  phase: "loading" | "ready" | "error";
  needsOwner: boolean;
  signupsOpen: boolean;
  user: User | null;
  error: string | null;
}

interface AuthApi extends AuthState {
  refresh(): Promise<void>;
  signedIn(user: User): void;
  signOut(): Promise<void>;
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
  });

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
      setState({
        phase: "ready",
        needsOwner: setup.needsOwner,
        signupsOpen: setup.signupsOpen,
        user,
        error: null,
      });
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
      signedIn: (user) => setState((s) => ({ ...s, user, needsOwner: false, phase: "ready" })),
      updateUser: (user) => setState((s) => ({ ...s, user })),
      signOut: async () => {
        try {
          await api.logout();
        } finally {
          setState((s) => ({ ...s, user: null }));
        }
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
