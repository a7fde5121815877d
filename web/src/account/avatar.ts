// Client-side checks of an avatar file before upload (the API checks again).

/** AVATAR_TYPES are the image types the API accepts. */
export const AVATAR_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;

/** AVATAR_MAX_BYTES is the largest avatar the API accepts (8 MiB). */
export const AVATAR_MAX_BYTES = 8 * 1024 * 1024;

/** checkAvatarFile returns why a file cannot be an avatar, or null. */
export function checkAvatarFile(file: { type: string; size: number }): "type" | "size" | "empty" | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return "type";
  if (file.size === 0) return "empty";
  if (file.size > AVATAR_MAX_BYTES) return "size";
  return null;
}

/** initials returns up to two letters for an avatar placeholder. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.slice(0, 2).map((p) => [...p][0] ?? "");
  return letters.join("").toUpperCase() || "?";
}
