// Route guards: pages for signed-in users send anonymous visitors to the
// login page (and back afterwards); staff pages also need the staff flag,
// and tell a staff member without 2FA to set it up first.
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { session } from "../api/session";
import { useI18n } from "../i18n/I18nProvider";
import { useAuth } from "./AuthProvider";

/** Access is who may open a section. */
export type Access = "public" | "user" | "staff";

/** loginPath returns the login URL that returns to the current page afterwards. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** safeNext accepts only same-site paths as a post-login target. */
export function safeNext(next: string | null, fallback = "/account"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}

function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="page-message">
      {t("app.loading")}
    </p>
  );
}

/** RequireAuth renders its child routes for signed-in users only. */
export function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  // A token without a loaded user yet (just logged in, or refreshing) is still loading.
  if (status === "loading" || (status === "anonymous" && session.accessToken())) return <Loading />;
  if (status === "anonymous") {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}

/** StaffTwoFactorNotice tells a staff member to enrol 2FA before using the portal. */
export function StaffTwoFactorNotice() {
  const { t } = useI18n();
  return (
    <section className="page-message notice" data-testid="staff-2fa-required">
      <h1>{t("admin.twoFactor.title")}</h1>
      <p>{t("admin.twoFactor.text")}</p>
      <Link to="/account/security" className="button-link">
        {t("admin.twoFactor.link")}
      </Link>
    </section>
  );
}

/** RequireStaff renders its child routes for staff whose session passed 2FA. */
export function RequireStaff() {
  const { status, me } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (status === "loading" || (status === "anonymous" && session.accessToken())) return <Loading />;
  if (status === "anonymous" || !me) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (me.two_factor_required) return <StaffTwoFactorNotice />;
  if (!me.staff) {
    return (
      <section className="page-message" role="alert">
        <h1>{t("admin.forbidden")}</h1>
        <Link to="/">{t("error.home")}</Link>
      </section>
    );
  }
  return <Outlet />;
}

/** canSee reports whether a section with access a is shown to the user. */
export function canSee(a: Access, me: { staff: boolean; two_factor_required: boolean } | null): boolean {
  if (a === "public") return true;
  if (!me) return false;
  return a === "user" || me.staff || me.two_factor_required;
}
