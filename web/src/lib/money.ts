// Currencies the shop sells in and money formatting for the UI language.
import type { Lang } from "../i18n/i18n";

/** Currency is one of the shop's currencies. */
export type Currency = "RUB" | "EUR" | "USD" | "KZT";

/** CURRENCIES lists the supported currencies, the default first. */
export const CURRENCIES: readonly Currency[] = ["RUB", "EUR", "USD", "KZT"];

/** DEFAULT_CURRENCY is used until the shopper picks another one. */
export const DEFAULT_CURRENCY: Currency = "RUB";

/** CURRENCY_STORAGE_KEY is where the chosen currency is remembered. */
export const CURRENCY_STORAGE_KEY = "sporthub.currency";

/** Money is an amount in minor units (kopecks, cents, tiyn). */
export interface Money {
  amount_minor: number;
  currency: string;
}

// Every currency the API uses has two decimal places (see the catalog contract).
const MINOR_DIGITS: Record<string, number> = { RUB: 2, EUR: 2, USD: 2, KZT: 2 };

const LOCALES: Record<Lang, string> = { ru: "ru-RU", en: "en-US" };

/** isCurrency reports whether v names a supported currency. */
export function isCurrency(v: unknown): v is Currency {
  return typeof v === "string" && (CURRENCIES as readonly string[]).includes(v);
}

/** loadCurrency reads the remembered currency, falling back to the default. */
export function loadCurrency(storage: Pick<Storage, "getItem"> | undefined): Currency {
  try {
    const v = storage?.getItem(CURRENCY_STORAGE_KEY);
    return isCurrency(v) ? v : DEFAULT_CURRENCY;
  } catch {
    return DEFAULT_CURRENCY;
  }
}

/** saveCurrency remembers the chosen currency; failures to store are ignored. */
export function saveCurrency(storage: Pick<Storage, "setItem"> | undefined, currency: Currency): void {
  try {
    storage?.setItem(CURRENCY_STORAGE_KEY, currency);
  } catch {
    // Not remembered when storage is unavailable.
  }
}

/** localeFor returns the BCP 47 locale used for formatting in lang. */
export function localeFor(lang: Lang): string {
  return LOCALES[lang];
}

/**
 * formatMoney formats an amount for lang, e.g. "12 990 ₽" or "€129.50".
 * Whole amounts are shown without decimals; others with all minor digits.
 */
export function formatMoney(money: Money, lang: Lang): string {
  const digits = MINOR_DIGITS[money.currency] ?? 2;
  const scale = 10 ** digits;
  const whole = money.amount_minor % scale === 0;
  return new Intl.NumberFormat(localeFor(lang), {
    style: "currency",
    currency: money.currency,
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(money.amount_minor / scale);
}

/** currencySymbol returns the short symbol of a currency in lang, e.g. "₽". */
export function currencySymbol(currency: Currency, lang: Lang): string {
  const parts = new Intl.NumberFormat(localeFor(lang), {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
  }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

/**
 * normalizeAmount turns user input such as "1 500,5" into the API's decimal
 * form "1500.5"; it returns null for anything that is not a non-negative
 * amount with at most two decimals.
 */
export function normalizeAmount(input: string): string | null {
  const s = input.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) return null;
  const [int = "0", frac] = s.split(".");
  const trimmed = int.replace(/^0+(?=\d)/, "");
  return frac ? `${trimmed}.${frac}` : trimmed;
}
