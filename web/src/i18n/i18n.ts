// Pure i18n helpers: language choice, lookup with {param} interpolation,
// plural forms and picking a language from the API's localized text.
import { en } from "./en";
import { ru, type MessageKey, type Messages } from "./ru";

export type { MessageKey, Messages };

/** Lang is a supported UI language. */
export type Lang = "ru" | "en";

/** LANGS lists the supported languages, the default first. */
export const LANGS: readonly Lang[] = ["ru", "en"];

/** DEFAULT_LANG is used when nothing was chosen yet. */
export const DEFAULT_LANG: Lang = "ru";

/** LANG_STORAGE_KEY is where the chosen language is remembered. */
export const LANG_STORAGE_KEY = "sporthub.lang";

/** dictionaries maps each language to its messages. */
export const dictionaries: Record<Lang, Messages> = { ru, en };

/** Params are the values substituted for {name} placeholders. */
export type Params = Record<string, string | number>;

/** PluralBase is a key prefix that has .one/.few/.many/.other forms. */
export type PluralBase = MessageKey extends infer K
  ? K extends `${infer B}.other`
    ? B
    : never
  : never;

/** isLang reports whether v names a supported language. */
export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as readonly string[]).includes(v);
}

/** loadLang reads the remembered language, falling back to the default. */
export function loadLang(storage: Pick<Storage, "getItem"> | undefined): Lang {
  try {
    const v = storage?.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG; // storage can throw when disabled by the browser
  }
}

/** saveLang remembers the chosen language; failures to store are ignored. */
export function saveLang(storage: Pick<Storage, "setItem"> | undefined, lang: Lang): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or a full quota: the choice simply is not remembered.
  }
}

/** interpolate replaces {name} placeholders with params; unknown ones stay. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** translate looks a key up in the language's dictionary. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[lang][key] ?? dictionaries[DEFAULT_LANG][key] ?? key, params);
}

/** translatePlural picks the plural form of base for count and fills {count}. */
export function translatePlural(lang: Lang, base: PluralBase, count: number, params?: Params): string {
  const category = new Intl.PluralRules(lang).select(count);
  const key = `${base}.${category}` as MessageKey;
  const dict = dictionaries[lang];
  const template = key in dict ? dict[key] : dict[`${base}.other` as MessageKey];
  const formatted = new Intl.NumberFormat(lang).format(count);
  return interpolate(template, { count: formatted, ...params });
}

/** LocalizedText is the API's {ru, en} text object. */
export type LocalizedText = { ru?: string; en?: string } | null | undefined;

/** localized picks the text for lang, falling back to any other language. */
export function localized(text: LocalizedText, lang: Lang): string {
  if (!text) return "";
  const own = text[lang];
  if (own) return own;
  for (const other of LANGS) {
    const v = text[other];
    if (v) return v;
  }
  return "";
}
