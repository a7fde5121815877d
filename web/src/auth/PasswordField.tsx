// A password input with a show/hide toggle and, for new passwords, the rules.
import { useId, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import type { Message } from "../lib/problems";
import { MIN_PASSWORD_LENGTH } from "../lib/validation";
import { useMessage } from "../ui/form";

/** PasswordField is a labelled password input. */
export function PasswordField({
  label,
  value,
  onChange,
  error,
  isNew = false,
  name = "password",
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: Message | null;
  /** isNew shows the password rules and uses the new-password autocomplete. */
  isNew?: boolean;
  name?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const msg = useMessage();
  const id = useId();
  const [shown, setShown] = useState(false);
  const described = [isNew ? `${id}-rules` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-input">
        <input
          id={id}
          name={name}
          type={shown ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={isNew ? "new-password" : "current-password"}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          data-testid={testId}
          maxLength={256}
          required
        />
        <button
          type="button"
          className="secondary small"
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t("auth.password.hide") : t("auth.password.show")}
        </button>
      </div>
      {isNew && (
        <ul id={`${id}-rules`} className="field-hint password-rules">
          <li>{t("auth.password.ruleLength", { min: MIN_PASSWORD_LENGTH })}</li>
          <li>{t("auth.password.ruleCommon")}</li>
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {msg(error)}
        </p>
      )}
    </div>
  );
}
