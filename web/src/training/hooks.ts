// Small hooks the training pages share: loading data with abort and
// reload, the page title, and the Measure for the user's language and units.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSettings } from "../account/settingsStore";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";
import type { Units } from "../lib/units";
import { measure, type Measure } from "./measure";

/** Loaded is the state of one request. */
export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
  set: (v: T | null | ((v: T | null) => T | null)) => void;
}

/** useLoad runs load when key changes (aborting the previous one) and on reload. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const fn = useRef(load);
  fn.current = load;
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    fn.current(ctl.signal).then(
      (v) => {
        if (ctl.signal.aborted) return;
        setData(v);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, set: setData };
}

/** useTitle sets the document title to a page name and the app name. */
export function useTitle(key: MessageKey, extra?: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${extra ? `${extra} · ` : ""}${t(key)} · ${t("app.name")}`;
  }, [t, key, extra]);
}

/** useUnits returns the user's unit system (metric until the settings load). */
export function useUnits(): Units {
  const { settings } = useSettings();
  return settings?.units ?? "metric";
}

/** useMeasure returns formatting for the user's language and units. */
export function useMeasure(unitsOverride?: Units): Measure {
  const { t, lang } = useI18n();
  const fromSettings = useUnits();
  const units = unitsOverride ?? fromSettings;
  return useMemo(
    () =>
      measure(lang, units, {
        km: t("unit.km"),
        mi: t("unit.mi"),
        m: t("unit.m"),
        ft: t("unit.ft"),
        kmh: t("unit.kmh"),
        mph: t("unit.mph"),
        perKm: t("unit.perKm"),
        perMi: t("unit.perMi"),
        per100m: t("unit.per100m"),
        per100yd: t("unit.per100yd"),
      }),
    [t, lang, units],
  );
}
