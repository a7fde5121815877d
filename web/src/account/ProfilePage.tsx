// The own profile (/account/profile): avatar, name, bio, region, body
// metrics in the user's units, sports with levels and profile visibility.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { getProfile, updateProfile, type Level, type Profile, type Sex, type Visibility } from "../api/profiles";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import type { FieldErrors } from "../lib/problems";
import type { Units } from "../lib/units";
import { Field, FormAlert, SelectField, useSubmission } from "../ui/form";
import { AvatarEditor } from "./AvatarEditor";
import { LEVELS, formToPatch, profileToForm, type ProfileForm } from "./profileForm";
import { SPORTS, achievementName, sportName, sportOptions } from "./vocabulary";
import { useSettings } from "./settingsStore";

const VISIBILITIES: readonly Visibility[] = ["public", "followers", "private"];

function SportsEditor({ form, setForm, errors }: { form: ProfileForm; setForm: (f: ProfileForm) => void; errors: FieldErrors }) {
  const { t, lang } = useI18n();
  const update = (i: number, patch: Partial<ProfileForm["sports"][number]>) =>
    setForm({ ...form, sports: form.sports.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const unused = SPORTS.find((s) => !form.sports.some((x) => x.sport === s.id))?.id;
  return (
    <fieldset className="sports-editor">
      <legend>{t("profile.sports.title")}</legend>
      {form.sports.length === 0 && <p className="muted">{t("profile.sports.none")}</p>}
      <ul className="plain-list">
        {form.sports.map((s, i) => (
          <li key={i} className="sport-row" data-testid="sport-row">
            <SelectField
              label={t("profile.sports.sport")}
              value={s.sport}
              onChange={(v) => update(i, { sport: v })}
              options={sportOptions(lang)}
            />
            <SelectField
              label={t("profile.sports.level")}
              value={s.level}
              onChange={(v: Level) => update(i, { level: v })}
              options={LEVELS.map((v) => ({ value: v, label: t(`level.${v}`) }))}
            />
            <button
              type="button"
              className="secondary small"
              onClick={() => setForm({ ...form, sports: form.sports.filter((_, j) => j !== i) })}
              aria-label={t("profile.sports.removeOne", { sport: sportName(s.sport, lang) })}
            >
              {t("common.remove")}
            </button>
            {errors[`sports.${i}`] && <p className="field-error">{t("profile.sports.duplicate")}</p>}
          </li>
        ))}
      </ul>
      {unused && (
        <button
          type="button"
          className="secondary"
          onClick={() => setForm({ ...form, sports: [...form.sports, { sport: unused, level: "beginner" }] })}
        >
          {t("profile.sports.add")}
        </button>
      )}
    </fieldset>
  );
}

function ProfileEditor({ profile, units, onSaved }: { profile: Profile; units: Units; onSaved: (p: Profile) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => profileToForm(profile, units));
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  // Re-read the profile when the unit system changes; an avatar change must
  // not wipe edits in progress.
  const latest = useRef(profile);
  latest.current = profile;
  useEffect(() => setForm(profileToForm(latest.current, units)), [units]);
  const field = (k: keyof ProfileForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const all = { ...sub.fields, ...errors };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { patch, errors: err } = formToPatch(form, units);
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => updateProfile(patch), {
      success: { key: "profile.saved" },
      names: { height_cm: "height", weight_kg: "weight", threshold_pace_s_per_km: "pace", threshold_power_w: "power" },
    });
    if (res.ok) onSaved(res.value);
  };
  const imperial = units === "imperial";
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="profile-form-heading" data-testid="profile-form">
      <h2 id="profile-form-heading">{t("profile.about")}</h2>
      <Field label={t("profile.displayName")} value={form.display_name} onChange={field("display_name")} error={all.display_name} maxLength={60} required />
      <div className="field">
        <label htmlFor="profile-bio">{t("profile.bio")}</label>
        <textarea id="profile-bio" value={form.bio} onChange={(e) => field("bio")(e.target.value)} rows={3} maxLength={500}
          aria-invalid={all.bio ? true : undefined} />
      </div>
      <Field label={t("profile.region")} value={form.region} onChange={field("region")} error={all.region} maxLength={80} autoComplete="address-level1" />
      <div className="grid-2">
        <Field label={t("profile.birthYear")} value={form.birth_year} onChange={field("birth_year")} error={all.birth_year} inputMode="numeric" />
        <SelectField
          label={t("profile.sex")}
          value={form.sex}
          onChange={(v: Sex | "") => setForm({ ...form, sex: v })}
          options={[
            { value: "", label: t("profile.sex.unset") },
            { value: "female", label: t("profile.sex.female") },
            { value: "male", label: t("profile.sex.male") },
            { value: "other", label: t("profile.sex.other") },
          ]}
        />
      </div>
      <fieldset>
        <legend>{t("profile.body")}</legend>
        <div className="grid-2">
          {imperial ? (
            <div className="grid-2 tight">
              <Field label={t("profile.heightFt")} value={form.height_ft} onChange={field("height_ft")} error={all.height} inputMode="numeric" />
              <Field label={t("profile.heightIn")} value={form.height_in} onChange={field("height_in")} inputMode="numeric" />
            </div>
          ) : (
            <Field label={t("profile.heightCm")} value={form.height_cm} onChange={field("height_cm")} error={all.height} inputMode="numeric" />
          )}
          <Field label={imperial ? t("profile.weightLb") : t("profile.weightKg")} value={form.weight} onChange={field("weight")} error={all.weight} inputMode="decimal" />
          <Field label={t("profile.restingHr")} value={form.resting_hr} onChange={field("resting_hr")} error={all.resting_hr} inputMode="numeric" />
          <Field label={t("profile.maxHr")} value={form.max_hr} onChange={field("max_hr")} error={all.max_hr} inputMode="numeric" />
          <Field label={t("profile.thresholdHr")} value={form.threshold_hr} onChange={field("threshold_hr")} error={all.threshold_hr} inputMode="numeric" />
          <Field label={t("profile.hrZones")} value={form.hr_zones} onChange={field("hr_zones")} error={all.hr_zones}
            placeholder="120, 140, 155, 170" hint={t("profile.hrZonesHint")} />
          <Field
            label={imperial ? t("profile.paceMi") : t("profile.paceKm")}
            value={form.pace}
            onChange={field("pace")}
            error={all.pace}
            placeholder="4:30"
            hint={t("profile.paceHint")}
          />
          <Field label={t("profile.power")} value={form.power} onChange={field("power")} error={all.power} inputMode="numeric" />
        </div>
      </fieldset>
      <SportsEditor form={form} setForm={setForm} errors={errors} />
      <SelectField
        label={t("profile.visibility")}
        value={form.visibility}
        onChange={(v: Visibility) => setForm({ ...form, visibility: v })}
        options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
      />
      <FormAlert error={sub.error} success={sub.success} />
      <button type="submit" disabled={sub.busy}>
        {t("common.save")}
      </button>
    </form>
  );
}

/** ProfilePage edits the signed-in user's profile. */
export function ProfilePage() {
  const { t, lang } = useI18n();
  const { settings } = useSettings();
  const units: Units = settings?.units ?? "metric";
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getProfile().then(setProfile, (err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${t("profile.title")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="stack" data-testid="profile-page">
      <h1>{t("profile.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!profile && error == null && <p role="status">{t("app.loading")}</p>}
      {profile && (
        <>
          <p className="muted">
            {t("profile.counts", { followers: profile.followers_count, following: profile.following_count })}{" "}
            <Link to={`/athletes/${encodeURIComponent(profile.user_id)}`}>{t("profile.viewPublic")}</Link>
          </p>
          <AvatarEditor profile={profile} onChange={setProfile} />
          <ProfileEditor profile={profile} units={units} onSaved={setProfile} />
          {profile.achievements.length > 0 && (
            <section className="card" aria-labelledby="achievements-heading">
              <h2 id="achievements-heading">{t("profile.achievements")}</h2>
              <ul className="chips">
                {profile.achievements.map((a) => (
                  <li key={a.code}>{achievementName(a.code, lang)}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
