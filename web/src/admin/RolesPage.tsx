// Admin: roles and permissions (/admin/roles): create, update and delete
// roles; permissions come from the API with descriptions in the current
// language.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { deleteRole, listPermissions, listRoles, saveRole, type PermissionInfo, type Role } from "../api/access";
import { ErrorBox } from "../app/ErrorBox";
import { hasPermission, useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { localized, type Lang } from "../i18n/i18n";
import type { FieldErrors } from "../lib/problems";
import { Field, FormAlert, useSubmission } from "../ui/form";
import { PERM_ROLES_WRITE, ROLE_NAME_PATTERN, groupPermissions, togglePermission } from "./perms";
import { ReasonField, reasonError } from "./ReasonField";

/** roleDescription returns a role's description; built-in roles get theirs in the UI language. */
export function roleDescription(r: Pick<Role, "name" | "description" | "builtin">, lang: Lang): string {
  const own = BUILTIN_DESCRIPTIONS[r.name];
  if (r.builtin && own && (!r.description || r.description === own.en || r.description === own.ru)) return own[lang];
  return r.description;
}

// Descriptions of the built-in roles in both languages (the API keeps one text per role).
const BUILTIN_DESCRIPTIONS: Record<string, { ru: string; en: string }> = {
  athlete: { ru: "Любой пользователь: только свои данные", en: "Every user: their own data only" },
  coach: { ru: "Тренирует спортсменов; не сотрудник", en: "Coaches athletes; not staff" },
  moderator: { ru: "Модерирует материалы пользователей", en: "Moderates user content" },
  marketer: { ru: "Проводит маркетинговые кампании", en: "Runs marketing campaigns" },
  support: { ru: "Помогает пользователям с аккаунтами", en: "Helps users with their accounts" },
  admin: { ru: "Все права", en: "Holds every permission" },
};

interface Draft {
  name: string;
  staff: boolean;
  description: string;
  permissions: string[];
  builtin: boolean;
}

function RoleEditor({ role, perms, isNew, canWrite, onSaved, onDeleted }: {
  role: Draft;
  perms: PermissionInfo[];
  isNew: boolean;
  canWrite: boolean;
  onSaved: (r: Role) => void;
  onDeleted: (name: string) => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(role);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  const builtin = !isNew && role.builtin;
  // admin always holds every permission; athlete (everyone) holds none.
  const fixedPerms = !isNew && (role.name === "admin" || role.name === "athlete");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err: FieldErrors = {};
    if (isNew && !ROLE_NAME_PATTERN.test(draft.name)) err.name = { key: "admin.roles.nameRule" };
    const r = reasonError(reason);
    if (r) err.reason = r;
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(
      () => saveRole(draft.name, { staff: draft.staff, permissions: draft.permissions, description: draft.description.trim(), reason: reason.trim() }),
      { success: { key: "admin.roles.saved" } },
    );
    if (res.ok) {
      setReason("");
      onSaved(res.value);
    }
  };
  const remove = async () => {
    const r = reasonError(reason);
    setErrors(r ? { reason: r } : {});
    if (r) return;
    const res = await sub.run(() => deleteRole(draft.name, reason.trim()));
    if (res.ok) onDeleted(draft.name);
  };
  return (
    <form onSubmit={submit} noValidate className="card role-editor" data-testid="role-editor">
      <h2>{isNew ? t("admin.roles.new") : draft.name}</h2>
      {isNew && (
        <Field label={t("admin.roles.name")} value={draft.name} onChange={(v) => setDraft({ ...draft, name: v.toLowerCase() })}
          error={errors.name ?? sub.fields.name} hint={t("admin.roles.nameRule")} maxLength={32} />
      )}
      <div className="field">
        <label htmlFor="role-description">{t("admin.roles.description")}</label>
        <textarea id="role-description" rows={2} value={draft.description} maxLength={200} disabled={!canWrite}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.staff} disabled={!canWrite || fixedPerms} onChange={(e) => setDraft({ ...draft, staff: e.target.checked })} />
        {t("admin.roles.staffLabel")}
      </label>
      <fieldset>
        <legend>{t("admin.roles.permissions")}</legend>
        {fixedPerms && <p className="field-hint">{t(role.name === "admin" ? "admin.roles.adminFixed" : "admin.roles.athleteFixed")}</p>}
        {groupPermissions(perms).map(([svc, list]) => (
          <div key={svc} className="perm-group">
            <h3>{svc}</h3>
            <ul className="plain-list check-list">
              {list.map((p) => (
                <li key={p.name}>
                  <label className="check">
                    <input type="checkbox" checked={role.name === "admin" && !isNew ? true : draft.permissions.includes(p.name)} disabled={!canWrite || fixedPerms}
                      onChange={(e) => setDraft({ ...draft, permissions: togglePermission(draft.permissions, p.name, e.target.checked) })} />
                    <span>
                      <code>{p.name}</code>
                      <span className="muted small"> {localized(p.description, lang)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
      {canWrite && (
        <>
          <ReasonField value={reason} onChange={setReason} error={errors.reason ?? sub.fields.reason} />
          <FormAlert error={sub.error} success={sub.success} />
          <div className="form-actions">
            <button type="submit" disabled={sub.busy}>{isNew ? t("admin.roles.create") : t("common.save")}</button>
            {!isNew && !builtin && (
              <button type="button" className="danger" disabled={sub.busy} onClick={() => void remove()}>
                {t("common.delete")}
              </button>
            )}
          </div>
          {builtin && <p className="field-hint">{t("admin.roles.builtinNote")}</p>}
        </>
      )}
    </form>
  );
}

const EMPTY: Draft = { name: "", staff: false, description: "", permissions: [], builtin: false };

/** RolesPage lists and edits roles. */
export function RolesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const canWrite = hasPermission(me, PERM_ROLES_WRITE);
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [perms, setPerms] = useState<PermissionInfo[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([listRoles(), listPermissions()]).then(([r, p]) => {
      setRoles(r.items);
      setPerms(p.items);
    }, (err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${t("admin.roles.title")} · ${t("app.name")}`;
  }, [t]);
  const current = roles?.find((r) => r.name === selected);
  const draft: Draft | null =
    selected === ""
      ? EMPTY
      : current
        ? { name: current.name, staff: current.staff, permissions: current.permissions, builtin: current.builtin, description: current.description }
        : null;
  return (
    <div className="stack" data-testid="admin-roles">
      <h1>{t("admin.roles.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!roles && error == null && <p role="status">{t("app.loading")}</p>}
      {roles && (
        <div className="split">
          <div>
            <ul className="plain-list role-list">
              {roles.map((r) => (
                <li key={r.name}>
                  <button type="button" className={selected === r.name ? "role-item selected" : "role-item"} aria-pressed={selected === r.name} onClick={() => setSelected(r.name)}>
                    <strong>{r.name}</strong>
                    {r.staff && <span className="badge">{t("admin.roles.staff")}</span>}
                    {r.builtin && <span className="badge">{t("admin.roles.builtin")}</span>}
                    <span className="muted small">{t("admin.roles.summary", { perms: r.permissions.length, members: r.members })}</span>
                    {roleDescription(r, lang) && <span className="small">{roleDescription(r, lang)}</span>}
                  </button>
                </li>
              ))}
            </ul>
            {canWrite && (
              <button type="button" className="secondary" onClick={() => setSelected("")}>{t("admin.roles.new")}</button>
            )}
          </div>
          {draft && (
            <RoleEditor
              key={selected ?? ""}
              role={draft}
              perms={perms}
              isNew={selected === ""}
              canWrite={canWrite}
              onSaved={(r) => {
                setRoles((list) => [...(list ?? []).filter((x) => x.name !== r.name), r].sort((a, b) => a.name.localeCompare(b.name)));
                setSelected(r.name);
              }}
              onDeleted={(name) => {
                setRoles((list) => (list ?? []).filter((x) => x.name !== name));
                setSelected(null);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
