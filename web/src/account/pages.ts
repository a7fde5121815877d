// The account pages, loaded on first visit to /account (one chunk).
export { AccountLayout } from "./AccountLayout";
export { FollowRequestsPage } from "./FollowRequestsPage";
export { GoalsPage } from "./GoalsPage";
export { PrivacyPage } from "./PrivacyPage";
export { ProfilePage } from "./ProfilePage";
export { SecurityPage } from "./SecurityPage";
export { SettingsPage } from "./SettingsPage";
