// Privacy (/account/privacy): who sees the profile, default visibility of
// new activities' map, heart rate and pace, and privacy zones.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import {
  addZone,
  deleteZone,
  getPrivacy,
  updatePrivacy,
  type ActivityDefaults,
  type Privacy,
  type Visibility,
} from "../api/profiles";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatNumber } from "../lib/format";
import type { FieldErrors } from "../lib/problems";
import { Field, FormAlert, SelectField, useSubmission } from "../ui/form";
import { ZoneMap } from "./ZoneMap";
import { ZONE_MAX_RADIUS, ZONE_MIN_RADIUS, checkZone, type ZoneForm } from "./zones";

const VIS: readonly Visibility[] = ["public", "followers", "private"];
const DEFAULT_KEYS: readonly (keyof ActivityDefaults)[] = ["map", "heart_rate", "pace"];
const emptyZone: ZoneForm = { name: "", lat: "", lon: "", radius: "300" };

function VisibilityForm({ privacy, onSaved }: { privacy: Privacy; onSaved: (p: Privacy) => void }) {
  const { t } = useI18n();
  const [visibility, setVisibility] = useState(privacy.visibility);
  const [defaults, setDefaults] = useState(privacy.activity_defaults);
  const sub = useSubmission();
  const options = VIS.map((v) => ({ value: v, label: t(`visibility.${v}`) }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => updatePrivacy({ visibility, activity_defaults: defaults }), {
      success: { key: "common.saved" },
    });
    if (res.ok) onSaved(res.value);
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="visibility-heading">
      <h2 id="visibility-heading">{t("privacy.visibility.title")}</h2>
      <SelectField label={t("profile.visibility")} value={visibility} onChange={setVisibility} options={options} />
      <fieldset>
        <legend>{t("privacy.defaults.title")}</legend>
        <p className="field-hint">{t("privacy.defaults.text")}</p>
        <div className="grid-3">
          {DEFAULT_KEYS.map((k) => (
            <SelectField
              key={k}
              label={t(`privacy.defaults.${k}`)}
              value={defaults[k]}
              onChange={(v) => setDefaults({ ...defaults, [k]: v })}
              options={options}
            />
          ))}
        </div>
      </fieldset>
      <FormAlert error={sub.error} success={sub.success} />
      <button type="submit" disabled={sub.busy}>
        {t("common.save")}
      </button>
    </form>
  );
}

function Zones({ privacy, setPrivacy }: { privacy: Privacy; setPrivacy: (p: Privacy) => void }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<ZoneForm>(emptyZone);
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  const del = useSubmission();
  const all = { ...sub.fields, ...errors };
  const set = (k: keyof ZoneForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { zone, errors: err } = checkZone(form);
    setErrors(err);
    if (!zone) return;
    const res = await sub.run(() => addZone(zone), { success: { key: "privacy.zones.added" }, names: { radius_m: "radius" } });
    if (res.ok) {
      setPrivacy({ ...privacy, zones: [...privacy.zones, res.value] });
      setForm(emptyZone);
    }
  };
  const locate = () => {
    navigator.geolocation?.getCurrentPosition(
      (pos) =>
        setForm((f) => ({
          ...f,
          lat: String(Math.round(pos.coords.latitude * 1e5) / 1e5),
          lon: String(Math.round(pos.coords.longitude * 1e5) / 1e5),
        })),
      () => sub.setError({ key: "privacy.zones.locateFailed" }),
    );
  };
  return (
    <section className="card" aria-labelledby="zones-heading">
      <h2 id="zones-heading">{t("privacy.zones.title")}</h2>
      <p className="field-hint">{t("privacy.zones.text")}</p>
      <FormAlert error={del.error} />
      {privacy.zones.length === 0 ? (
        <p className="muted">{t("privacy.zones.none")}</p>
      ) : (
        <ul className="plain-list zone-list" data-testid="zones">
          {privacy.zones.map((z) => (
            <li key={z.id}>
              <span>
                <strong>{z.name || t("privacy.zones.unnamed")}</strong>{" "}
                <span className="muted">
                  {formatNumber(z.lat, lang, 5)}, {formatNumber(z.lon, lang, 5)} · {t("privacy.zones.radiusValue", { m: z.radius_m })}
                </span>
              </span>
              <button
                type="button"
                className="secondary small"
                disabled={del.busy}
                aria-label={t("privacy.zones.deleteOne", { name: z.name || t("privacy.zones.unnamed") })}
                onClick={() =>
                  void del.run(() => deleteZone(z.id)).then((r) => {
                    if (r.ok) setPrivacy({ ...privacy, zones: privacy.zones.filter((x) => x.id !== z.id) });
                  })
                }
              >
                {t("common.delete")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ZoneMap zones={privacy.zones} pending={form} onPick={(lat, lon) => setForm((f) => ({ ...f, lat: String(lat), lon: String(lon) }))} />
      <form onSubmit={submit} noValidate aria-labelledby="zone-add-heading" data-testid="zone-form">
        <h3 id="zone-add-heading">{t("privacy.zones.add")}</h3>
        <Field label={t("privacy.zones.name")} value={form.name} onChange={set("name")} error={all.name} maxLength={60} placeholder={t("privacy.zones.namePlaceholder")} />
        <div className="grid-3">
          <Field label={t("privacy.zones.lat")} value={form.lat} onChange={set("lat")} error={all.lat} inputMode="decimal" placeholder="55.75580" />
          <Field label={t("privacy.zones.lon")} value={form.lon} onChange={set("lon")} error={all.lon} inputMode="decimal" placeholder="37.61730" />
          <Field
            label={t("privacy.zones.radius")}
            value={form.radius}
            onChange={set("radius")}
            error={all.radius ?? all.radius_m}
            inputMode="numeric"
            hint={t("privacy.zones.radiusHint", { min: ZONE_MIN_RADIUS, max: ZONE_MAX_RADIUS })}
          />
        </div>
        <FormAlert error={sub.error} success={sub.success} />
        <div className="form-actions">
          <button type="submit" disabled={sub.busy}>
            {t("privacy.zones.addSubmit")}
          </button>
          {"geolocation" in navigator && (
            <button type="button" className="secondary" onClick={locate}>
              {t("privacy.zones.locate")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** PrivacyPage edits privacy settings and zones. */
export function PrivacyPage() {
  const { t } = useI18n();
  const [privacy, setPrivacy] = useState<Privacy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getPrivacy().then(setPrivacy, (err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${t("privacy.title")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="stack">
      <h1>{t("privacy.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!privacy && error == null && <p role="status">{t("app.loading")}</p>}
      {privacy && (
        <>
          <VisibilityForm privacy={privacy} onSaved={setPrivacy} />
          <Zones privacy={privacy} setPrivacy={setPrivacy} />
        </>
      )}
    </div>
  );
}
