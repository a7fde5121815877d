// The Training section: activities (list, upload, activity pages), live
// tracking, progress, devices and safety settings for the signed-in
// athlete; plus the share-link live view (/live/<token>, no login) and
// the watch-sized glance (/watch). Pages load on first visit.
import type { ComponentType } from "react";
import type { Section } from "../app/sections";

type Pages = typeof import("./pages");
const page = (name: keyof Pages) => async () => ({ Component: (await import("./pages"))[name] as ComponentType });

const icon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M13.5 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9.8 8.9 7 23h2.1l1.8-8 2.1 2v6h2v-7.5l-2.1-2 .6-3A7.3 7.3 0 0 0 19 13v-2a5.2 5.2 0 0 1-4.4-2.4l-1-1.6a2 2 0 0 0-1.7-1c-.3 0-.5 0-.8.1L6 8.3V13h2V9.6l1.8-.7" />
  </svg>
);

/** trainingSection is the nav entry and routes of the training area. */
export const trainingSection: Section = {
  id: "training",
  labelKey: "nav.training",
  path: "/training",
  icon,
  access: "user",
  routes: [
    {
      lazy: page("TrainingLayout"),
      children: [
        { index: true, lazy: page("ActivitiesPage") },
        { path: "upload", lazy: page("UploadPage") },
        { path: "activities/:id", lazy: page("ActivityPage") },
        { path: "live", lazy: page("LivePage") },
        { path: "progress", lazy: page("ProgressPage") },
        { path: "devices", lazy: page("DevicesPage") },
        { path: "safety", lazy: page("SafetyPage") },
      ],
    },
  ],
};

/** liveShareSection is the public live view of a share link. */
export const liveShareSection: Section = {
  id: "live-share",
  labelKey: "nav.liveShare",
  path: "/live",
  icon,
  nav: false,
  routes: [{ path: ":token", lazy: page("SharedLivePage") }],
};

/** watchSection is the watch-sized glance. */
export const watchSection: Section = {
  id: "watch",
  labelKey: "nav.watch",
  path: "/watch",
  icon,
  access: "user",
  nav: false,
  bare: true,
  routes: [{ index: true, lazy: page("WatchPage") }],
};
