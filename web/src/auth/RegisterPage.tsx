// Sign up (/register): email and password with the rules explained. The API
// answers the same whether or not the address is taken, so the page always
// says "check your email".
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { register, resendVerification } from "../api/auth";
import { useI18n } from "../i18n/I18nProvider";
import { checkEmail, checkNewPassword, compact } from "../lib/validation";
import type { Message } from "../lib/problems";
import { Field, FormAlert, useSubmission } from "../ui/form";
import { PasswordField } from "./PasswordField";

/** RegisterPage creates an account. */
export function RegisterPage() {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const sub = useSubmission();

  useEffect(() => {
    document.title = `${t("auth.register.title")} · ${t("app.name")}`;
  }, [t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ email: checkEmail(email), password: checkNewPassword(password, email) });
    setErrors(err);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => register({ email: email.trim(), password, language: lang }));
    if (res.ok) setSentTo(email.trim());
  };

  if (sentTo) {
    return (
      <div className="auth-page" data-testid="register-done">
        <h1>{t("auth.register.checkEmailTitle")}</h1>
        <p role="status">{t("auth.register.checkEmail", { email: sentTo })}</p>
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => void resendVerification(sentTo).then(() => setResent(true), () => setResent(true))}
          >
            {t("auth.verify.resend")}
          </button>
          {resent && <span role="status"> {t("auth.verify.resent")}</span>}
        </p>
        <Link to="/login">{t("auth.login.link")}</Link>
      </div>
    );
  }

  return (
    <div className="auth-page">
      <h1>{t("auth.register.title")}</h1>
      <form onSubmit={submit} noValidate data-testid="register-form">
        <FormAlert error={Object.keys(sub.fields).length ? null : sub.error} />
        <Field
          label={t("auth.email")}
          type="email"
          name="email"
          value={email}
          onChange={setEmail}
          error={errors.email ?? sub.fields.email}
          autoComplete="email"
          required
        />
        <PasswordField
          label={t("auth.password")}
          value={password}
          onChange={setPassword}
          error={errors.password ?? sub.fields.password}
          isNew
        />
        <div className="form-actions">
          <button type="submit" disabled={sub.busy}>
            {t("auth.register.submit")}
          </button>
        </div>
        <p>
          {t("auth.register.haveAccount")} <Link to="/login">{t("auth.login.link")}</Link>
        </p>
      </form>
    </div>
  );
}
