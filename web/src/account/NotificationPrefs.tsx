// The notification preferences table: types grouped by category (rows) x
// channels (columns). Critical types are locked on.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { listTypes, type NotificationType } from "../api/notify";
import { CHANNELS, updateSettings, type ChannelPrefs, type Settings } from "../api/settings";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { localized } from "../i18n/i18n";
import { FormAlert, useSubmission } from "../ui/form";
import { CATEGORY_ORDER, effectivePrefs, groupTypes, overridesToSave } from "./prefs";
import { storeSettings } from "./settingsStore";

const isKnownCategory = (c: string): c is (typeof CATEGORY_ORDER)[number] =>
  (CATEGORY_ORDER as readonly string[]).includes(c);

/** NotificationPrefs edits which channels each notification type uses. */
export function NotificationPrefs({ settings }: { settings: Settings }) {
  const { t, lang } = useI18n();
  const [types, setTypes] = useState<NotificationType[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<Record<string, ChannelPrefs>>({});
  const sub = useSubmission();

  const load = () => {
    setError(null);
    listTypes().then((r) => setTypes(r.items), (err: unknown) => setError(err));
  };
  useEffect(load, []);
  useEffect(() => {
    if (!types) return;
    const next: Record<string, ChannelPrefs> = {};
    for (const ty of types) next[ty.type] = effectivePrefs(ty, settings.notifications ?? {});
    setChosen(next);
  }, [types, settings.notifications]);

  const groups = useMemo(() => groupTypes(types ?? []), [types]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!types) return;
    const notifications = overridesToSave(types, chosen, settings.notifications ?? {});
    const res = await sub.run(() => updateSettings({ notifications }), { success: { key: "common.saved" } });
    if (res.ok) storeSettings(res.value);
  };
  const smsWithoutPhone = !settings.phone && Object.values(chosen).some((c) => c.sms);

  return (
    <section className="card" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t("settings.notifications.title")}</h2>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!types && error == null && <p role="status">{t("app.loading")}</p>}
      {types && (
        <form onSubmit={submit}>
          <div className="table-scroll">
            <table className="data-table prefs-table" data-testid="notification-prefs">
              <thead>
                <tr>
                  <th scope="col">{t("settings.notifications.type")}</th>
                  {CHANNELS.map((c) => (
                    <th scope="col" key={c}>
                      {t(`channel.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              {groups.map((g) => (
                <tbody key={g.category}>
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={CHANNELS.length + 1}>
                      {isKnownCategory(g.category) ? t(`category.${g.category}`) : g.category}
                    </th>
                  </tr>
                  {g.types.map((ty) => {
                    const title = localized(ty.title, lang) || ty.type;
                    return (
                      <tr key={ty.type} data-type={ty.type}>
                        <th scope="row">
                          {title}
                          {ty.critical && <span className="muted small"> · {t("settings.notifications.locked")}</span>}
                        </th>
                        {CHANNELS.map((c) => (
                          <td key={c}>
                            <input
                              type="checkbox"
                              checked={chosen[ty.type]?.[c] ?? false}
                              disabled={ty.critical}
                              aria-label={t("settings.notifications.cell", { type: title, channel: t(`channel.${c}`) })}
                              onChange={(e) =>
                                setChosen((prev) => ({
                                  ...prev,
                                  [ty.type]: { ...(prev[ty.type] ?? effectivePrefs(ty, {})), [c]: e.target.checked },
                                }))
                              }
                            />
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
          {smsWithoutPhone && <p className="field-hint">{t("settings.notifications.smsNeedsPhone")}</p>}
          <FormAlert error={sub.error} success={sub.success} />
          <button type="submit" disabled={sub.busy}>
            {t("common.save")}
          </button>
        </form>
      )}
    </section>
  );
}
