// Client-side form checks. They mirror the API's rules so people see
// mistakes at once; the API stays the authority and its field errors are
// shown the same way.
import type { Message } from "./problems";

/** MIN_PASSWORD_LENGTH is the shortest password the API accepts. */
export const MIN_PASSWORD_LENGTH = 8;

// A few of the most common passwords: the API refuses a far longer list;
// these catch the obvious ones before a round trip.
const COMMON = new Set([
  "12345678", "123456789", "1234567890", "password", "password1", "password123", "qwerty123",
  "qwertyuiop", "11111111", "00000000", "iloveyou", "abc12345", "1q2w3e4r", "1q2w3e4r5t",
  "qwerty12", "12341234", "87654321", "sunshine", "princess", "football", "baseball",
  "welcome1", "admin123", "letmein1", "passw0rd", "zaq12wsx", "123qweasd", "qazwsxedc",
]);

/** isCommonPassword reports whether pw is one of the well-known passwords. */
export function isCommonPassword(pw: string): boolean {
  return COMMON.has(pw.toLowerCase());
}

/** checkEmail validates an email address. */
export function checkEmail(email: string): Message | null {
  const v = email.trim();
  if (!v) return { key: "validation.required" };
  if (v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return { key: "validation.email" };
  return null;
}

/** MAX_PASSWORD_LENGTH is the longest password the API accepts. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * checkNewPassword validates a password being chosen with the API's rules:
 * 8 to 256 characters, not a common password, not the email address (or
 * its local part when that is 8 characters or more). No composition rules.
 */
export function checkNewPassword(pw: string, email = ""): Message | null {
  if (!pw) return { key: "validation.required" };
  const n = [...pw].length;
  if (n < MIN_PASSWORD_LENGTH) return { key: "validation.passwordShort", params: { min: MIN_PASSWORD_LENGTH } };
  if (n > MAX_PASSWORD_LENGTH) return { key: "validation.tooLong", params: { max: MAX_PASSWORD_LENGTH } };
  if (isCommonPassword(pw)) return { key: "validation.passwordCommon" };
  const p = pw.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split("@")[0] ?? "";
  if (e && (p === e || ([...local].length >= MIN_PASSWORD_LENGTH && p === local))) return { key: "validation.passwordEmail" };
  return null;
}

/** checkRequired reports an empty value. */
export function checkRequired(v: string): Message | null {
  return v.trim() ? null : { key: "validation.required" };
}

/** normalizeCode strips spaces and dashes people type into a 6-digit code. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

/** checkTotp validates a 6-digit authenticator code. */
export function checkTotp(code: string): Message | null {
  const v = normalizeCode(code);
  if (!v) return { key: "validation.required" };
  return /^\d{6}$/.test(v) ? null : { key: "validation.code" };
}

/** codeValue is what to send for a field that takes a TOTP or a recovery code: 6 digits typed with spaces become the bare code, anything else is trimmed. */
export function codeValue(input: string): string {
  const bare = normalizeCode(input);
  return /^\d{6}$/.test(bare) ? bare : input.trim();
}

/** checkCodeOrRecovery accepts a TOTP code or a recovery code. */
export function checkCodeOrRecovery(code: string): Message | null {
  const v = code.trim();
  if (!v) return { key: "validation.required" };
  return null;
}

/** parseNumber reads a decimal number typed with a dot or comma; "" is null, garbage NaN. */
export function parseNumber(input: string): number | null {
  const s = input.trim().replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (!s) return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** checkRange validates an optional number field within [min, max]. */
export function checkRange(input: string, min: number, max: number, integer = false): Message | null {
  const n = parseNumber(input);
  if (n === null) return null;
  if (Number.isNaN(n) || (integer && !Number.isInteger(n))) return { key: "validation.number" };
  if (n < min || n > max) return { key: "validation.range", params: { min, max } };
  return null;
}

/** hasErrors reports whether any entry of a field error map is set. */
export function hasErrors(errors: Record<string, Message | null | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}

/** compact drops empty entries of a field error map. */
export function compact(errors: Record<string, Message | null | undefined>): Record<string, Message> {
  const out: Record<string, Message> = {};
  for (const [k, v] of Object.entries(errors)) if (v) out[k] = v;
  return out;
}

/** normalizePhone strips spaces, dashes and brackets from a phone number. */
export function normalizePhone(input: string): string {
  return input.replace(/[\s\-()]/g, "");
}

/** checkPhone validates an optional E.164 phone number (+ and 7 to 15 digits). */
export function checkPhone(input: string): Message | null {
  const v = normalizePhone(input);
  if (!v) return null;
  return /^\+[1-9]\d{6,14}$/.test(v) ? null : { key: "validation.phone" };
}

/** checkTime validates a HH:MM time of day. */
export function checkTime(input: string): Message | null {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(input) ? null : { key: "validation.time" };
}
