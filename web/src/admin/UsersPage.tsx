// Admin: the users list (/admin/users) with search by email or name, role
// and status filters (kept in the URL) and cursor pagination.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { listRoles, listUsers, type Role, type UserStatus, type UserSummary } from "../api/access";
import { ErrorBox } from "../app/ErrorBox";
import { hasPermission, useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { formatDate } from "../lib/format";
import { PERM_ROLES_READ } from "./perms";

const STATUSES: readonly UserStatus[] = ["active", "blocked", "locked"];
const PAGE = 25;

function isStatus(v: string | null): v is UserStatus {
  return v !== null && (STATUSES as readonly string[]).includes(v);
}

/** UserBadges shows blocked / locked / unverified markers. */
export function UserBadges({ u }: { u: Pick<UserSummary, "blocked" | "locked" | "email_verified"> }) {
  const { t } = useI18n();
  return (
    <>
      {u.blocked && <span className="badge badge-out">{t("admin.status.blocked")}</span>}{" "}
      {u.locked && <span className="badge badge-warn">{t("admin.status.locked")}</span>}{" "}
      {!u.email_verified && <span className="badge">{t("admin.status.unverified")}</span>}
    </>
  );
}

/** UsersPage searches users. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const role = params.get("role") ?? "";
  const statusParam = params.get("status");
  const status = isStatus(statusParam) ? statusParam : "";
  const [qInput, setQInput] = useState(q);
  const [roles, setRoles] = useState<Role[]>([]);
  const [items, setItems] = useState<UserSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  // cursors[i] is the cursor of page i (page 0 has none); they belong to one search.
  const filterKey = `${q}|${role}|${status}`;
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  const setCursors = (f: (c: (string | null)[]) => (string | null)[]) => setPages({ key: filterKey, cursors: f(cursors) });
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const page = cursors.length - 1;
  const cursor = cursors[page] ?? null;

  useEffect(() => setQInput(q), [q]);
  useEffect(() => {
    if (!hasPermission(me, PERM_ROLES_READ)) return;
    listRoles().then((r) => setRoles(r.items), () => undefined);
  }, [me]);
  useEffect(() => {
    document.title = `${t("admin.users.title")} · ${t("app.name")}`;
  }, [t]);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setItems(null);
    listUsers(
      { q: q || undefined, role: role || undefined, status: status || undefined, cursor: cursor ?? undefined, limit: PAGE },
      controller.signal,
    ).then(
      (r) => {
        setItems(r.items);
        setNext(r.next_cursor ?? null);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      },
    );
    return () => controller.abort();
  }, [q, role, status, cursor, attempt]);

  const update = (patch: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: qInput.trim() });
  };

  return (
    <div className="stack" data-testid="admin-users">
      <h1>{t("admin.users.title")}</h1>
      <form role="search" className="filter-bar" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="admin-q">{t("admin.users.search")}</label>
          <input id="admin-q" type="search" value={qInput} onChange={(e) => setQInput(e.target.value)} placeholder={t("admin.users.searchPlaceholder")} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="admin-role">{t("admin.users.role")}</label>
          <select id="admin-role" value={role} onChange={(e) => update({ role: e.target.value })}>
            <option value="">{t("admin.users.anyRole")}</option>
            {roles.map((r) => (
              <option key={r.name} value={r.name}>{r.name}</option>
            ))}
            {role && !roles.some((r) => r.name === role) && <option value={role}>{role}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-status">{t("admin.users.status")}</label>
          <select id="admin-status" value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t("admin.users.anyStatus")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`admin.status.${s}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit">{t("admin.users.find")}</button>
      </form>
      {error != null && <ErrorBox error={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {items === null && error == null && <p role="status">{t("app.loading")}</p>}
      {items && items.length === 0 && <p className="muted">{t("admin.users.none")}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="admin-user-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.user")}</th>
                <th scope="col">{t("admin.users.roles")}</th>
                <th scope="col">{t("admin.users.status")}</th>
                <th scope="col">{t("admin.users.registered")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.user_id} data-user-id={u.user_id}>
                  <th scope="row">
                    <Link to={`/admin/users/${encodeURIComponent(u.user_id)}`}>{u.email}</Link>
                    {u.display_name && <div className="muted small">{u.display_name}</div>}
                  </th>
                  <td>{u.roles.length ? u.roles.join(", ") : "—"}</td>
                  <td><UserBadges u={u} />{!u.blocked && !u.locked && t("admin.status.active")}</td>
                  <td>{formatDate(u.registered_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("admin.users.pages")}>
        <button type="button" className="secondary" disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t("admin.users.prev")}
        </button>
        <span>{t("admin.users.page", { n: page + 1 })}</span>
        <button type="button" className="secondary" disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
          {t("admin.users.next")}
        </button>
      </nav>
    </div>
  );
}
