// Form building blocks shared by every page: labelled fields whose error is
// linked with aria-describedby, a form-level alert, and a submit helper that
// tracks the request and maps API errors to messages.
import { useCallback, useId, useRef, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { describeProblem, fieldErrors, type FieldErrors, type Message } from "../lib/problems";

/** useMessage returns a function that renders a Message in the current language. */
export function useMessage(): (m: Message | null | undefined) => string {
  const { t } = useI18n();
  return useCallback((m) => (!m ? "" : "key" in m ? t(m.key, m.params) : m.text), [t]);
}

/** FieldProps are a text field's props. */
export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: Message | null;
  hint?: ReactNode;
}

/** Field is a labelled input with an optional hint and error message. */
export function Field({ label, value, onChange, error, hint, id, className, ...rest }: FieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  const msg = useMessage();
  const described = [hint ? `${fid}-hint` : "", error ? `${fid}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={fid}>{label}</label>
      <input
        id={fid}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {hint && (
        <p id={`${fid}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${fid}-error`} className="field-error">
          {msg(error)}
        </p>
      )}
    </div>
  );
}

/** SelectField is a labelled select. */
export function SelectField<V extends string>({
  label,
  value,
  onChange,
  options,
  id,
  testId,
}: {
  label: string;
  value: V;
  onChange: (v: V) => void;
  options: readonly { value: V; label: string }[];
  id?: string;
  testId?: string;
}) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      <select id={fid} value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** FormAlert shows a form-level error (role=alert) or success note (role=status). */
export function FormAlert({ error, success }: { error?: Message | null; success?: Message | null }) {
  const msg = useMessage();
  if (error) {
    return (
      <div className="form-alert" role="alert" data-testid="form-error">
        {msg(error)}
      </div>
    );
  }
  if (success) {
    return (
      <div className="form-success" role="status" data-testid="form-success">
        {msg(success)}
      </div>
    );
  }
  return null;
}

/** Outcome is how a submitted request ended. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error?: unknown };

/** Submission is the state of a form's request. */
export interface Submission {
  busy: boolean;
  error: Message | null;
  fields: FieldErrors;
  success: Message | null;
  /** failure is the last error thrown by the action (to check its code). */
  failure: unknown;
  /** run performs action; API field errors are renamed with names. */
  run: <T>(action: () => Promise<T>, opts?: { success?: Message; names?: Record<string, string> }) => Promise<Outcome<T>>;
  setError: (m: Message | null) => void;
  reset: () => void;
}

/** useSubmission runs a form's request once at a time and keeps its outcome. */
export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [success, setSuccess] = useState<Message | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const running = useRef(false);
  const run = useCallback(
    async <T,>(
      action: () => Promise<T>,
      opts: { success?: Message; names?: Record<string, string> } = {},
    ): Promise<Outcome<T>> => {
      if (running.current) return { ok: false };
      running.current = true;
      setBusy(true);
      setError(null);
      setFields({});
      setSuccess(null);
      setFailure(null);
      try {
        const out = await action();
        if (opts.success) setSuccess(opts.success);
        return { ok: true, value: out };
      } catch (err) {
        setFailure(err);
        setFields(fieldErrors(err, opts.names));
        setError(describeProblem(err));
        return { ok: false, error: err };
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [],
  );
  const reset = useCallback(() => {
    setError(null);
    setFields({});
    setSuccess(null);
    setFailure(null);
  }, []);
  return { busy, error, fields, success, failure, run, setError, reset };
}
