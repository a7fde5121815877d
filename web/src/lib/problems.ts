// Turns API errors into what forms show: a localized message for the
// problem's stable code, per-field messages, and the wait before retrying.
import { ProblemError } from "../api/client";
import type { MessageKey } from "../i18n/i18n";
import { MIN_PASSWORD_LENGTH } from "./validation";

/** Message is a UI message: a dictionary key with parameters, or text from the server. */
export type Message = { key: MessageKey; params?: Record<string, string | number> } | { text: string };

/** FieldErrors maps a field name to its message. */
export type FieldErrors = Record<string, Message>;

// Stable problem codes that have their own UI text (codes of the auth,
// profiles, settings, access and notify services).
const CODES: Record<string, MessageKey> = {
  invalid_credentials: "problem.invalid_credentials",
  email_not_verified: "problem.email_not_verified",
  user_blocked: "problem.user_blocked",
  account_locked: "problem.account_locked",
  too_many_requests: "problem.too_many_requests",
  busy: "problem.busy",
  invalid_code: "problem.invalid_code",
  invalid_mfa_token: "problem.mfa_expired",
  invalid_refresh_token: "problem.session_expired",
  session_ended: "problem.session_expired",
  invalid_or_expired_token: "problem.invalid_token",
  invalid_password: "problem.invalid_password",
  two_factor_setup_required: "problem.two_factor_setup_required",
  two_factor_enabled: "problem.two_factor_enabled",
  two_factor_not_enabled: "problem.two_factor_not_enabled",
  forbidden: "problem.forbidden",
  body_too_large: "problem.too_large",
  image_too_large: "problem.too_large",
  image_too_small: "problem.image_too_small",
  image_invalid: "problem.unsupported_image",
  unsupported_media_type: "problem.unsupported_image",
  too_many_goals: "problem.too_many_goals",
  too_many_privacy_zones: "problem.too_many_privacy_zones",
  cannot_follow_self: "problem.self_action",
  profile_not_found: "problem.profile_not_found",
  validation_failed: "problem.validation_failed",
  last_admin: "problem.last_admin",
  cannot_block_self: "problem.self_action",
  cannot_remove_own_admin: "problem.self_action",
  builtin_role: "problem.role_builtin",
  already_blocked: "problem.already_blocked",
  not_blocked: "problem.not_blocked",
  push_unavailable: "settings.push.unavailable",
};

// Field error codes that have their own UI text.
const FIELD_CODES: Record<string, Message> = {
  required: { key: "validation.required" },
  invalid_email: { key: "validation.email" },
  too_short: { key: "validation.passwordShort", params: { min: MIN_PASSWORD_LENGTH } },
  too_common: { key: "validation.passwordCommon" },
  contains_email: { key: "validation.passwordEmail" },
  invalid_phone: { key: "validation.phone" },
  invalid_time: { key: "validation.time" },
  same_as_start: { key: "validation.sameTime" },
  unknown_time_zone: { key: "validation.timeZone" },
};

// Messages that have a variant saying how long to wait (Retry-After).
const WAIT_KEYS: Partial<Record<MessageKey, MessageKey>> = {
  "problem.too_many_requests": "problem.too_many_requests.wait",
  "problem.busy": "problem.busy.wait",
};

/** problemKey returns the UI text key for an error's code, if it has one. */
export function problemKey(err: unknown): MessageKey | null {
  if (!(err instanceof ProblemError)) return null;
  const code = err.code;
  if (code && Object.hasOwn(CODES, code)) return CODES[code] ?? null;
  if (err.status === 413) return "problem.too_large";
  if (err.status === 429) return "problem.too_many_requests";
  return null;
}

/** describeProblem returns the message to show for a failed call. */
export function describeProblem(err: unknown): Message {
  const key = problemKey(err);
  if (err instanceof ProblemError) {
    const wait = err.problem.retry_after;
    if (!key) return { text: err.problem.detail || err.problem.title || `HTTP ${err.status}` };
    const waitKey = WAIT_KEYS[key];
    return waitKey && wait !== undefined && wait > 0 ? { key: waitKey, params: { seconds: wait } } : { key };
  }
  return { key: "error.network" };
}

/** retryAfterSeconds returns the server's requested wait, if any. */
export function retryAfterSeconds(err: unknown): number | null {
  if (!(err instanceof ProblemError)) return null;
  const v = err.problem.retry_after;
  return v === undefined ? null : v;
}

/**
 * fieldErrors maps the problem's field errors to messages; names maps API
 * field names (e.g. "new_password") to the form's names.
 */
export function fieldErrors(err: unknown, names: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  if (!(err instanceof ProblemError)) return out;
  for (const fe of err.problem.errors ?? []) {
    if (!fe.field) continue;
    const name = names[fe.field] ?? fe.field;
    if (out[name]) continue;
    const known = fe.code && Object.hasOwn(FIELD_CODES, fe.code) ? FIELD_CODES[fe.code] : undefined;
    out[name] = known ?? { text: fe.message || fe.code || "" };
  }
  return out;
}

/** isProblem reports whether err is an API answer with status (and code, when given). */
export function isProblem(err: unknown, status: number, code?: string): boolean {
  return err instanceof ProblemError && err.status === status && (code === undefined || err.code === code);
}
