// Forgotten password (/forgot-password) and the reset link's page
// (/reset-password?token=).
import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { forgotPassword, resetPassword } from "../api/auth";
import { useI18n } from "../i18n/I18nProvider";
import type { Message } from "../lib/problems";
import { checkEmail, checkNewPassword } from "../lib/validation";
import { Field, FormAlert, useSubmission } from "../ui/form";
import { PasswordField } from "./PasswordField";

/** ForgotPasswordPage asks for a reset link. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const [done, setDone] = useState(false);
  const sub = useSubmission();
  useEffect(() => {
    document.title = `${t("auth.forgot.title")} · ${t("app.name")}`;
  }, [t]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = checkEmail(email);
    setError(err);
    if (err) return;
    const res = await sub.run(() => forgotPassword(email.trim()));
    if (res.ok) setDone(true);
  };
  return (
    <div className="auth-page">
      <h1>{t("auth.forgot.title")}</h1>
      {done ? (
        <p role="status" className="form-success">
          {t("auth.forgot.sent")}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t("auth.forgot.text")}</p>
          <FormAlert error={sub.error} />
          <Field label={t("auth.email")} type="email" value={email} onChange={setEmail} error={error} autoComplete="email" />
          <div className="form-actions">
            <button type="submit" disabled={sub.busy}>
              {t("auth.forgot.submit")}
            </button>
          </div>
        </form>
      )}
      <Link to="/login">{t("auth.login.link")}</Link>
    </div>
  );
}

/** ResetPasswordPage sets a new password with the emailed token. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const [done, setDone] = useState(false);
  const sub = useSubmission();
  useEffect(() => {
    document.title = `${t("auth.reset.title")} · ${t("app.name")}`;
  }, [t]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = checkNewPassword(password);
    setError(err);
    if (err) return;
    const res = await sub.run(() => resetPassword(token, password), { names: { new_password: "password" } });
    if (res.ok) setDone(true);
  };
  return (
    <div className="auth-page">
      <h1>{t("auth.reset.title")}</h1>
      {!token && <FormAlert error={{ key: "auth.token.missing" }} />}
      {done ? (
        <>
          <p role="status" className="form-success">
            {t("auth.reset.done")}
          </p>
          <Link to="/login">{t("auth.login.link")}</Link>
        </>
      ) : (
        token && (
          <form onSubmit={submit} noValidate>
            <FormAlert error={sub.fields.password ? null : sub.error} />
            <PasswordField
              label={t("auth.newPassword")}
              value={password}
              onChange={setPassword}
              error={error ?? sub.fields.password}
              isNew
            />
            <div className="form-actions">
              <button type="submit" disabled={sub.busy}>
                {t("auth.reset.submit")}
              </button>
            </div>
          </form>
        )
      )}
    </div>
  );
}
