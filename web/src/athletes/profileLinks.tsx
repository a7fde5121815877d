// Paths the platform's notifications link to (profilesapi templates:
// /profiles/me, /profiles/requests, /profiles/{user_id}) redirect to the
// app's pages, so links in emails, the inbox and push keep working.
import { redirect } from "react-router";
import type { Section } from "../app/sections";

/** profileLinksSection redirects the notification links. */
export const profileLinksSection: Section = {
  id: "profile-links",
  labelKey: "nav.athletes",
  path: "/profiles",
  icon: null,
  nav: false,
  routes: [
    { index: true, loader: () => redirect("/account/profile") },
    { path: "me", loader: () => redirect("/account/profile") },
    { path: "requests", loader: () => redirect("/account/followers") },
    { path: ":id", loader: ({ params }) => redirect(`/athletes/${encodeURIComponent(params.id ?? "")}`) },
  ],
};
