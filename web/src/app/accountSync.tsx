// Keeps the app in step with the signed-in user's settings: the theme is
// applied to the document, and the language and currency chosen in the
// account follow the user to every device (adopted once per sign-in; later
// changes in the header are saved back to the settings).
import { useEffect, useRef } from "react";
import { storeSettings, useSettings } from "../account/settingsStore";
import { updateSettings } from "../api/settings";
import { useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { usePreferences } from "./preferences";

/** AccountSync applies and saves the settings the header also controls. */
export function AccountSync() {
  const { status } = useAuth();
  if (status !== "authenticated") return <SystemTheme />;
  return <SignedIn />;
}

function SystemTheme() {
  useEffect(() => {
    document.documentElement.dataset.theme = "system";
  }, []);
  return null;
}

function SignedIn() {
  const { settings } = useSettings();
  const { lang, setLang } = useI18n();
  const { currency, setCurrency } = usePreferences();
  const adopted = useRef(false);
  const theme = settings?.theme ?? "system";

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Once per sign-in the account's language and currency are taken; after
  // that, a change in the header is saved to the account.
  useEffect(() => {
    if (!settings) return;
    if (!adopted.current) {
      adopted.current = true;
      if (settings.language !== lang) setLang(settings.language);
      if (settings.currency !== currency) setCurrency(settings.currency);
      return;
    }
    const patch: { language?: typeof lang; currency?: typeof currency } = {};
    if (settings.language !== lang) patch.language = lang;
    if (settings.currency !== currency) patch.currency = currency;
    if (!patch.language && !patch.currency) return;
    updateSettings(patch).then(storeSettings, () => undefined);
  }, [settings, lang, currency, setLang, setCurrency]);
  return null;
}
