// Permission names the admin portal checks before showing an action (the
// API checks them again).
export const PERM_USERS_READ = "access.users.read";
export const PERM_USERS_BLOCK = "access.users.block";
export const PERM_USERS_UNLOCK = "access.users.unlock";
export const PERM_ROLES_READ = "access.roles.read";
export const PERM_ROLES_WRITE = "access.roles.write";
export const PERM_GRANTS_WRITE = "access.grants.write";

/** ROLE_NAME_PATTERN is what a new role's name may look like. */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_-]{1,31}$/;

/** checkReason validates the reason staff must give for an action. */
export function checkReason(reason: string): "required" | "too_long" | null {
  const v = reason.trim();
  if (!v) return "required";
  if ([...v].length > 500) return "too_long";
  return null;
}

/** togglePermission adds or removes a permission, keeping the list sorted. */
export function togglePermission(list: readonly string[], perm: string, on: boolean): string[] {
  const set = new Set(list);
  if (on) set.add(perm);
  else set.delete(perm);
  return [...set].sort();
}

/** groupPermissions groups permission names by their service prefix ("access", "catalog", ...). */
export function groupPermissions<P extends { name: string }>(perms: readonly P[]): [string, P[]][] {
  const groups = new Map<string, P[]>();
  for (const p of [...perms].sort((a, b) => a.name.localeCompare(b.name))) {
    const svc = p.name.split(".")[0] ?? p.name;
    const list = groups.get(svc) ?? [];
    list.push(p);
    groups.set(svc, list);
  }
  return [...groups.entries()];
}
