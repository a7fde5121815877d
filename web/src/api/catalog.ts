// Catalog endpoints and the response types the UI works with, all derived
// from the generated OpenAPI types.
import { apiGet, type OkBody } from "./client";
import type { Currency } from "../lib/money";
import type { paths } from "./schema";

/** SearchResult is the body of GET /api/v1/commerce/products. */
export type SearchResult = OkBody<paths["/api/v1/commerce/products"]["get"]>;
/** SearchQuery are the query parameters of the product search. */
export type SearchQuery = NonNullable<paths["/api/v1/commerce/products"]["get"]["parameters"]["query"]>;
/** ProductSummary is one search hit. */
export type ProductSummary = SearchResult["items"][number];
/** Facets are the per-value counts of a search. */
export type Facets = SearchResult["facets"];
/** FacetValue is one facet entry. */
export type FacetValue = Facets["sports"][number];
/** Product is the full product from GET /api/v1/commerce/products/{id}. */
export type Product = OkBody<paths["/api/v1/commerce/products/{id}"]["get"]>;
/** StockEntry is a product's quantity at one location. */
export type StockEntry = Product["stock"][number];
/** Taxonomy is the body of GET /api/v1/commerce/taxonomy. */
export type Taxonomy = OkBody<paths["/api/v1/commerce/taxonomy"]["get"]>;

/** searchProducts runs a catalog search. */
export function searchProducts(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
  return apiGet("/api/v1/commerce/products", { query, signal });
}

/** getProduct loads one product with prices in currency. */
export function getProduct(id: string, currency: Currency, signal?: AbortSignal): Promise<Product> {
  return apiGet("/api/v1/commerce/products/{id}", { path: { id }, query: { currency }, signal });
}

/** getTaxonomy loads sports, categories, brands, currencies and regions. */
export function getTaxonomy(signal?: AbortSignal): Promise<Taxonomy> {
  return apiGet("/api/v1/commerce/taxonomy", { signal });
}
