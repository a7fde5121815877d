// Athletes: public profiles, reached by links (not in the navigation).
import { redirect } from "react-router";
import type { Section } from "../app/sections";

/** athletesSection holds the public profile pages. */
export const athletesSection: Section = {
  id: "athletes",
  labelKey: "nav.athletes",
  path: "/athletes",
  icon: null,
  nav: false,
  routes: [
    { index: true, loader: () => redirect("/account/profile") },
    { path: ":id", lazy: async () => ({ Component: (await import("./PublicProfilePage")).PublicProfilePage }) },
  ],
};
