// The catalog search page (/catalog): full-text search, filters, sorting,
// results with "load more". All choices live in the URL query string.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { usePreferences } from "../app/preferences";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { Filters } from "./Filters";
import {
  effectiveSort,
  filtersToSearchParams,
  parseFilters,
  sortChoices,
  toSearchQuery,
  type CatalogFilters,
  type Sort,
} from "./filters";
import { useSearch, useTaxonomy } from "./hooks";
import { ProductCard } from "./ProductCard";

/** CatalogPage is the product search page. */
export function CatalogPage() {
  const { t, tp, lang } = useI18n();
  const { currency } = usePreferences();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const canonical = filtersToSearchParams(filters).toString();
  const query = toSearchQuery(filters, { currency, lang });
  const search = useSearch(query, `${canonical}|${currency}|${lang}`);
  const taxonomy = useTaxonomy();
  const [qInput, setQInput] = useState(filters.q);
  const [filtersOpen, setFiltersOpen] = useState(false);

  useEffect(() => setQInput(filters.q), [filters.q]);

  useEffect(() => {
    document.title = `${t("catalog.title")} · ${t("app.name")}`;
  }, [t]);

  // flushSync: React Router applies navigations in a transition, which would
  // briefly snap controlled checkboxes and selects back to their old value.
  const update = (next: CatalogFilters) => setParams(filtersToSearchParams(next), { flushSync: true });
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    // A new query resets an explicit relevance/other sort only if it no longer applies.
    const next = { ...filters, q: qInput.trim() };
    if (next.sort === "relevance" && !next.q) next.sort = "";
    update(next);
  };

  const sort = effectiveSort(filters);
  const busy = search.loading || search.loadingMore;

  return (
    <div className="catalog">
      <h1 className="visually-hidden">{t("catalog.title")}</h1>
      <form role="search" className="search-bar" onSubmit={submitSearch}>
        <label htmlFor="catalog-q" className="visually-hidden">
          {t("catalog.search.label")}
        </label>
        <input
          id="catalog-q"
          type="search"
          name="q"
          value={qInput}
          placeholder={t("catalog.search.placeholder")}
          onChange={(e) => setQInput(e.target.value)}
          autoComplete="off"
          maxLength={200}
        />
        <button type="submit">{t("catalog.search.submit")}</button>
      </form>

      <div className="catalog-body">
        <aside className="catalog-filters" aria-labelledby="filters-heading">
          <h2 id="filters-heading" className="filters-heading">
            <button
              type="button"
              className="filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls="filters-panel"
              onClick={() => setFiltersOpen((o) => !o)}
            >
              {t("catalog.filters.title")}
            </button>
            <span className="filters-title">{t("catalog.filters.title")}</span>
          </h2>
          <div id="filters-panel" className={filtersOpen ? "filters-panel open" : "filters-panel"}>
            <Filters
              filters={filters}
              facets={search.facets}
              taxonomy={taxonomy}
              currency={currency}
              onChange={update}
            />
          </div>
        </aside>

        <section className="catalog-results" aria-labelledby="results-heading" aria-busy={busy}>
          <div className="results-toolbar">
            <h2 id="results-heading" className="results-total" data-testid="results-total" aria-live="polite">
              {search.loading && search.items.length === 0 ? t("app.loading") : tp("catalog.total", search.total)}
            </h2>
            <label className="sort">
              <span>{t("sort.label")}</span>
              <select
                value={sort}
                onChange={(e) => update({ ...filters, sort: e.target.value as Sort })}
                data-testid="sort"
              >
                {sortChoices(filters).map((s) => (
                  <option key={s} value={s}>
                    {t(`sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {search.error != null && <ErrorBox error={search.error} onRetry={search.retry} />}

          {!search.loading && !search.error && search.items.length === 0 && (
            <p className="empty" data-testid="results-empty">
              {t("catalog.empty")}
            </p>
          )}

          <ul className={search.loading ? "product-grid stale" : "product-grid"} data-testid="results">
            {search.items.map((p) => (
              <ProductCard key={p.id} product={p} />
            ))}
          </ul>

          {search.items.length > 0 && (
            <div className="load-more">
              <p>{t("catalog.shown", { shown: search.items.length, total: search.total })}</p>
              {search.nextCursor && (
                <button type="button" onClick={search.loadMore} disabled={busy} data-testid="load-more">
                  {search.loadingMore ? t("app.loading") : t("catalog.loadMore")}
                </button>
              )}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
