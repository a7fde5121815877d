// Shopper preferences that are not language: the display currency,
// remembered in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { loadCurrency, saveCurrency, type Currency } from "../lib/money";

/** Preferences is what usePreferences returns. */
export interface Preferences {
  currency: Currency;
  setCurrency: (c: Currency) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** PreferencesProvider holds the display currency for the whole app. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [currency, setCurrencyState] = useState<Currency>(() => loadCurrency(storage()));
  const setCurrency = useCallback((c: Currency) => {
    saveCurrency(storage(), c);
    setCurrencyState(c);
  }, []);
  const value = useMemo(() => ({ currency, setCurrency }), [currency, setCurrency]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

/** usePreferences returns the shopper's currency and its setter. */
export function usePreferences(): Preferences {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error("usePreferences outside PreferencesProvider");
  return ctx;
}
