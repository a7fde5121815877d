// The navigation shell's section table. Every domain of SportHub (Catalog,
// Training, Social, Gear, Promo, Finance, Profile, Admin) plugs in with one
// entry here: its nav label, icon, URL prefix, who may open it, and routes.
// Only sections that exist are listed, so the navigation never shows
// placeholder pages.
import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import { accountSection } from "../account/section";
import { adminSection } from "../admin/section";
import { profileLinksSection } from "../athletes/profileLinks";
import { athletesSection } from "../athletes/section";
import { authSection } from "../auth/section";
import type { Access } from "../auth/guards";
import { catalogSection } from "../catalog/section";
import type { MessageKey } from "../i18n/i18n";
import { notificationsSection } from "../notifications/section";
import { liveShareSection, trainingSection, watchSection } from "../training/section";

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
  /** access is who may open the section (default public); the router guards it. */
  access?: Access;
  /** nav: false keeps the section out of the main navigation (reached by links). */
  nav?: boolean;
  /** bare: true renders the section without the app frame (header, navigation), e.g. the watch view. */
  bare?: boolean;
}

/** sections lists every section in navigation order; the first is the home page. */
export const sections: readonly Section[] = [
  catalogSection,
  trainingSection,
  accountSection,
  adminSection,
  notificationsSection,
  athletesSection,
  profileLinksSection,
  liveShareSection,
  watchSection,
  authSection,
];
