// The filter panel of the search page: sport, category, brands, price range,
// size and in-stock, each option with its facet count.
import { useEffect, useState, type FormEvent } from "react";
import type { Facets, FacetValue, Taxonomy } from "../api/catalog";
import { localized } from "../i18n/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { currencySymbol, normalizeAmount, type Currency } from "../lib/money";
import { EMPTY_FILTERS, hasActiveFilters, toggleBrand, type CatalogFilters } from "./filters";

interface Props {
  filters: CatalogFilters;
  facets: Facets | null;
  taxonomy: Taxonomy | null;
  currency: Currency;
  onChange: (next: CatalogFilters) => void;
}

function countsOf(values: FacetValue[] | undefined): Map<string, number> {
  return new Map((values ?? []).map((v) => [v.value, v.count]));
}

/** optionIds lists taxonomy ids plus any facet values and the selection, without duplicates. */
function optionIds(known: string[], facet: FacetValue[] | undefined, selected: string[]): string[] {
  const out = [...known];
  for (const v of [...(facet ?? []).map((f) => f.value), ...selected]) {
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Filters renders the filter controls. */
export function Filters({ filters, facets, taxonomy, currency, onChange }: Props) {
  const { t, lang } = useI18n();
  const [priceMin, setPriceMin] = useState(filters.priceMin);
  const [priceMax, setPriceMax] = useState(filters.priceMax);
  useEffect(() => setPriceMin(filters.priceMin), [filters.priceMin]);
  useEffect(() => setPriceMax(filters.priceMax), [filters.priceMax]);

  const label = (text: string, count: number | undefined) =>
    count === undefined ? text : t("filter.optionCount", { label: text, count });

  const sportCounts = countsOf(facets?.sports);
  const sportName = (id: string) => localized(taxonomy?.sports.find((s) => s.id === id)?.name, lang) || id;
  const sports = optionIds(taxonomy?.sports.map((s) => s.id) ?? [], facets?.sports, [filters.sport]);

  const categoryCounts = countsOf(facets?.categories);
  const categoryName = (id: string) =>
    localized(taxonomy?.categories.find((c) => c.id === id)?.name, lang) || id;
  const knownCategories = (taxonomy?.categories ?? [])
    .filter((c) => !filters.sport || c.sport === filters.sport)
    .map((c) => c.id);
  const categories = optionIds(
    knownCategories,
    facets?.categories.filter((f) => f.count > 0),
    [filters.category],
  );

  const brandCounts = countsOf(facets?.brands);
  const brandName = (id: string) => taxonomy?.brands.find((b) => b.id === id)?.name ?? id;
  const brands = optionIds([], facets?.brands, filters.brands).sort((a, b) =>
    brandName(a).localeCompare(brandName(b), lang),
  );

  const sizeCounts = countsOf(facets?.sizes);
  const sizes = optionIds([], facets?.sizes, [filters.size]);

  const minValid = priceMin === "" || normalizeAmount(priceMin) !== null;
  const maxValid = priceMax === "" || normalizeAmount(priceMax) !== null;
  const applyPrice = (e: FormEvent) => {
    e.preventDefault();
    if (!minValid || !maxValid) return;
    onChange({
      ...filters,
      priceMin: priceMin === "" ? "" : (normalizeAmount(priceMin) ?? ""),
      priceMax: priceMax === "" ? "" : (normalizeAmount(priceMax) ?? ""),
    });
  };

  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="filter-sport">{t("filter.sport")}</label>
        <select
          id="filter-sport"
          value={filters.sport}
          onChange={(e) => onChange({ ...filters, sport: e.target.value, category: "" })}
        >
          <option value="">{t("filter.sport.any")}</option>
          {sports.map((id) => (
            <option key={id} value={id}>
              {label(sportName(id), sportCounts.get(id) ?? (facets ? 0 : undefined))}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor="filter-category">{t("filter.category")}</label>
        <select
          id="filter-category"
          value={filters.category}
          onChange={(e) => onChange({ ...filters, category: e.target.value })}
        >
          <option value="">{t("filter.category.any")}</option>
          {categories.map((id) => (
            <option key={id} value={id}>
              {label(categoryName(id), categoryCounts.get(id) ?? (facets ? 0 : undefined))}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="field brand-list" data-testid="brand-filter">
        <legend>{t("filter.brand")}</legend>
        {brands.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={filters.brands.includes(id)}
              onChange={() => onChange(toggleBrand(filters, id))}
              value={id}
            />
            <span>{label(brandName(id), brandCounts.get(id) ?? (facets ? 0 : undefined))}</span>
          </label>
        ))}
      </fieldset>

      <form className="field price" onSubmit={applyPrice}>
        <fieldset>
          <legend>{t("filter.price", { currency: currencySymbol(currency, lang) })}</legend>
          <div className="price-inputs">
            <label>
              <span className="visually-hidden">{t("filter.price.min")}</span>
              <input
                type="text"
                inputMode="decimal"
                placeholder={t("filter.price.min")}
                value={priceMin}
                aria-invalid={!minValid}
                onChange={(e) => setPriceMin(e.target.value)}
              />
            </label>
            <label>
              <span className="visually-hidden">{t("filter.price.max")}</span>
              <input
                type="text"
                inputMode="decimal"
                placeholder={t("filter.price.max")}
                value={priceMax}
                aria-invalid={!maxValid}
                onChange={(e) => setPriceMax(e.target.value)}
              />
            </label>
          </div>
          <button type="submit" disabled={!minValid || !maxValid}>
            {t("filter.price.apply")}
          </button>
        </fieldset>
      </form>

      <div className="field">
        <label htmlFor="filter-size">{t("filter.size")}</label>
        <select id="filter-size" value={filters.size} onChange={(e) => onChange({ ...filters, size: e.target.value })}>
          <option value="">{t("filter.size.any")}</option>
          {sizes.map((s) => (
            <option key={s} value={s}>
              {label(s, sizeCounts.get(s))}
            </option>
          ))}
        </select>
      </div>

      <label className="check field">
        <input
          type="checkbox"
          checked={filters.inStock}
          onChange={(e) => onChange({ ...filters, inStock: e.target.checked })}
        />
        <span>{t("filter.inStock")}</span>
      </label>

      {hasActiveFilters(filters) && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ ...EMPTY_FILTERS, q: filters.q, sort: filters.sort })}
        >
          {t("catalog.filters.reset")}
        </button>
      )}
    </div>
  );
}
