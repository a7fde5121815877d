// Notifications: the inbox, opened from the header's bell (loads on first visit).
import type { Section } from "../app/sections";

/** notificationsSection holds the inbox page. */
export const notificationsSection: Section = {
  id: "notifications",
  labelKey: "notifications.title",
  path: "/notifications",
  icon: null,
  access: "user",
  nav: false,
  routes: [{ index: true, lazy: async () => ({ Component: (await import("./InboxPage")).InboxPage }) }],
};
