// Safety (/training/safety): whether contacts are told when a live session
// stops moving for a while, who they are (chosen among the people the
// athlete follows), and after how long; SOS always reaches them.
import { useEffect, useState, type FormEvent } from "react";
import { listFollowing, type PersonSummary } from "../api/profiles";
import { getSafety, putSafety, type Safety } from "../api/tracker";
import { ErrorBox } from "../app/ErrorBox";
import { useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { FormAlert, useSubmission } from "../ui/form";
import { useLoad, useTitle } from "./hooks";

/** STOP_ALERT_CHOICES are the offered waits (seconds) before a stop alert (the API takes 60..3600). */
export const STOP_ALERT_CHOICES = [60, 120, 300, 600, 900, 1800, 3600] as const;

/** SafetyPage edits the safety settings. */
export function SafetyPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  useTitle("safety.title");
  const cur = useLoad((s) => getSafety(s), "safety");
  const userId = me?.user_id ?? "";
  const people = useLoad(async (s) => {
    if (!userId) return [] as PersonSummary[];
    const out: PersonSummary[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await listFollowing(userId, cursor);
      out.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor || s.aborted) break;
    }
    return out;
  }, userId);
  const [form, setForm] = useState<Safety | null>(null);
  const sub = useSubmission();
  useEffect(() => {
    if (cur.data) setForm(cur.data);
  }, [cur.data]);

  if (cur.error != null) return <ErrorBox error={cur.error} onRetry={cur.reload} />;
  if (!form) return <p role="status">{t("app.loading")}</p>;

  const known = new Map((people.data ?? []).map((p) => [p.user_id, p]));
  const candidates = [...(people.data ?? [])];
  for (const id of form.contacts) if (!known.has(id)) candidates.push({ user_id: id, display_name: id, avatar_url: null });
  const toggle = (id: string, on: boolean) =>
    setForm({ ...form, contacts: on ? [...form.contacts.filter((c) => c !== id), id] : form.contacts.filter((c) => c !== id) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => putSafety(form), { success: { key: "common.saved" } });
    if (res.ok && res.value) setForm(res.value);
  };
  const choices = STOP_ALERT_CHOICES.includes(form.stop_alert_after_s as (typeof STOP_ALERT_CHOICES)[number])
    ? [...STOP_ALERT_CHOICES]
    : [...STOP_ALERT_CHOICES, form.stop_alert_after_s].sort((a, b) => a - b);
  return (
    <form className="stack" onSubmit={submit} data-testid="safety-form">
      <h1>{t("safety.title")}</h1>
      <p className="muted">{t("safety.intro")}</p>
      <label className="check">
        <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />{" "}
        {t("safety.enabled")}
      </label>
      <div className="field">
        <label htmlFor="safety-after">{t("safety.after")}</label>
        <select id="safety-after" value={form.stop_alert_after_s} onChange={(e) => setForm({ ...form, stop_alert_after_s: Number(e.target.value) })}>
          {choices.map((s) => (
            <option key={s} value={s}>
              {t("safety.minutes", { minutes: Math.round(s / 60) })}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t("safety.contacts")}</legend>
        {people.loading && <p role="status">{t("app.loading")}</p>}
        {candidates.length === 0 && !people.loading && <p className="muted">{t("safety.noPeople")}</p>}
        <ul className="plain-list">
          {candidates.map((p) => (
            <li key={p.user_id}>
              <label className="check">
                <input type="checkbox" checked={form.contacts.includes(p.user_id)} onChange={(e) => toggle(p.user_id, e.target.checked)} />{" "}
                {p.display_name || p.user_id}
              </label>
            </li>
          ))}
        </ul>
        <p className="muted small">{t("safety.contactsHint")}</p>
      </fieldset>
      <FormAlert error={sub.error} success={sub.success} />
      <div className="form-actions">
        <button type="submit" disabled={sub.busy}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
