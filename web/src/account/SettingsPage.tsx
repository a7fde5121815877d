// Settings (/account/settings): appearance, units, language, region, time
// zone, currency, phone, notification preferences, quiet hours, marketing
// consent and push notifications on this device.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { getTaxonomy } from "../api/catalog";
import { setMarketingConsent, updateSettings, type Settings } from "../api/settings";
import { ErrorBox } from "../app/ErrorBox";
import { usePreferences } from "../app/preferences";
import { useI18n } from "../i18n/I18nProvider";
import { localized } from "../i18n/i18n";
import { formatDateTime } from "../lib/format";
import type { FieldErrors } from "../lib/problems";
import { checkPhone, checkTime, compact, normalizePhone } from "../lib/validation";
import { Field, FormAlert, SelectField, useSubmission } from "../ui/form";
import { NotificationPrefs } from "./NotificationPrefs";
import { PushDevice } from "./PushDevice";
import { storeSettings, useSettings } from "./settingsStore";

function timeZones(current: string): string[] {
  let list: string[] = [];
  try {
    list = Intl.supportedValuesOf("timeZone");
  } catch {
    list = [];
  }
  if (!list.includes("UTC")) list = ["UTC", ...list];
  return current && !list.includes(current) ? [current, ...list] : list;
}

function useRegions(current: string) {
  const { lang } = useI18n();
  const [regions, setRegions] = useState<{ value: string; label: string }[] | null>(null);
  useEffect(() => {
    getTaxonomy().then(
      (tx) => setRegions(tx.regions.map((r) => ({ value: r.id, label: localized(r.name, lang) || r.id }))),
      () => setRegions(null),
    );
  }, [lang]);
  if (!regions) return null;
  return current && !regions.some((r) => r.value === current) ? [{ value: current, label: current }, ...regions] : regions;
}

function General({ settings }: { settings: Settings }) {
  const { t, setLang } = useI18n();
  const { setCurrency } = usePreferences();
  const [form, setForm] = useState(settings);
  const [phone, setPhone] = useState(settings.phone ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  const regions = useRegions(form.region);
  const zones = useMemo(() => timeZones(form.time_zone), [form.time_zone]);
  useEffect(() => {
    setForm(settings);
    setPhone(settings.phone ?? "");
  }, [settings]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ phone: checkPhone(phone) });
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(
      () =>
        updateSettings({
          theme: form.theme,
          units: form.units,
          first_day_of_week: form.first_day_of_week,
          language: form.language,
          region: form.region,
          time_zone: form.time_zone,
          currency: form.currency,
          phone: normalizePhone(phone) || null,
        }),
      { success: { key: "common.saved" } },
    );
    if (res.ok) {
      storeSettings(res.value);
      setLang(res.value.language);
      setCurrency(res.value.currency);
    }
  };
  const all = { ...sub.fields, ...errors };
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="general-heading" data-testid="settings-general">
      <h2 id="general-heading">{t("settings.general")}</h2>
      <div className="grid-2">
        <SelectField label={t("settings.theme")} value={form.theme} onChange={(v) => setForm({ ...form, theme: v })}
          options={(["system", "light", "dark"] as const).map((v) => ({ value: v, label: t(`settings.theme.${v}`) }))} />
        <SelectField label={t("settings.units")} value={form.units} onChange={(v) => setForm({ ...form, units: v })}
          options={(["metric", "imperial"] as const).map((v) => ({ value: v, label: t(`settings.units.${v}`) }))} />
        <SelectField label={t("settings.firstDay")} value={String(form.first_day_of_week) as "1" | "7"}
          onChange={(v) => setForm({ ...form, first_day_of_week: v === "7" ? 7 : 1 })}
          options={[{ value: "1", label: t("settings.firstDay.mon") }, { value: "7", label: t("settings.firstDay.sun") }]} />
        <SelectField label={t("settings.language")} value={form.language} onChange={(v) => setForm({ ...form, language: v })}
          options={(["ru", "en"] as const).map((v) => ({ value: v, label: t(`lang.${v}`) }))} />
        {regions ? (
          <SelectField label={t("settings.region")} value={form.region} onChange={(v) => setForm({ ...form, region: v })} options={regions} />
        ) : (
          <Field label={t("settings.region")} value={form.region} onChange={(v) => setForm({ ...form, region: v })} maxLength={16} error={all.region} />
        )}
        <SelectField label={t("settings.timeZone")} value={form.time_zone} onChange={(v) => setForm({ ...form, time_zone: v })}
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))} />
        <SelectField label={t("settings.currency")} value={form.currency} onChange={(v) => setForm({ ...form, currency: v })}
          options={(["RUB", "KZT", "EUR", "USD"] as const).map((v) => ({ value: v, label: v }))} />
        <Field label={t("settings.phone")} type="tel" value={phone} onChange={setPhone} error={all.phone}
          autoComplete="tel" placeholder="+7 900 000-00-00" hint={t("settings.phoneHint")} />
      </div>
      <FormAlert error={sub.error} success={sub.success} />
      <button type="submit" disabled={sub.busy}>{t("common.save")}</button>
    </form>
  );
}

function QuietHours({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const [q, setQ] = useState(settings.quiet_hours);
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  useEffect(() => setQ(settings.quiet_hours), [settings.quiet_hours]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ start: q.enabled ? checkTime(q.start) : null, end: q.enabled ? checkTime(q.end) : null });
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => updateSettings({ quiet_hours: q }), { success: { key: "common.saved" } });
    if (res.ok) storeSettings(res.value);
  };
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="quiet-heading">
      <h2 id="quiet-heading">{t("settings.quiet.title")}</h2>
      <p className="field-hint">{t("settings.quiet.text")}</p>
      <label className="check">
        <input type="checkbox" checked={q.enabled} onChange={(e) => setQ({ ...q, enabled: e.target.checked })} />
        {t("settings.quiet.enabled")}
      </label>
      <div className="grid-2">
        <Field label={t("settings.quiet.start")} type="time" value={q.start} onChange={(v) => setQ({ ...q, start: v })} disabled={!q.enabled} error={errors.start} />
        <Field label={t("settings.quiet.end")} type="time" value={q.end} onChange={(v) => setQ({ ...q, end: v })} disabled={!q.enabled} error={errors.end} />
      </div>
      <FormAlert error={sub.error} success={sub.success} />
      <button type="submit" disabled={sub.busy}>{t("common.save")}</button>
    </form>
  );
}

function MarketingConsent({ settings }: { settings: Settings }) {
  const { t, lang } = useI18n();
  const sub = useSubmission();
  const consent = settings.marketing_consent;
  // The box follows the click at once; it snaps back if the API refuses.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = async (granted: boolean) => {
    setPending(granted);
    const res = await sub.run(() => setMarketingConsent(granted));
    if (res.ok) storeSettings(res.value);
    setPending(null);
  };
  return (
    <section className="card" aria-labelledby="marketing-heading">
      <h2 id="marketing-heading">{t("settings.marketing.title")}</h2>
      <label className="check">
        <input type="checkbox" checked={pending ?? consent.granted} disabled={sub.busy} onChange={(e) => void toggle(e.target.checked)}
          aria-describedby="marketing-state" data-testid="marketing-consent" />
        {t("settings.marketing.label")}
      </label>
      <p id="marketing-state" className="field-hint">
        {consent.granted && consent.at
          ? t("settings.marketing.givenAt", { time: formatDateTime(consent.at, lang, settings.time_zone) })
          : t("settings.marketing.notGiven")}
      </p>
      <FormAlert error={sub.error} />
    </section>
  );
}

/** SettingsPage edits the user's settings. */
export function SettingsPage() {
  const { t } = useI18n();
  const { settings, error, reload } = useSettings();
  useEffect(() => {
    document.title = `${t("settings.title")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="stack" data-testid="settings-page">
      <h1>{t("settings.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={() => void reload()} />}
      {!settings && error == null && <p role="status">{t("app.loading")}</p>}
      {settings && (
        <>
          <General settings={settings} />
          <NotificationPrefs settings={settings} />
          <QuietHours settings={settings} />
          <PushDevice />
          <MarketingConsent settings={settings} />
        </>
      )}
    </div>
  );
}
