// Admin access endpoints (/api/v1/admin/access): roles, permissions, users,
// grants, blocks and unlocks. Every call is permission-checked by the API.
// Typed by the generated OpenAPI document (schema.d.ts).
import { call } from "./client";
import type { components, operations } from "./schema";

type S = components["schemas"];

/** PermissionInfo is one permission with its description in both languages. */
export type PermissionInfo = S["AccessPermission"];
/** Role is a named set of permissions. */
export type Role = S["AccessRole"];
/** UserSummary is one row of the users list (roles start with the implicit athlete). */
export type UserSummary = S["AccessUserSummary"];
/** UserDetail is a user with 2FA state and the latest staff actions. */
export type UserDetail = S["AccessUserDetail"];
/** StaffAction is one entry of a user's staff action history. */
export type StaffAction = S["AccessStaffAction"];
/** UserQuery are the users list's filters. */
export type UserQuery = NonNullable<operations["searchUsers"]["parameters"]["query"]>;
/** UserStatus filters the users list. */
export type UserStatus = NonNullable<UserQuery["status"]>;

export const listPermissions = (signal?: AbortSignal) => call("get", "/api/v1/admin/access/permissions", { signal });
export const listRoles = (signal?: AbortSignal) => call("get", "/api/v1/admin/access/roles", { signal });
export const saveRole = (name: string, body: S["AccessRoleInput"]) =>
  call("put", "/api/v1/admin/access/roles/{name}", { path: { name }, body });
export const deleteRole = (name: string, reason: string) =>
  call("delete", "/api/v1/admin/access/roles/{name}", { path: { name }, query: { reason } });

export const listUsers = (query: UserQuery, signal?: AbortSignal) =>
  call("get", "/api/v1/admin/access/users", { query, signal });
export const getUser = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/admin/access/users/{id}", { path: { id }, signal });
export const setUserRoles = (id: string, roles: string[], reason: string) =>
  call("put", "/api/v1/admin/access/users/{id}/roles", { path: { id }, body: { roles, reason } });
export const blockUser = (id: string, reason: string) =>
  call("post", "/api/v1/admin/access/users/{id}/block", { path: { id }, body: { reason } });
export const unblockUser = (id: string, reason: string) =>
  call("post", "/api/v1/admin/access/users/{id}/unblock", { path: { id }, body: { reason } });
export const unlockUser = (id: string, reason: string) =>
  call("post", "/api/v1/admin/access/users/{id}/unlock", { path: { id }, body: { reason } });
