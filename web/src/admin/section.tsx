// The admin portal: staff only (the router's guard checks /auth/me), users
// and roles. Its pages load on first visit.
import type { ComponentType } from "react";
import type { Section } from "../app/sections";

type Pages = typeof import("./pages");
const page = (name: keyof Pages) => async () => ({ Component: (await import("./pages"))[name] as ComponentType });

const icon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M12 1 3 5v6c0 5.5 3.8 10.7 9 12 5.2-1.3 9-6.5 9-12V5l-9-4zm0 2.2 7 3.1V11c0 4.4-2.9 8.6-7 9.9-4.1-1.3-7-5.5-7-9.9V6.3l7-3.1z" />
  </svg>
);

/** adminSection is the nav entry and routes of the admin portal. */
export const adminSection: Section = {
  id: "admin",
  labelKey: "nav.admin",
  path: "/admin",
  icon,
  access: "staff",
  routes: [
    {
      lazy: page("AdminLayout"),
      children: [
        { index: true, lazy: page("AdminIndex") },
        { path: "users", lazy: page("UsersPage") },
        { path: "users/:id", lazy: page("UserPage") },
        { path: "roles", lazy: page("RolesPage") },
      ],
    },
  ],
};
