// The account area's frame: tabs for profile, privacy, goals, follow
// requests, security and settings above the current page.
import { NavLink, Outlet } from "react-router";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";

const TABS: readonly { to: string; label: MessageKey }[] = [
  { to: "profile", label: "account.tab.profile" },
  { to: "privacy", label: "account.tab.privacy" },
  { to: "goals", label: "account.tab.goals" },
  { to: "followers", label: "account.tab.followers" },
  { to: "security", label: "account.tab.security" },
  { to: "settings", label: "account.tab.settings" },
];

/** AccountLayout renders the account tabs and the selected page. */
export function AccountLayout() {
  const { t } = useI18n();
  return (
    <div className="account">
      <nav className="tabs" aria-label={t("account.nav")}>
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} data-testid={`account-tab-${tab.to}`}>
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
