// The reason staff give for an action; required by the API and recorded in
// the user's staff action history.
import type { Message } from "../lib/problems";
import { useI18n } from "../i18n/I18nProvider";
import { Field } from "../ui/form";
import { checkReason } from "./perms";

/** reasonError turns checkReason's result into a message. */
export function reasonError(reason: string): Message | null {
  const e = checkReason(reason);
  if (e === "required") return { key: "admin.reason.required" };
  if (e === "too_long") return { key: "validation.tooLong", params: { max: 500 } };
  return null;
}

/** ReasonField is the labelled reason input. */
export function ReasonField({ value, onChange, error, testId }: { value: string; onChange: (v: string) => void; error?: Message | null; testId?: string }) {
  const { t } = useI18n();
  return (
    <Field label={t("admin.reason")} value={value} onChange={onChange} error={error} maxLength={500} data-testid={testId} required />
  );
}
