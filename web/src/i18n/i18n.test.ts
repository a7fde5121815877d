import { describe, expect, it } from "vitest";
import { en } from "./en";
import {
  DEFAULT_LANG,
  LANG_STORAGE_KEY,
  interpolate,
  loadLang,
  localized,
  saveLang,
  translate,
  translatePlural,
} from "./i18n";
import { ru } from "./ru";

/** memoryStorage is a real in-memory implementation of the Storage calls used. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe("dictionaries", () => {
  it("have the same keys in Russian and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it("have no empty strings", () => {
    for (const dict of [ru, en]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(names(en[key]), key).toEqual(names(ru[key]));
    }
  });
});

describe("language choice", () => {
  it("defaults to Russian", () => {
    expect(DEFAULT_LANG).toBe("ru");
    expect(loadLang(memoryStorage())).toBe("ru");
    expect(loadLang(undefined)).toBe("ru");
  });

  it("remembers the chosen language", () => {
    const storage = memoryStorage();
    saveLang(storage, "en");
    expect(storage.data.get(LANG_STORAGE_KEY)).toBe("en");
    expect(loadLang(storage)).toBe("en");
  });

  it("ignores unknown stored values and failing storage", () => {
    expect(loadLang(memoryStorage({ [LANG_STORAGE_KEY]: "de" }))).toBe("ru");
    const broken = {
      getItem: (): string | null => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadLang(broken)).toBe("ru");
    expect(() => saveLang(broken, "en")).not.toThrow();
  });
});

describe("translate", () => {
  it("looks keys up per language", () => {
    expect(translate("ru", "nav.catalog")).toBe("Каталог");
    expect(translate("en", "nav.catalog")).toBe("Catalog");
  });

  it("fills placeholders and keeps unknown ones", () => {
    expect(translate("en", "catalog.shown", { shown: 24, total: 300 })).toBe("Showing 24 of 300");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("chooses Russian plural forms", () => {
    expect(translatePlural("ru", "catalog.total", 1)).toBe("Найден 1 товар");
    expect(translatePlural("ru", "catalog.total", 3)).toBe("Найдено 3 товара");
    expect(translatePlural("ru", "catalog.total", 11)).toBe("Найдено 11 товаров");
    expect(translatePlural("ru", "catalog.total", 21)).toBe("Найден 21 товар");
    expect(translatePlural("ru", "catalog.total", 0)).toBe("Найдено 0 товаров");
  });

  it("chooses English plural forms and groups digits", () => {
    expect(translatePlural("en", "catalog.total", 1)).toBe("1 product found");
    expect(translatePlural("en", "catalog.total", 1234)).toBe("1,234 products found");
  });
});

describe("localized", () => {
  it("picks the language and falls back to the other one", () => {
    expect(localized({ ru: "Кроссовки", en: "Shoes" }, "en")).toBe("Shoes");
    expect(localized({ ru: "Кроссовки" }, "en")).toBe("Кроссовки");
    expect(localized({ en: "Shoes", ru: "" }, "ru")).toBe("Shoes");
    expect(localized(null, "ru")).toBe("");
  });
});
