// The admin portal's frame: tabs for users and roles (each shown only with
// its read permission).
import { NavLink, Navigate, Outlet } from "react-router";
import { hasPermission, useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { PERM_ROLES_READ, PERM_USERS_READ } from "./perms";

/** AdminLayout renders the portal's tabs and the selected page. */
export function AdminLayout() {
  const { t } = useI18n();
  const { me } = useAuth();
  return (
    <div className="admin">
      <nav className="tabs" aria-label={t("admin.nav")}>
        <ul>
          {hasPermission(me, PERM_USERS_READ) && (
            <li><NavLink to="users" data-testid="admin-tab-users">{t("admin.users.title")}</NavLink></li>
          )}
          {hasPermission(me, PERM_ROLES_READ) && (
            <li><NavLink to="roles" data-testid="admin-tab-roles">{t("admin.roles.title")}</NavLink></li>
          )}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

/** AdminIndex opens the first tab the staff member may see. */
export function AdminIndex() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (hasPermission(me, PERM_USERS_READ)) return <Navigate to="users" replace />;
  if (hasPermission(me, PERM_ROLES_READ)) return <Navigate to="roles" replace />;
  return (
    <section className="page-message">
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.noPermissions")}</p>
    </section>
  );
}
