// Account security (/account/security): password, two-factor
// authentication, signed-in devices and deleting the account.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import {
  changePassword,
  deleteAccount,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  type AuthSessionInfo,
} from "../api/auth";
import { ErrorBox } from "../app/ErrorBox";
import { useAuth } from "../auth/AuthProvider";
import { PasswordField } from "../auth/PasswordField";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import type { Message } from "../lib/problems";
import { checkCodeOrRecovery, checkNewPassword, checkRequired, codeValue, compact } from "../lib/validation";
import { Field, FormAlert, useSubmission } from "../ui/form";
import { TwoFactorPanel } from "./TwoFactor";

function ChangePassword() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ current: checkRequired(current), next: checkNewPassword(next, me?.email) });
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => changePassword(current, next), {
      success: { key: "security.password.changed" },
      names: { current_password: "current", new_password: "next" },
    });
    if (res.ok) {
      setCurrent("");
      setNext("");
    }
  };
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t("security.password.title")}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert error={sub.error} success={sub.success} />
        <PasswordField
          label={t("auth.currentPassword")}
          name="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.current ?? sub.fields.current}
        />
        <PasswordField
          label={t("auth.newPassword")}
          name="new-password"
          value={next}
          onChange={setNext}
          error={errors.next ?? sub.fields.next}
          isNew
        />
        <button type="submit" disabled={sub.busy}>
          {t("security.password.submit")}
        </button>
      </form>
    </section>
  );
}

function Sessions() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<AuthSessionInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sub = useSubmission();
  const load = useCallback(() => {
    setError(null);
    listSessions().then(
      (r) => setItems(r.items),
      (err: unknown) => setError(err),
    );
  }, []);
  useEffect(load, [load]);
  const others = (items ?? []).filter((s) => !s.current).length;
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("security.sessions.title")}</h2>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      <FormAlert error={sub.error} success={sub.success} />
      {items === null && error == null && <p role="status">{t("app.loading")}</p>}
      {items && (
        <div className="table-scroll">
          <table className="data-table" data-testid="sessions">
            <thead>
              <tr>
                <th scope="col">{t("security.sessions.device")}</th>
                <th scope="col">{t("security.sessions.ip")}</th>
                <th scope="col">{t("security.sessions.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} data-current={s.current || undefined}>
                  <th scope="row">
                    {s.device || t("security.sessions.unknownDevice")}
                    {s.current && <span className="badge badge-in"> {t("security.sessions.current")}</span>}
                    {s.two_factor && <span className="badge"> 2FA</span>}
                    <div className="muted small">{t("security.sessions.since", { time: formatDateTime(s.created_at, lang) })}</div>
                    {!s.current && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={sub.busy}
                        aria-label={t("security.sessions.revokeOne", { device: s.device || s.ip })}
                        onClick={() => void sub.run(() => revokeSession(s.id)).then(load)}
                      >
                        {t("security.sessions.revoke")}
                      </button>
                    )}
                  </th>
                  <td>{s.ip}</td>
                  <td>{formatDateTime(s.last_seen_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {others > 0 && (
        <button
          type="button"
          className="secondary"
          disabled={sub.busy}
          onClick={() =>
            void sub.run(revokeOtherSessions, { success: { key: "security.sessions.revokedOthers" } }).then(load)
          }
        >
          {t("security.sessions.revokeOthers")}
        </button>
      )}
    </section>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const sub = useSubmission();
  const needsCode = Boolean(me?.two_factor_enabled);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({
      password: checkRequired(password),
      code: needsCode ? checkCodeOrRecovery(code) : null,
      confirm: confirmed ? null : { key: "security.delete.confirmRequired" },
    });
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => deleteAccount(password, needsCode ? codeValue(code) : undefined));
    if (res.ok) navigate("/", { replace: true });
  };
  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("security.delete.title")}</h2>
      <p>{t("security.delete.text")}</p>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          {t("security.delete.start")}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert error={sub.error} />
          <PasswordField label={t("auth.password")} value={password} onChange={setPassword} error={errors.password ?? sub.fields.password} />
          {needsCode && (
            <Field
              label={t("security.2fa.codeOrRecovery")}
              value={code}
              onChange={setCode}
              error={errors.code ?? sub.fields.code}
              autoComplete="one-time-code"
            />
          )}
          <div className="field">
            <label className="check">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                aria-invalid={errors.confirm ? true : undefined}
                aria-describedby={errors.confirm ? "delete-confirm-error" : undefined}
              />
              {t("security.delete.confirm")}
            </label>
            {errors.confirm && (
              <p id="delete-confirm-error" className="field-error">
                {t("security.delete.confirmRequired")}
              </p>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="danger" disabled={sub.busy}>
              {t("security.delete.submit")}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** SecurityPage is the account's security settings. */
export function SecurityPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  useEffect(() => {
    document.title = `${t("security.title")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="stack" data-testid="security-page">
      <h1>{t("security.title")}</h1>
      {me && (
        <p className="muted" data-testid="account-email">
          {t("security.signedInAs", { email: me.email })}
        </p>
      )}
      {me?.two_factor_required && (
        <p className="notice" role="note">
          {t("security.2fa.staffRequired")}
        </p>
      )}
      <TwoFactorPanel />
      <ChangePassword />
      <Sessions />
      <DeleteAccount />
    </div>
  );
}
