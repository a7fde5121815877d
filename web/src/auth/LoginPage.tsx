// Log in (/login): email and password, then, when the account has 2FA, an
// authenticator code or a recovery code. Returns to ?next= afterwards.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { login, loginSecondFactor, resendVerification } from "../api/auth";
import { useI18n } from "../i18n/I18nProvider";
import { isProblem } from "../lib/problems";
import { checkCodeOrRecovery, checkEmail, checkRequired, checkTotp, compact, normalizeCode } from "../lib/validation";
import { Field, FormAlert, useSubmission } from "../ui/form";
import { useAuth } from "./AuthProvider";
import { safeNext } from "./guards";
import { PasswordField } from "./PasswordField";

type Errors = Record<string, ReturnType<typeof checkEmail>>;

function SecondFactorForm({ mfaToken, onDone }: { mfaToken: string; onDone: () => void }) {
  const { t } = useI18n();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const sub = useSubmission();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ code: recovery ? checkCodeOrRecovery(code) : checkTotp(code) });
    setErrors(err);
    if (Object.keys(err).length) return;
    const factor = recovery ? { recovery_code: code.trim() } : { code: normalizeCode(code) };
    const res = await sub.run(() => loginSecondFactor(mfaToken, factor));
    if (res.ok) onDone();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="mfa-heading" data-testid="mfa-form">
      <h2 id="mfa-heading">{t("auth.mfa.title")}</h2>
      <p>{recovery ? t("auth.mfa.recoveryText") : t("auth.mfa.text")}</p>
      <FormAlert error={sub.error} />
      <Field
        label={recovery ? t("auth.mfa.recoveryCode") : t("auth.mfa.code")}
        value={code}
        onChange={setCode}
        error={errors.code ?? sub.fields.code ?? sub.fields.recovery_code}
        inputMode={recovery ? "text" : "numeric"}
        autoComplete="one-time-code"
        autoFocus
        name="code"
        data-testid="mfa-code"
      />
      <div className="form-actions">
        <button type="submit" disabled={sub.busy}>
          {t("auth.mfa.submit")}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setRecovery((r) => !r);
            setCode("");
            setErrors({});
            sub.reset();
          }}
        >
          {recovery ? t("auth.mfa.useCode") : t("auth.mfa.useRecovery")}
        </button>
      </div>
    </form>
  );
}

/** LoginPage signs a user in. */
export function LoginPage() {
  const { t } = useI18n();
  const { status, reload } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const sub = useSubmission();

  useEffect(() => {
    document.title = `${t("auth.login.title")} · ${t("app.name")}`;
  }, [t]);

  // Leave the page once: a second navigation to the same place, arriving
  // while the first is still loading the next page, would cancel the
  // redirect that page makes (e.g. /account -> /account/profile).
  const left = useRef(false);
  const leave = useCallback(() => {
    if (left.current) return;
    left.current = true;
    navigate(next, { replace: true });
  }, [navigate, next]);

  const finish = async () => {
    await reload();
    leave();
  };

  // Already signed in (e.g. opened /login in a signed-in tab): go on.
  useEffect(() => {
    if (status === "authenticated" && !mfaToken && !sub.busy) leave();
  }, [status, mfaToken, sub.busy, leave]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = compact({ email: checkEmail(email), password: checkRequired(password) });
    setErrors(err);
    setResent(false);
    if (Object.keys(err).length) return;
    const res = await sub.run(() => login(email.trim(), password));
    if (!res.ok) return;
    if ("mfa_required" in res.value) setMfaToken(res.value.mfa_token);
    else await finish();
  };

  const notVerified = isProblem(sub.failure, 403, "email_not_verified");

  return (
    <div className="auth-page">
      <h1>{t("auth.login.title")}</h1>
      {mfaToken ? (
        <SecondFactorForm mfaToken={mfaToken} onDone={() => void finish()} />
      ) : (
        <form onSubmit={submit} noValidate data-testid="login-form">
          <FormAlert error={sub.error} />
          {notVerified && (
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => void resendVerification(email.trim()).then(() => setResent(true), () => setResent(true))}
              >
                {t("auth.verify.resend")}
              </button>
              {resent && <span role="status"> {t("auth.verify.resent")}</span>}
            </p>
          )}
          <Field
            label={t("auth.email")}
            type="email"
            name="email"
            value={email}
            onChange={setEmail}
            error={errors.email ?? sub.fields.email}
            autoComplete="username"
            required
          />
          <PasswordField label={t("auth.password")} value={password} onChange={setPassword} error={errors.password} />
          <div className="form-actions">
            <button type="submit" disabled={sub.busy}>
              {t("auth.login.submit")}
            </button>
            <Link to="/forgot-password">{t("auth.forgot.link")}</Link>
          </div>
          <p>
            {t("auth.login.noAccount")} <Link to="/register">{t("auth.register.link")}</Link>
          </p>
        </form>
      )}
    </div>
  );
}
