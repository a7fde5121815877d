// Notification preferences: the table of types x channels on the settings
// page. The API keeps only overrides; a type's defaults are its channels
// from GET /notify/types, and critical types are always on.
import type { NotificationType } from "../api/notify";
import { CHANNELS, type ChannelPrefs } from "../api/settings";

/** CATEGORY_ORDER is the order groups appear in; unknown categories follow. */
export const CATEGORY_ORDER = ["security", "account", "social", "training", "marketing"] as const;

/** defaultPrefs are a type's channels when the user changed nothing. */
export function defaultPrefs(t: Pick<NotificationType, "channels">): ChannelPrefs {
  return {
    push: t.channels.includes("push"),
    email: t.channels.includes("email"),
    sms: t.channels.includes("sms"),
    in_app: t.channels.includes("in_app"),
  };
}

/** effectivePrefs are the channels a type uses for this user. */
export function effectivePrefs(t: NotificationType, overrides: Record<string, Partial<ChannelPrefs>>): ChannelPrefs {
  const base = defaultPrefs(t);
  if (t.critical) return base;
  const o = overrides[t.type];
  return o ? { ...base, ...pick(o) } : base;
}

function pick(o: Partial<ChannelPrefs>): Partial<ChannelPrefs> {
  const out: Partial<ChannelPrefs> = {};
  for (const c of CHANNELS) if (typeof o[c] === "boolean") out[c] = o[c];
  return out;
}

const same = (a: ChannelPrefs, b: ChannelPrefs) => CHANNELS.every((c) => a[c] === b[c]);

/**
 * overridesToSave is the notifications member of PATCH /settings/me, which
 * merges per type: every type whose chosen channels differ from its
 * defaults gets all four channels; a type that had an override but is back
 * at its defaults gets null (the API drops that override). Critical types
 * are never sent.
 */
export function overridesToSave(
  types: readonly NotificationType[],
  chosen: Record<string, ChannelPrefs>,
  previous: Record<string, Partial<ChannelPrefs>>,
): Record<string, ChannelPrefs | null> {
  const out: Record<string, ChannelPrefs | null> = {};
  for (const t of types) {
    if (t.critical) continue;
    const c = chosen[t.type];
    if (!c) continue;
    if (!same(c, defaultPrefs(t))) out[t.type] = { ...c };
    else if (Object.hasOwn(previous, t.type)) out[t.type] = null;
  }
  return out;
}

/** TypeGroup is one category's types. */
export interface TypeGroup {
  category: string;
  types: NotificationType[];
}

/** groupTypes groups types by category in CATEGORY_ORDER, keeping the API's order inside a group. */
export function groupTypes(types: readonly NotificationType[]): TypeGroup[] {
  const groups = new Map<string, NotificationType[]>();
  for (const t of types) {
    const list = groups.get(t.category) ?? [];
    list.push(t);
    groups.set(t.category, list);
  }
  const rank = (c: string) => {
    const i = (CATEGORY_ORDER as readonly string[]).indexOf(c);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
    .map(([category, list]) => ({ category, types: list }));
}
