// The navigation shell's section table. Every domain of SportHub (Catalog,
// Training, Social, Gear, Promo, Finance, Profile, Admin) plugs in with one
// entry here: its nav label, icon, URL prefix and routes. Only sections that
// exist are listed, so the navigation never shows placeholder pages.
import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import { catalogSection } from "../catalog/section";
import type { MessageKey } from "../i18n/i18n";

/** Section is one top-level area of the app. */
export interface Section {
  /** id is a stable name, also used in data-testid="nav-<id>". */
  id: string;
  /** labelKey is the nav entry's text. */
  labelKey: MessageKey;
  /** path is the URL prefix, e.g. "/catalog"; routes are relative to it. */
  path: string;
  /** icon is a small decorative SVG shown beside the label. */
  icon: ReactNode;
  /** routes are the section's pages. */
  routes: RouteObject[];
}

/** sections lists every section in navigation order; the first is the home page. */
export const sections: readonly Section[] = [catalogSection];
