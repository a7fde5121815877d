// The Account section: the signed-in user's profile, privacy, goals,
// follow requests, security and settings. Its pages load on first visit.
import type { ComponentType } from "react";
import { redirect } from "react-router";
import type { Section } from "../app/sections";

type Pages = typeof import("./pages");
const page = (name: keyof Pages) => async () => ({ Component: (await import("./pages"))[name] as ComponentType });

const icon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0-2a3 3 0 1 1 0-6 3 3 0 0 1 0 6zm-8 12c0-4 3.6-7 8-7s8 3 8 7h-2c0-2.8-2.7-5-6-5s-6 2.2-6 5H4z" />
  </svg>
);

/** accountSection is the nav entry and routes of the account area. */
export const accountSection: Section = {
  id: "account",
  labelKey: "nav.account",
  path: "/account",
  icon,
  access: "user",
  routes: [
    {
      lazy: page("AccountLayout"),
      children: [
        // A loader (not <Navigate>) redirects on every visit, even a repeated one.
        { index: true, loader: () => redirect("/account/profile") },
        { path: "profile", lazy: page("ProfilePage") },
        { path: "privacy", lazy: page("PrivacyPage") },
        { path: "goals", lazy: page("GoalsPage") },
        { path: "followers", lazy: page("FollowRequestsPage") },
        { path: "security", lazy: page("SecurityPage") },
        { path: "settings", lazy: page("SettingsPage") },
      ],
    },
  ],
};
