// Admin: one user (/admin/users/:id): roles editor, block/unblock, unlock,
// each with a reason, and the staff action history.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { blockUser, getUser, listRoles, setUserRoles, unblockUser, unlockUser, type Role, type UserDetail } from "../api/access";
import { ErrorBox } from "../app/ErrorBox";
import { hasPermission, useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { formatDate, formatDateTime } from "../lib/format";
import type { Message } from "../lib/problems";
import { FormAlert, useSubmission } from "../ui/form";
import { PERM_GRANTS_WRITE, PERM_ROLES_READ, PERM_USERS_BLOCK, PERM_USERS_UNLOCK } from "./perms";
import { ReasonField, reasonError } from "./ReasonField";
import { UserBadges } from "./UsersPage";

const ACTIONS = ["roles_changed", "user_blocked", "user_unblocked", "user_unlocked"] as const;
const isKnownAction = (a: string): a is (typeof ACTIONS)[number] => (ACTIONS as readonly string[]).includes(a);

function RolesEditor({ user, onSaved }: { user: UserDetail; onSaved: (u: UserDetail) => void }) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [chosen, setChosen] = useState<string[]>(user.roles);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const sub = useSubmission();
  useEffect(() => {
    listRoles().then((r) => setRoles(r.items.filter((x) => x.name !== "athlete")), () => setRoles([]));
  }, []);
  useEffect(() => setChosen(user.roles), [user.roles]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = reasonError(reason);
    setError(err);
    if (err) return;
    const res = await sub.run(() => setUserRoles(user.user_id, chosen, reason.trim()), { success: { key: "admin.roles.saved" } });
    if (res.ok) {
      onSaved(res.value);
      setReason("");
    }
  };
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="user-roles-heading" data-testid="user-roles">
      <h2 id="user-roles-heading">{t("admin.user.roles")}</h2>
      {roles === null ? (
        <p role="status">{t("app.loading")}</p>
      ) : (
        <fieldset>
          <legend className="visually-hidden">{t("admin.user.roles")}</legend>
          <ul className="plain-list check-list">
            {roles.map((r) => (
              <li key={r.name}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(r.name)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, r.name].sort() : chosen.filter((x) => x !== r.name))}
                  />
                  {r.name}
                  {r.staff && <span className="badge">{t("admin.roles.staff")}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <ReasonField value={reason} onChange={setReason} error={error ?? sub.fields.reason} />
      <FormAlert error={sub.error} success={sub.success} />
      <button type="submit" disabled={sub.busy || roles === null}>{t("admin.user.saveRoles")}</button>
    </form>
  );
}

function ReasonAction({ title, submitLabel, danger, action, testId }: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  action: (reason: string) => Promise<UserDetail>;
  testId: string;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = reasonError(reason);
    setError(err);
    if (err) return;
    const res = await sub.run(() => action(reason.trim()));
    if (res.ok) setReason("");
  };
  return (
    <form onSubmit={submit} noValidate className="card" data-testid={testId}>
      <h2>{title}</h2>
      <ReasonField value={reason} onChange={setReason} error={error ?? sub.fields.reason} testId={`${testId}-reason`} />
      <FormAlert error={sub.error} />
      <button type="submit" disabled={sub.busy} className={danger ? "danger" : undefined}>{submitLabel}</button>
    </form>
  );
}

/** UserPage shows and manages one user. */
export function UserPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [user, setUser] = useState<UserDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getUser(id).then(setUser, (err: unknown) => setError(err));
  }, [id]);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${user?.email ?? t("admin.users.title")} · ${t("app.name")}`;
  }, [t, user?.email]);
  const self = user?.user_id === me?.user_id;
  const actionLabel = (action: string) => (isKnownAction(action) ? t(`admin.action.${action}`) : action);
  const apply = (run: (id: string, reason: string) => Promise<UserDetail>) => async (reason: string) => {
    const u = await run(id, reason);
    setUser(u);
    return u;
  };
  return (
    <div className="stack" data-testid="admin-user">
      <Link to="/admin/users" className="back-link">← {t("admin.users.title")}</Link>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!user && error == null && <p role="status">{t("app.loading")}</p>}
      {user && (
        <>
          <h1>{user.email}</h1>
          <dl className="product-meta">
            <dt>{t("admin.user.name")}</dt>
            <dd>{user.display_name || "—"}</dd>
            <dt>{t("admin.users.status")}</dt>
            <dd data-testid="user-status">
              <UserBadges u={user} />
              {!user.blocked && !user.locked && t("admin.status.active")}
            </dd>
            <dt>{t("admin.user.twoFactor")}</dt>
            <dd>{user.two_factor_enabled ? t("common.yes") : t("common.no")}</dd>
            <dt>{t("admin.users.roles")}</dt>
            <dd>{user.roles.length ? user.roles.join(", ") : "—"}</dd>
            <dt>{t("admin.users.registered")}</dt>
            <dd>{formatDate(user.registered_at, lang)}</dd>
          </dl>
          {hasPermission(me, PERM_GRANTS_WRITE) && hasPermission(me, PERM_ROLES_READ) && <RolesEditor user={user} onSaved={setUser} />}
          {hasPermission(me, PERM_USERS_BLOCK) && !self &&
            (user.blocked ? (
              <ReasonAction key="unblock" testId="unblock" title={t("admin.user.unblock")} submitLabel={t("admin.user.unblock")} action={apply(unblockUser)} />
            ) : (
              <ReasonAction key="block" testId="block" title={t("admin.user.block")} submitLabel={t("admin.user.block")} danger action={apply(blockUser)} />
            ))}
          {hasPermission(me, PERM_USERS_UNLOCK) && user.locked && (
            <ReasonAction testId="unlock" title={t("admin.user.unlock")} submitLabel={t("admin.user.unlock")} action={apply(unlockUser)} />
          )}
          <section className="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t("admin.user.history")}</h2>
            {user.actions.length === 0 ? (
              <p className="muted">{t("admin.user.noHistory")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table" data-testid="staff-actions">
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.user.when")}</th>
                      <th scope="col">{t("admin.user.who")}</th>
                      <th scope="col">{t("admin.user.action")}</th>
                      <th scope="col">{t("admin.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {user.actions.map((a) => (
                      <tr key={a.id}>
                        <td>{formatDateTime(a.at, lang)}</td>
                        <td>{a.actor_email ?? (a.actor_id || t("admin.user.system"))}</td>
                        <td>{actionLabel(a.action)}</td>
                        <td>{a.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
