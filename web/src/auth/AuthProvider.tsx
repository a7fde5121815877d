// The signed-in user for the whole app. On start it tries a silent refresh
// (the HttpOnly refresh cookie survives reloads), then loads GET /auth/me.
// It follows the session: a refused refresh or a logout in another tab signs
// the user out here too.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { getMe, logout as apiLogout, type Me } from "../api/auth";
import { session } from "../api/session";

/** AuthStatus is whether the user is known yet. */
export type AuthStatus = "loading" | "anonymous" | "authenticated";

/** Auth is what useAuth returns. */
export interface Auth {
  status: AuthStatus;
  me: Me | null;
  /** reload fetches /me again (after login, 2FA changes, role changes). */
  reload: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** AuthProvider restores the session and holds the current user. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>("loading");
  const [me, setMe] = useState<Me | null>(null);

  const reload = useCallback(async () => {
    if (!session.accessToken()) {
      setMe(null);
      setStatus("anonymous");
      return null;
    }
    try {
      const next = await getMe();
      setMe(next);
      setStatus("authenticated");
      return next;
    } catch {
      if (!session.accessToken()) {
        setMe(null);
        setStatus("anonymous");
      } else {
        // Signed in, but the account could not be loaded (the auth service is
        // busy or restarting): pages still work; staff areas stay closed
        // until a later reload succeeds.
        setStatus("authenticated");
      }
      return null;
    }
  }, []);

  useEffect(() => {
    let live = true;
    const off = session.subscribe((state) => {
      if (!live) return;
      if (state === "signed-out") {
        setMe(null);
        setStatus("anonymous");
      } else {
        void reload();
      }
    });
    if (session.accessToken()) {
      void reload();
    } else if (!session.mayHaveSession()) {
      setStatus("anonymous");
    } else {
      void session.refresh().then((ok) => {
        if (live && !ok) setStatus((s) => (s === "loading" ? "anonymous" : s));
      });
    }
    return () => {
      live = false;
      off();
    };
  }, [reload]);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } catch {
      // The local session is cleared anyway (apiLogout's finally).
    }
  }, []);

  const value = useMemo<Auth>(() => ({ status, me, reload, logout }), [status, me, reload, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** useAuth returns the current user and session actions. */
export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** hasPermission reports whether the signed-in user holds perm. */
export function hasPermission(me: Me | null, perm: string): boolean {
  return Boolean(me?.permissions?.includes(perm));
}
