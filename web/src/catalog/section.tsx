// The Catalog section: product search and product pages.
import type { Section } from "../app/sections";
import { CatalogPage } from "./CatalogPage";
import { ProductPage } from "./ProductPage";

const icon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M7 4V3a5 5 0 0 1 10 0v1h3l1 17H3L4 4h3zm2 0h6V3a3 3 0 0 0-6 0v1zM6 6l-.8 13h13.6L18 6H6z"
    />
  </svg>
);

/** catalogSection is the nav entry and routes of the catalog. */
export const catalogSection: Section = {
  id: "catalog",
  labelKey: "nav.catalog",
  path: "/catalog",
  icon,
  routes: [
    { index: true, element: <CatalogPage /> },
    { path: "products/:id", element: <ProductPage /> },
  ],
};
