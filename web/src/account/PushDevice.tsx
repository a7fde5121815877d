// "Push notifications on this device": subscribes the service worker with
// the platform's VAPID key, or explains why it cannot.
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { currentPushSubscription, disablePush, enablePush, pushSupported } from "../notifications/push";
import { FormAlert, useSubmission } from "../ui/form";

/** PushDevice turns web push on or off for this browser. */
export function PushDevice() {
  const { t } = useI18n();
  const supported = pushSupported();
  const [on, setOn] = useState<boolean | null>(null);
  const sub = useSubmission();
  useEffect(() => {
    if (!supported) return;
    currentPushSubscription().then((s) => setOn(Boolean(s)), () => setOn(false));
  }, [supported]);
  const enable = async () => {
    const res = await sub.run(enablePush);
    if (!res.ok) return;
    if (res.value === "enabled") setOn(true);
    else sub.setError({ key: res.value === "denied" ? "settings.push.denied" : "settings.push.unsupported" });
  };
  const disable = async () => {
    const res = await sub.run(disablePush);
    if (res.ok) setOn(false);
  };
  return (
    <section className="card" aria-labelledby="push-heading">
      <h2 id="push-heading">{t("settings.push.title")}</h2>
      {!supported ? (
        <p className="muted">{t("settings.push.unsupported")}</p>
      ) : (
        <>
          <p data-testid="push-state">{on ? t("settings.push.on") : t("settings.push.off")}</p>
          <FormAlert error={sub.error} />
          {on ? (
            <button type="button" className="secondary" onClick={() => void disable()} disabled={sub.busy}>
              {t("settings.push.disable")}
            </button>
          ) : (
            <button type="button" onClick={() => void enable()} disabled={sub.busy || on === null}>
              {t("settings.push.enable")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
