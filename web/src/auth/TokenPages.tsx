// Pages opened from emailed links: verify an email address (/verify-email),
// lift a lockout (/unlock). Each posts its ?token= once, on arrival.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { resendVerification, unlock, verifyEmail } from "../api/auth";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";
import { describeProblem, type Message } from "../lib/problems";
import { checkEmail } from "../lib/validation";
import { Field, FormAlert, useSubmission } from "../ui/form";

// One request per token, even when React runs an effect twice (StrictMode)
// or the page re-renders: tokens are single use.
const sent = new Map<string, Promise<unknown>>();

function once(kind: string, token: string, fn: () => Promise<unknown>): Promise<unknown> {
  const key = `${kind}:${token}`;
  let p = sent.get(key);
  if (!p) {
    p = fn();
    sent.set(key, p);
  }
  return p;
}

type TokenState = { state: "working" } | { state: "done" } | { state: "failed"; error: Message };

function useTokenAction(kind: string, token: string, fn: (token: string) => Promise<unknown>): TokenState {
  const [s, setS] = useState<TokenState>(token ? { state: "working" } : { state: "failed", error: { key: "auth.token.missing" } });
  useEffect(() => {
    if (!token) return;
    let live = true;
    once(kind, token, () => fn(token)).then(
      () => live && setS({ state: "done" }),
      (err: unknown) => live && setS({ state: "failed", error: describeProblem(err) }),
    );
    return () => {
      live = false;
    };
  }, [kind, token, fn]);
  return s;
}

function ResendForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = checkEmail(email);
    setError(err);
    if (!err) await sub.run(() => resendVerification(email.trim()), { success: { key: "auth.verify.resent" } });
  };
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <FormAlert error={sub.error} success={sub.success} />
      <Field label={t("auth.email")} type="email" value={email} onChange={setEmail} error={error} autoComplete="email" />
      <button type="submit" disabled={sub.busy}>
        {t("auth.verify.resend")}
      </button>
    </form>
  );
}

function TokenPage({ title, done, state, failedExtra }: { title: MessageKey; done: MessageKey; state: TokenState; failedExtra?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t(title)} · ${t("app.name")}`;
  }, [t, title]);
  return (
    <div className="auth-page" aria-busy={state.state === "working"}>
      <h1>{t(title)}</h1>
      {state.state === "working" && <p role="status">{t("app.loading")}</p>}
      {state.state === "done" && (
        <>
          <p role="status" className="form-success" data-testid="token-done">
            {t(done)}
          </p>
          <Link to="/login">{t("auth.login.link")}</Link>
        </>
      )}
      {state.state === "failed" && (
        <>
          <FormAlert error={state.error} />
          {failedExtra}
        </>
      )}
    </div>
  );
}

/** VerifyEmailPage confirms the address from the emailed link. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const state = useTokenAction("verify", params.get("token") ?? "", verifyEmail);
  return <TokenPage title="auth.verify.title" done="auth.verify.done" state={state} failedExtra={<ResendForm />} />;
}

/** UnlockPage lifts a lockout with the emailed link. */
export function UnlockPage() {
  const [params] = useSearchParams();
  const state = useTokenAction("unlock", params.get("token") ?? "", unlock);
  return <TokenPage title="auth.unlock.title" done="auth.unlock.done" state={state} />;
}
