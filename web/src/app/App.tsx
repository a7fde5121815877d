import { useState } from "react";
import { RouterProvider } from "react-router/dom";
import { AuthProvider } from "../auth/AuthProvider";
import { I18nProvider } from "../i18n/I18nProvider";
import { NotificationsProvider } from "../notifications/NotificationsProvider";
import { PreferencesProvider } from "./preferences";
import { createAppRouter } from "./router";
import { AccountSync } from "./accountSync";

/** App wires providers and the router. */
export function App() {
  const [router] = useState(createAppRouter);
  return (
    <I18nProvider>
      <PreferencesProvider>
        <AuthProvider>
          <NotificationsProvider>
            <AccountSync />
            <RouterProvider router={router} />
          </NotificationsProvider>
        </AuthProvider>
      </PreferencesProvider>
    </I18nProvider>
  );
}
