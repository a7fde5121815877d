// The product page (/catalog/products/:id): images, price in the shopper's
// currency, sizes, description, specifications and stock per store.
import { useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import type { Product } from "../api/catalog";
import { ErrorBox } from "../app/ErrorBox";
import { usePreferences } from "../app/preferences";
import { localized } from "../i18n/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { formatMoney } from "../lib/money";
import { useProduct } from "./hooks";
import { StockBadge } from "./ProductCard";
import { specRows } from "./specs";

function Gallery({ product, name }: { product: Product; name: string }) {
  const { t } = useI18n();
  const images = product.images?.length ? product.images : [product.image_url];
  const [current, setCurrent] = useState(0);
  useEffect(() => setCurrent(0), [product.id]);
  const src = images[current] ?? images[0];
  return (
    <section className="gallery" aria-label={t("product.images")}>
      <img className="gallery-main" src={src} alt={t("product.imageAlt", { name, n: current + 1 })} />
      {images.length > 1 && (
        <ul className="gallery-thumbs">
          {images.map((img, i) => (
            <li key={img + i}>
              <button type="button" aria-pressed={i === current} onClick={() => setCurrent(i)}>
                <img src={img} alt={t("product.imageAlt", { name, n: i + 1 })} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StockTable({ product }: { product: Product }) {
  const { t, lang } = useI18n();
  if (!product.stock?.length) return <p>{t("product.stock.empty")}</p>;
  return (
    <table className="stock-table" data-testid="stock" aria-labelledby="stock-heading">
      <thead>
        <tr>
          <th scope="col">{t("product.stock.location")}</th>
          <th scope="col">{t("product.stock.city")}</th>
          <th scope="col">{t("product.stock.quantity")}</th>
        </tr>
      </thead>
      <tbody>
        {product.stock.map((s) => (
          <tr key={s.location.id} data-location-id={s.location.id}>
            <th scope="row">
              {localized(s.location.name, lang)}
              {s.location.kind === "warehouse" && (
                <span className="location-kind"> · {t("location.kind.warehouse")}</span>
              )}
            </th>
            <td>{localized(s.location.city, lang)}</td>
            <td className={s.quantity > 0 ? "qty" : "qty qty-none"}>
              {s.quantity > 0 ? t("product.stock.units", { count: s.quantity }) : t("product.stock.none")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ProductPage shows one product. */
export function ProductPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { currency } = usePreferences();
  const location = useLocation();
  const { product, loading, error, retry } = useProduct(id, currency);
  const backSearch = (location.state as { search?: string } | null)?.search ?? "";
  const name = product ? localized(product.name, lang) : "";

  useEffect(() => {
    document.title = name ? `${name} · ${t("app.name")}` : t("app.name");
  }, [name, t]);

  const rows = specRows(product?.specs, lang);
  const description = product ? localized(product.description, lang) : "";

  return (
    <div className="product-page" aria-busy={loading}>
      <Link className="back-link" to={`/catalog${backSearch}`}>
        ← {t("product.back")}
      </Link>
      {loading && !product && <p role="status">{t("app.loading")}</p>}
      {error != null && <ErrorBox error={error} onRetry={retry} />}
      {product && (
        <article className="product" data-testid="product">
          <Gallery product={product} name={name} />
          <div className="product-info">
            <h1>{name}</h1>
            <dl className="product-meta">
              <dt>{t("product.brand")}</dt>
              <dd data-testid="product-brand">{product.brand.name}</dd>
              <dt>{t("product.category")}</dt>
              <dd>{localized(product.category.name, lang)}</dd>
              <dt>{t("product.sku")}</dt>
              <dd>{product.sku}</dd>
            </dl>
            <p className="product-price">
              <span className="visually-hidden">{t("product.price")}: </span>
              <span data-testid="product-price">
                {product.price ? formatMoney(product.price, lang) : t("product.noPrice")}
              </span>{" "}
              <StockBadge inStock={product.in_stock} />
            </p>
            {product.sizes?.length > 0 && (
              <section aria-labelledby="sizes-heading">
                <h2 id="sizes-heading">{t("product.sizes")}</h2>
                <ul className="sizes" data-testid="sizes">
                  {product.sizes.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
                {product.size_system && (
                  <p className="size-system">{t("product.sizeSystem", { system: product.size_system })}</p>
                )}
              </section>
            )}
            {description && (
              <section aria-labelledby="description-heading">
                <h2 id="description-heading">{t("product.description")}</h2>
                <p className="description">{description}</p>
              </section>
            )}
            {rows.length > 0 && (
              <section aria-labelledby="specs-heading">
                <h2 id="specs-heading">{t("product.specs")}</h2>
                <table className="specs-table" data-testid="specs" aria-labelledby="specs-heading">
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key} data-spec={r.key}>
                        <th scope="row">{r.label}</th>
                        <td>{r.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
            <section aria-labelledby="stock-heading">
              <h2 id="stock-heading">{t("product.stock")}</h2>
              <StockTable product={product} />
            </section>
          </div>
        </article>
      )}
    </div>
  );
}
