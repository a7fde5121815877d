// Notify endpoints (/api/v1/platform/notify): notification types, the inbox
// and its live WebSocket, web push subscriptions. Typed by the generated
// OpenAPI document (schema.d.ts).
import { call } from "./client";
import type { components, operations } from "./schema";

type S = components["schemas"];

/** NOTIFY_BASE is the notify service's path prefix. */
export const NOTIFY_BASE = "/api/v1/platform/notify";

/** NotificationType is one kind of notification the platform sends (channels: its defaults). */
export type NotificationType = S["NotifyType"];
/** Category groups notification types. */
export type Category = NotificationType["category"];
/** InboxItem is one in-app notification. */
export type InboxItem = S["NotifyInboxItem"];
/** InboxPage is one page of the inbox. */
export type InboxPage = S["NotifyInboxPage"];
/** LiveMessage is what the inbox WebSocket sends. */
export type LiveMessage = { kind: "item"; item: InboxItem } | { kind: "unread"; unread: number };

type InboxQuery = NonNullable<operations["listInbox"]["parameters"]["query"]>;

export const listTypes = (signal?: AbortSignal) => call("get", "/api/v1/platform/notify/types", { signal });
export const listInbox = (query: { unread?: boolean; cursor?: string | null; limit?: number }, signal?: AbortSignal) => {
  const q: InboxQuery = { limit: query.limit };
  if (query.unread) q.unread = true;
  if (query.cursor) q.cursor = query.cursor;
  return call("get", "/api/v1/platform/notify/inbox", { query: q, signal });
};
export const unreadCount = (signal?: AbortSignal) => call("get", "/api/v1/platform/notify/inbox/unread-count", { signal });
export const markRead = (id: string) => call("post", "/api/v1/platform/notify/inbox/{id}/read", { path: { id } });
export const markAllRead = () => call("post", "/api/v1/platform/notify/inbox/read-all");
export const inboxTicket = () => call("post", "/api/v1/platform/notify/inbox/ticket");

export const vapidPublicKey = () => call("get", "/api/v1/platform/notify/push/vapid-public-key");
export const addPushSubscription = (body: S["NotifyPushSubscription"]) =>
  call("post", "/api/v1/platform/notify/push/subscriptions", { body });
export const removePushSubscription = (endpoint: string) =>
  call("delete", "/api/v1/platform/notify/push/subscriptions", { body: { endpoint } });

/** liveUrl is the inbox WebSocket's URL for a ticket, on the page's own host. */
export function liveUrl(location: { protocol: string; host: string }, ticket: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${NOTIFY_BASE}/inbox/live?ticket=${encodeURIComponent(ticket)}`;
}
