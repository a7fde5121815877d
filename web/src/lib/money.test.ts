import { describe, expect, it } from "vitest";
import {
  CURRENCY_STORAGE_KEY,
  currencySymbol,
  formatMoney,
  loadCurrency,
  normalizeAmount,
  saveCurrency,
} from "./money";

// Intl separates groups and symbols with (narrow) no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats roubles for Russian", () => {
    expect(plain(formatMoney({ amount_minor: 1299000, currency: "RUB" }, "ru"))).toBe("12 990 ₽");
    expect(plain(formatMoney({ amount_minor: 1299050, currency: "RUB" }, "ru"))).toBe("12 990,50 ₽");
  });

  it("formats each currency for English", () => {
    expect(formatMoney({ amount_minor: 12950, currency: "EUR" }, "en")).toBe("€129.50");
    expect(formatMoney({ amount_minor: 14000, currency: "USD" }, "en")).toBe("$140");
    expect(formatMoney({ amount_minor: 6500000, currency: "KZT" }, "en")).toBe("₸65,000");
    expect(formatMoney({ amount_minor: 1299000, currency: "RUB" }, "en")).toBe("₽12,990");
  });

  it("formats euros and tenge for Russian", () => {
    expect(plain(formatMoney({ amount_minor: 12950, currency: "EUR" }, "ru"))).toBe("129,50 €");
    expect(plain(formatMoney({ amount_minor: 6500000, currency: "KZT" }, "ru"))).toBe("65 000 ₸");
  });

  it("keeps single minor units exact", () => {
    expect(formatMoney({ amount_minor: 1, currency: "USD" }, "en")).toBe("$0.01");
    expect(formatMoney({ amount_minor: 10, currency: "USD" }, "en")).toBe("$0.10");
  });
});

describe("currency choice", () => {
  it("defaults to RUB and remembers the choice", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(loadCurrency(storage)).toBe("RUB");
    saveCurrency(storage, "KZT");
    expect(data.get(CURRENCY_STORAGE_KEY)).toBe("KZT");
    expect(loadCurrency(storage)).toBe("KZT");
    data.set(CURRENCY_STORAGE_KEY, "GBP");
    expect(loadCurrency(storage)).toBe("RUB");
  });

  it("knows the symbols", () => {
    expect(currencySymbol("RUB", "ru")).toBe("₽");
    expect(currencySymbol("EUR", "en")).toBe("€");
  });
});

describe("normalizeAmount", () => {
  it("accepts decimal amounts in either notation", () => {
    expect(normalizeAmount("1500")).toBe("1500");
    expect(normalizeAmount("1500.5")).toBe("1500.5");
    expect(normalizeAmount("1 500,50")).toBe("1500.50");
    expect(normalizeAmount("007")).toBe("7");
    expect(normalizeAmount("0.99")).toBe("0.99");
  });

  it("rejects everything else", () => {
    for (const bad of ["", "abc", "-5", "1.234", "1e3", "1.2.3", "."]) expect(normalizeAmount(bad), bad).toBeNull();
  });
});
