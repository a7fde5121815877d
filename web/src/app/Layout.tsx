// The app frame: header with logo, section navigation (a drawer on phones),
// language and currency switchers, and the page outlet.
import { useEffect, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { canSee } from "../auth/guards";
import { LANGS, isLang } from "../i18n/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { CURRENCIES, isCurrency } from "../lib/money";
import { Bell } from "../notifications/Bell";
import { usePreferences } from "./preferences";
import { sections } from "./sections";

/** Layout renders the shell around every page. */
export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { currency, setCurrency } = usePreferences();
  const location = useLocation();
  const navigate = useNavigate();
  const { status, me, logout } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const visible = sections.filter((s) => s.nav !== false && canSee(s.access ?? "public", me));
  const signOut = async () => {
    await logout();
    navigate("/login", { replace: true });
  };

  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setMenuOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          aria-label={menuOpen ? t("nav.close") : t("nav.open")}
          onClick={() => setMenuOpen((o) => !o)}
        >
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
          </svg>
        </button>
        <Link to="/" className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span>{t("app.name")}</span>
        </Link>
        <nav id="main-nav" className={menuOpen ? "main-nav open" : "main-nav"} aria-label={t("nav.main")}>
          <ul>
            {visible.map((s) => (
              <li key={s.id}>
                <NavLink to={s.path} data-testid={`nav-${s.id}`}>
                  {s.icon}
                  <span>{t(s.labelKey)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
          <ul className="session-nav">
            {status === "anonymous" && (
              <>
                <li>
                  <NavLink to="/login" data-testid="nav-login">
                    {t("nav.login")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/register" data-testid="nav-register">
                    {t("nav.register")}
                  </NavLink>
                </li>
              </>
            )}
            {status === "authenticated" && (
              <li>
                <button type="button" className="nav-button" onClick={() => void signOut()} data-testid="logout">
                  {t("nav.logout")}
                </button>
              </li>
            )}
          </ul>
        </nav>
        {menuOpen && <div className="nav-backdrop" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
        {status === "authenticated" && <Bell />}
        <div className="prefs">
          <label className="pref">
            <span className="visually-hidden">{t("prefs.language")}</span>
            <select
              value={lang}
              onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}
              data-testid="language-switcher"
            >
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="pref">
            <span className="visually-hidden">{t("prefs.currency")}</span>
            <select
              value={currency}
              onChange={(e) => isCurrency(e.target.value) && setCurrency(e.target.value)}
              data-testid="currency-switcher"
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
