// The admin portal's pages, loaded on first visit to /admin (one chunk).
export { AdminLayout } from "./AdminLayout";
export { AdminIndex } from "./AdminLayout";
export { RolesPage } from "./RolesPage";
export { UserPage } from "./UserPage";
export { UsersPage } from "./UsersPage";
