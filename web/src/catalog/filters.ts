// The catalog's filter state and its two encodings: the page URL's query
// string (shareable, works with the back button) and the API's search query.
import type { SearchQuery } from "../api/catalog";
import type { Lang } from "../i18n/i18n";
import { normalizeAmount, type Currency } from "../lib/money";

/** SORTS are the API's sort orders. */
export const SORTS = ["relevance", "popular", "price_asc", "price_desc", "newest", "name"] as const;

/** Sort is one sort order. */
export type Sort = (typeof SORTS)[number];

/** CatalogFilters is everything the shopper chose on the search page. */
export interface CatalogFilters {
  q: string;
  sport: string;
  category: string;
  brands: string[];
  size: string;
  priceMin: string;
  priceMax: string;
  inStock: boolean;
  /** sort is "" for the default order (relevance with a query, popular without). */
  sort: Sort | "";
}

/** EMPTY_FILTERS is the state of a fresh search page. */
export const EMPTY_FILTERS: CatalogFilters = {
  q: "",
  sport: "",
  category: "",
  brands: [],
  size: "",
  priceMin: "",
  priceMax: "",
  inStock: false,
  sort: "",
};

function isSort(v: string): v is Sort {
  return (SORTS as readonly string[]).includes(v);
}

function clean(v: string | null): string {
  return (v ?? "").trim();
}

/** parseFilters reads the filter state from a page URL's query string; invalid values are dropped. */
export function parseFilters(params: URLSearchParams): CatalogFilters {
  const brands: string[] = [];
  for (const b of params.getAll("brand")) {
    const v = b.trim();
    if (v && !brands.includes(v)) brands.push(v);
  }
  const sort = clean(params.get("sort"));
  const inStock = clean(params.get("in_stock"));
  return {
    q: clean(params.get("q")),
    sport: clean(params.get("sport")),
    category: clean(params.get("category")),
    brands,
    size: clean(params.get("size")),
    priceMin: normalizeAmount(clean(params.get("price_min"))) ?? "",
    priceMax: normalizeAmount(clean(params.get("price_max"))) ?? "",
    inStock: inStock === "true" || inStock === "1",
    sort: isSort(sort) ? sort : "",
  };
}

/** filtersToSearchParams encodes filters for the page URL, omitting defaults, in a stable order. */
export function filtersToSearchParams(f: CatalogFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.sport) p.set("sport", f.sport);
  if (f.category) p.set("category", f.category);
  for (const b of f.brands) p.append("brand", b);
  if (f.size) p.set("size", f.size);
  if (f.priceMin) p.set("price_min", f.priceMin);
  if (f.priceMax) p.set("price_max", f.priceMax);
  if (f.inStock) p.set("in_stock", "true");
  if (f.sort) p.set("sort", f.sort);
  return p;
}

/** defaultSort is the order the API applies when none is given. */
export function defaultSort(f: Pick<CatalogFilters, "q">): Sort {
  return f.q.trim() ? "relevance" : "popular";
}

/** effectiveSort is the order results are actually in. */
export function effectiveSort(f: CatalogFilters): Sort {
  if (f.sort === "relevance" && !f.q.trim()) return "popular";
  return f.sort || defaultSort(f);
}

/** sortChoices lists the orders that make sense; relevance needs a query. */
export function sortChoices(f: Pick<CatalogFilters, "q">): Sort[] {
  return SORTS.filter((s) => s !== "relevance" || f.q.trim() !== "");
}

/** hasActiveFilters reports whether anything beyond the query and sort is set. */
export function hasActiveFilters(f: CatalogFilters): boolean {
  return Boolean(f.sport || f.category || f.brands.length || f.size || f.priceMin || f.priceMax || f.inStock);
}

/** toggleBrand adds or removes a brand from the selection. */
export function toggleBrand(f: CatalogFilters, brand: string): CatalogFilters {
  const brands = f.brands.includes(brand) ? f.brands.filter((b) => b !== brand) : [...f.brands, brand];
  return { ...f, brands };
}

/** SearchContext is what the query needs besides the filters. */
export interface SearchContext {
  currency: Currency;
  lang: Lang;
  limit?: number;
  cursor?: string | null;
}

/** toSearchQuery builds the API query for the filters. */
export function toSearchQuery(f: CatalogFilters, ctx: SearchContext): SearchQuery {
  const query: SearchQuery = {
    currency: ctx.currency,
    lang: ctx.lang,
    limit: ctx.limit ?? 24,
    sort: effectiveSort(f),
  };
  if (f.q.trim()) query.q = f.q.trim();
  if (f.sport) query.sport = f.sport;
  if (f.category) query.category = f.category;
  if (f.brands.length) query.brand = [...f.brands];
  if (f.size) query.size = f.size;
  if (f.priceMin) query.price_min = f.priceMin;
  if (f.priceMax) query.price_max = f.priceMax;
  if (f.inStock) query.in_stock = true;
  if (ctx.cursor) query.cursor = ctx.cursor;
  return query;
}
