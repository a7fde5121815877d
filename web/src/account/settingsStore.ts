// The signed-in user's settings, loaded once and shared by every page that
// needs them (units on the profile, the settings page itself). Cleared when
// the session ends.
import { useEffect, useSyncExternalStore } from "react";
import { getSettings, type Settings } from "../api/settings";
import { session } from "../api/session";

interface State {
  settings: Settings | null;
  error: unknown;
  loading: boolean;
}

let state: State = { settings: null, error: null, loading: false };
const listeners = new Set<() => void>();

function set(next: Partial<State>) {
  state = { ...state, ...next };
  for (const fn of [...listeners]) fn();
}

session.subscribe((s) => {
  if (s === "signed-out") set({ settings: null, error: null, loading: false });
});

/** loadSettings fetches the settings (again). */
export function loadSettings(): Promise<Settings | null> {
  set({ loading: true, error: null });
  return getSettings().then(
    (settings) => {
      set({ settings, loading: false });
      return settings;
    },
    (error: unknown) => {
      set({ error, loading: false });
      return null;
    },
  );
}

/** storeSettings replaces the held settings with the API's latest answer. */
export function storeSettings(settings: Settings): void {
  set({ settings, error: null });
}

/** useSettings returns the shared settings, loading them on first use. */
export function useSettings(): State & { reload: () => Promise<Settings | null> } {
  const snap = useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => state,
  );
  useEffect(() => {
    if (!state.settings && !state.loading && session.accessToken()) void loadSettings();
  }, []);
  return { ...snap, reload: loadSettings };
}
