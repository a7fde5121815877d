import { useState } from "react";
import { RouterProvider } from "react-router/dom";
import { I18nProvider } from "../i18n/I18nProvider";
import { PreferencesProvider } from "./preferences";
import { createAppRouter } from "./router";

/** App wires providers and the router. */
export function App() {
  const [router] = useState(createAppRouter);
  return (
    <I18nProvider>
      <PreferencesProvider>
        <RouterProvider router={router} />
      </PreferencesProvider>
    </I18nProvider>
  );
}
