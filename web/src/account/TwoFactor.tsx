// Two-factor authentication on the security page: enrolment (QR code, manual
// key, confirmation code), the recovery codes shown once, regenerating them,
// and turning 2FA off.
import { useState, type FormEvent } from "react";
import {
  disableTwoFactor,
  enableTwoFactor,
  regenerateRecoveryCodes,
  setupTwoFactor,
  type TwoFactorSetup,
} from "../api/auth";
import { useAuth } from "../auth/AuthProvider";
import { useI18n } from "../i18n/I18nProvider";
import { groupSecret } from "../lib/format";
import type { Message } from "../lib/problems";
import { checkCodeOrRecovery, checkTotp, codeValue, normalizeCode } from "../lib/validation";
import { Field, FormAlert, useSubmission } from "../ui/form";

/** recoveryCodesFile is the text of the downloadable recovery codes file. */
export function recoveryCodesFile(codes: readonly string[], email: string, heading: string): string {
  return [heading, email, "", ...codes, ""].join("\n");
}

/** RecoveryCodes shows freshly issued recovery codes with copy and download. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [copied, setCopied] = useState(false);
  const text = recoveryCodesFile(codes, me?.email ?? "", t("security.recovery.fileHeading"));
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "sporthub-recovery-codes.txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="recovery-codes" data-testid="recovery-codes" role="region" aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">{t("security.recovery.title")}</h3>
      <p>{t("security.recovery.text")}</p>
      <ol className="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(codes.join("\n")).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t("security.recovery.copy")}
        </button>
        <button type="button" className="secondary" onClick={download}>
          {t("security.recovery.download")}
        </button>
        <button type="button" onClick={onDone} data-testid="recovery-done">
          {t("security.recovery.saved")}
        </button>
      </div>
      {copied && <p role="status">{t("security.recovery.copied")}</p>}
    </div>
  );
}

function CodeForm({
  label,
  submitLabel,
  allowRecovery,
  onSubmit,
  testId,
  danger,
}: {
  label: string;
  submitLabel: string;
  allowRecovery: boolean;
  onSubmit: (code: string) => Promise<unknown>;
  testId: string;
  danger?: boolean;
}) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<Message | null>(null);
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = allowRecovery ? checkCodeOrRecovery(code) : checkTotp(code);
    setError(err);
    if (err) return;
    const value = allowRecovery ? codeValue(code) : normalizeCode(code);
    const res = await sub.run(() => onSubmit(value));
    if (res.ok) setCode("");
  };
  return (
    <form onSubmit={submit} noValidate className="inline-form" data-testid={testId}>
      <FormAlert error={sub.error} />
      <Field
        label={label}
        value={code}
        onChange={setCode}
        error={error ?? sub.fields.code}
        inputMode={allowRecovery ? "text" : "numeric"}
        autoComplete="one-time-code"
        name="code"
      />
      <button type="submit" disabled={sub.busy} className={danger ? "danger" : undefined}>
        {submitLabel}
      </button>
    </form>
  );
}

function Enrol({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useI18n();
  const { reload } = useAuth();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const sub = useSubmission();
  const start = async () => {
    const res = await sub.run(setupTwoFactor);
    if (res.ok) setSetup(res.value);
  };
  if (!setup) {
    return (
      <div>
        <p>{t("security.2fa.offText")}</p>
        <FormAlert error={sub.error} />
        <button type="button" onClick={() => void start()} disabled={sub.busy} data-testid="2fa-setup">
          {t("security.2fa.setup")}
        </button>
      </div>
    );
  }
  return (
    <div className="enrol" data-testid="2fa-enrol">
      <ol className="steps">
        <li>{t("security.2fa.step1")}</li>
        <li>
          {t("security.2fa.step2")}
          <div className="qr">
            <img src={setup.qr_png} alt={t("security.2fa.qrAlt")} width="200" height="200" />
          </div>
          <p>
            {t("security.2fa.manual")}{" "}
            <code className="secret" data-testid="totp-secret" data-secret={setup.secret}>
              {groupSecret(setup.secret)}
            </code>
          </p>
        </li>
        <li>
          {t("security.2fa.step3")}
          <CodeForm
            label={t("security.2fa.code")}
            submitLabel={t("security.2fa.enable")}
            allowRecovery={false}
            testId="2fa-enable-form"
            onSubmit={async (code) => {
              const res = await enableTwoFactor(code);
              onCodes(res.recovery_codes);
              await reload();
            }}
          />
        </li>
      </ol>
    </div>
  );
}

/** TwoFactorPanel is the security page's 2FA section. */
export function TwoFactorPanel() {
  const { t } = useI18n();
  const { me, reload } = useAuth();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [mode, setMode] = useState<"none" | "regen" | "disable">("none");
  const enabled = Boolean(me?.two_factor_enabled);
  return (
    <section className="card" aria-labelledby="twofa-heading" data-testid="2fa-panel">
      <h2 id="twofa-heading">{t("security.2fa.title")}</h2>
      <p data-testid="2fa-status">
        {enabled ? t("security.2fa.on") : t("security.2fa.off")}
      </p>
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : !enabled ? (
        <Enrol onCodes={setCodes} />
      ) : (
        <>
          <div className="form-actions">
            <button type="button" className="secondary" aria-expanded={mode === "regen"} onClick={() => setMode(mode === "regen" ? "none" : "regen")}>
              {t("security.2fa.regenerate")}
            </button>
            <button type="button" className="secondary" aria-expanded={mode === "disable"} onClick={() => setMode(mode === "disable" ? "none" : "disable")}>
              {t("security.2fa.disable")}
            </button>
          </div>
          {mode === "regen" && (
            <CodeForm
              label={t("security.2fa.codeOrRecovery")}
              submitLabel={t("security.2fa.regenerate")}
              allowRecovery
              testId="2fa-regen-form"
              onSubmit={async (code) => {
                const res = await regenerateRecoveryCodes(code);
                setMode("none");
                setCodes(res.recovery_codes);
              }}
            />
          )}
          {mode === "disable" && (
            <CodeForm
              label={t("security.2fa.codeOrRecovery")}
              submitLabel={t("security.2fa.disable")}
              allowRecovery
              danger
              testId="2fa-disable-form"
              onSubmit={async (code) => {
                await disableTwoFactor(code);
                setMode("none");
                await reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
