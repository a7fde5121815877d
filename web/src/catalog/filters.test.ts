import { describe, expect, it } from "vitest";
import {
  EMPTY_FILTERS,
  effectiveSort,
  filtersToSearchParams,
  hasActiveFilters,
  parseFilters,
  sortChoices,
  toSearchQuery,
  toggleBrand,
  type CatalogFilters,
} from "./filters";

const full: CatalogFilters = {
  q: "кроссовки для бега",
  sport: "running",
  category: "running-shoes",
  brands: ["stridex", "aqualine"],
  size: "42",
  priceMin: "1500",
  priceMax: "9999.5",
  inStock: true,
  sort: "price_asc",
};

describe("URL <-> filters", () => {
  it("round-trips every field", () => {
    const qs = filtersToSearchParams(full).toString();
    expect(parseFilters(new URLSearchParams(qs))).toEqual(full);
  });

  it("writes a stable, readable query string without defaults", () => {
    expect(filtersToSearchParams(full).toString()).toBe(
      "q=%D0%BA%D1%80%D0%BE%D1%81%D1%81%D0%BE%D0%B2%D0%BA%D0%B8+%D0%B4%D0%BB%D1%8F+%D0%B1%D0%B5%D0%B3%D0%B0" +
        "&sport=running&category=running-shoes&brand=stridex&brand=aqualine&size=42" +
        "&price_min=1500&price_max=9999.5&in_stock=true&sort=price_asc",
    );
    expect(filtersToSearchParams(EMPTY_FILTERS).toString()).toBe("");
  });

  it("parses an empty query string to the empty state", () => {
    expect(parseFilters(new URLSearchParams(""))).toEqual(EMPTY_FILTERS);
  });

  it("drops invalid values from hand-edited URLs", () => {
    const f = parseFilters(new URLSearchParams("sort=cheapest&price_min=abc&price_max=1,5&in_stock=yes&brand=a&brand=a&brand="));
    expect(f.sort).toBe("");
    expect(f.priceMin).toBe("");
    expect(f.priceMax).toBe("1.5");
    expect(f.inStock).toBe(false);
    expect(f.brands).toEqual(["a"]);
  });
});

describe("sorting", () => {
  it("defaults to relevance with a query and popular without", () => {
    expect(effectiveSort({ ...EMPTY_FILTERS, q: "shoes" })).toBe("relevance");
    expect(effectiveSort(EMPTY_FILTERS)).toBe("popular");
    expect(effectiveSort({ ...EMPTY_FILTERS, sort: "relevance" })).toBe("popular");
    expect(effectiveSort({ ...EMPTY_FILTERS, sort: "newest" })).toBe("newest");
  });

  it("offers relevance only with a query", () => {
    expect(sortChoices({ q: "" })).not.toContain("relevance");
    expect(sortChoices({ q: "bike" })).toContain("relevance");
  });
});

describe("filter helpers", () => {
  it("toggles brands", () => {
    const one = toggleBrand(EMPTY_FILTERS, "stridex");
    expect(one.brands).toEqual(["stridex"]);
    expect(toggleBrand(one, "stridex").brands).toEqual([]);
  });

  it("knows when filters are active", () => {
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: "x", sort: "name" })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, inStock: true })).toBe(true);
  });
});

describe("toSearchQuery", () => {
  it("maps filters to API parameters", () => {
    expect(toSearchQuery(full, { currency: "EUR", lang: "en", cursor: "abc" })).toEqual({
      q: "кроссовки для бега",
      sport: "running",
      category: "running-shoes",
      brand: ["stridex", "aqualine"],
      size: "42",
      price_min: "1500",
      price_max: "9999.5",
      in_stock: true,
      sort: "price_asc",
      currency: "EUR",
      lang: "en",
      limit: 24,
      cursor: "abc",
    });
  });

  it("sends only what is set", () => {
    expect(toSearchQuery(EMPTY_FILTERS, { currency: "RUB", lang: "ru" })).toEqual({
      currency: "RUB",
      lang: "ru",
      limit: 24,
      sort: "popular",
    });
  });
});
