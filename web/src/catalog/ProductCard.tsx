import { Link, useLocation } from "react-router";
import type { ProductSummary } from "../api/catalog";
import { localized } from "../i18n/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { formatMoney } from "../lib/money";

/** StockBadge shows whether a product can be bought now. */
export function StockBadge({ inStock }: { inStock: boolean }) {
  const { t } = useI18n();
  return (
    <span className={inStock ? "badge badge-in" : "badge badge-out"} data-testid="stock-badge">
      {inStock ? t("product.inStock") : t("product.outOfStock")}
    </span>
  );
}

/** ProductCard is one search result. */
export function ProductCard({ product }: { product: ProductSummary }) {
  const { t, lang } = useI18n();
  const location = useLocation();
  const name = localized(product.name, lang);
  return (
    <li className="product-card" data-testid="product-card" data-product-id={product.id}
      data-sports={product.sports.join(" ")}
      data-brand={product.brand.id}
    >
      <Link
        to={`/catalog/products/${encodeURIComponent(product.id)}`}
        state={{ search: location.search }}
        className="product-card-link"
      >
        <img src={product.image_url} alt="" loading="lazy" width="300" height="300" />
        <h2 className="product-card-name">{name}</h2>
      </Link>
      <p className="product-card-brand" data-testid="product-brand">
        {product.brand.name}
      </p>
      <p className="product-card-price" data-testid="product-price">
        {product.price ? formatMoney(product.price, lang) : t("product.noPrice")}
      </p>
      <StockBadge inStock={product.in_stock} />
    </li>
  );
}
