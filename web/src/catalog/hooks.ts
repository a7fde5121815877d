// Data hooks of the catalog: taxonomy (loaded once), search with "load more",
// and one product. Each request is aborted when its inputs change.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  getProduct,
  getTaxonomy,
  searchProducts,
  type Facets,
  type Product,
  type ProductSummary,
  type SearchQuery,
  type Taxonomy,
} from "../api/catalog";
import type { Currency } from "../lib/money";

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

let taxonomyPromise: Promise<Taxonomy> | null = null;

function loadTaxonomy(): Promise<Taxonomy> {
  // The taxonomy rarely changes: one request serves every page of the session.
  taxonomyPromise ??= getTaxonomy().catch((err: unknown) => {
    taxonomyPromise = null;
    throw err;
  });
  return taxonomyPromise;
}

/** useTaxonomy returns the taxonomy once loaded (null before, or on failure). */
export function useTaxonomy(): Taxonomy | null {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  useEffect(() => {
    let live = true;
    loadTaxonomy().then(
      (t) => live && setTaxonomy(t),
      () => undefined, // filters fall back to facet values without names
    );
    return () => {
      live = false;
    };
  }, []);
  return taxonomy;
}

/** SearchState is the state of a search and its loaded pages. */
export interface SearchState {
  /** key identifies the search whose results are held (null before the first answer). */
  key: string | null;
  items: ProductSummary[];
  total: number;
  facets: Facets | null;
  nextCursor: string | null;
  loadingMore: boolean;
  error: unknown;
  /** errorKey is the search that failed, if the last attempt failed. */
  errorKey: string | null;
}

const initialSearch: SearchState = {
  key: null,
  items: [],
  total: 0,
  facets: null,
  nextCursor: null,
  loadingMore: false,
  error: null,
  errorKey: null,
};

/**
 * useSearch runs query whenever key changes and can append further pages.
 * loading is derived during render (the held results belong to another key),
 * so it is true from the very first render after the filters change.
 */
export function useSearch(query: SearchQuery, key: string) {
  const [state, setState] = useState<SearchState>(initialSearch);
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    searchProducts(queryRef.current, controller.signal).then(
      (res) =>
        setState({
          key,
          items: res.items,
          total: res.total,
          facets: res.facets,
          nextCursor: res.next_cursor ?? null,
          loadingMore: false,
          error: null,
          errorKey: null,
        }),
      (err: unknown) => {
        if (!isAbort(err)) setState((s) => ({ ...s, loadingMore: false, error: err, errorKey: key }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    const forKey = state.key;
    if (!cursor || state.loadingMore || forKey !== key) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState((s) => ({ ...s, loadingMore: true, error: null, errorKey: null }));
    searchProducts({ ...queryRef.current, cursor }, controller.signal).then(
      (res) =>
        setState((s) =>
          s.key !== forKey
            ? s
            : {
                ...s,
                items: [...s.items, ...res.items.filter((it) => !s.items.some((o) => o.id === it.id))],
                total: res.total,
                nextCursor: res.next_cursor ?? null,
                loadingMore: false,
              },
        ),
      (err: unknown) => {
        if (!isAbort(err)) setState((s) => ({ ...s, loadingMore: false, error: err, errorKey: key }));
      },
    );
  }, [state.nextCursor, state.loadingMore, state.key, key]);

  const retry = useCallback(() => {
    setState((s) => ({ ...s, error: null, errorKey: null }));
    setAttempt((a) => a + 1);
  }, []);
  const failed = state.errorKey === key;
  const loading = state.key !== key && !failed;
  return { ...state, error: failed ? state.error : null, loading, loadMore, retry };
}

/** ProductState is the state of one product request. */
interface ProductState {
  key: string | null;
  product: Product | null;
  error: unknown;
  errorKey: string | null;
}

/** useProduct loads a product with prices in currency. */
export function useProduct(id: string, currency: Currency) {
  const key = `${id}|${currency}`;
  const [state, setState] = useState<ProductState>({ key: null, product: null, error: null, errorKey: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getProduct(id, currency, controller.signal).then(
      (product) => setState({ key, product, error: null, errorKey: null }),
      (err: unknown) => {
        if (!isAbort(err)) setState({ key: null, product: null, error: err, errorKey: key });
      },
    );
    return () => controller.abort();
  }, [id, currency, key, attempt]);
  const retry = useCallback(() => {
    setState((s) => ({ ...s, error: null, errorKey: null }));
    setAttempt((a) => a + 1);
  }, []);
  const failed = state.errorKey === key;
  // While another currency loads, keep showing the same product.
  const product = state.product?.id === id ? state.product : null;
  return { product, loading: state.key !== key && !failed, error: failed ? state.error : null, retry };
}
