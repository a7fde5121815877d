// The training area's frame: tabs for activities, upload, live tracking,
// progress, devices and safety above the current page.
import { NavLink, Outlet } from "react-router";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";

const TABS: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "/training", label: "training.tab.activities", end: true },
  { to: "/training/upload", label: "training.tab.upload" },
  { to: "/training/live", label: "training.tab.live" },
  { to: "/training/progress", label: "training.tab.progress" },
  { to: "/training/devices", label: "training.tab.devices" },
  { to: "/training/safety", label: "training.tab.safety" },
];

/** TrainingLayout renders the training tabs and the selected page. */
export function TrainingLayout() {
  const { t } = useI18n();
  return (
    <div className="training">
      <nav className="tabs" aria-label={t("training.nav")}>
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end} data-testid={`training-tab-${tab.to.split("/")[2] ?? "activities"}`}>
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
