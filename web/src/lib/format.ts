// Date and number formatting for the UI language.
import type { Lang } from "../i18n/i18n";
import { localeFor } from "./money";

/** formatDateTime formats an RFC 3339 time as a medium date with a short time. */
export function formatDateTime(iso: string | null | undefined, lang: Lang, timeZone?: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "medium", timeStyle: "short" }).format(d);
  }
}

/** formatDate formats an RFC 3339 time or a YYYY-MM-DD date as a medium date. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

/** formatNumber formats a number with at most digits decimals. */
export function formatNumber(n: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(localeFor(lang), { maximumFractionDigits: digits }).format(n);
}

/** groupSecret splits a base32 secret into groups of four for reading aloud or typing. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}
