// Tracker endpoints (/api/v1/training/tracker): live sessions, share links,
// the live view's WebSocket, safety settings, activities with their streams,
// route and exports, and the glance for watch widgets.
import { ProblemError, apiGet, call, problemFromResponse } from "./client";
import type { components, operations } from "./schema";
import { session } from "./session";

/** TRACKER_BASE is the tracker service's path prefix. */
export const TRACKER_BASE = "/api/v1/training/tracker";

type S = components["schemas"];

/** Visibility is who may see an activity. */
export type Visibility = S["TrackerActivity"]["visibility"];
/** Split is one kilometre, mile or lap of an activity's analysis. */
export type Split = S["TrackerSplit"];
/** Zones are zone lower bounds (zones 2..n) and the seconds spent in each zone. */
export type Zones = S["TrackerZones"];
/** Effort is the fastest stretch of a standard distance within an activity. */
export type Effort = S["TrackerEffort"];
/** Analysis is everything computed about one activity. */
export type Analysis = S["TrackerAnalysis"];
/** Hidden names what privacy hides from the viewer. */
export type Hidden = S["TrackerActivity"]["hidden"];
/** ActivitySummary is an activity in a list. */
export type ActivitySummary = S["TrackerActivitySummary"];
/** Activity is one activity with its analysis, filtered by the viewer's rights. */
export type Activity = S["TrackerActivity"];
/** ActivityPage is one page of an activity list. */
export type ActivityPage = S["TrackerActivityPage"];
/** ActivityQuery filters the activity list. */
export type ActivityQuery = NonNullable<operations["listActivities"]["parameters"]["query"]>;
/** ActivityPatch changes an activity's editable fields (absent keeps; null clears description and gear). */
export type ActivityPatch = S["TrackerActivityPatch"];
/** Streams are an activity's samples, one array per channel (null where the channel has no value). */
export type Streams = S["TrackerStreams"];
/** SessionStatus is where a live session is. */
export type SessionStatus = S["TrackerSession"]["status"];
/** LivePoint is one live sample as viewers see it (t: Unix milliseconds; hidden channels null). */
export type LivePoint = S["TrackerPoint"];
/** LiveTotals are a session's running totals (distance and moving time null when pace is hidden). */
export type LiveTotals = S["TrackerTotals"];
/** Session is a live tracking session as its owner or a viewer sees it. */
export type Session = S["TrackerSession"];
/** FinishResult answers finishing a session. */
export type FinishResult = S["TrackerFinishResult"];
/** Share is a share link of a live session; token and url come only with the answer that created it. */
export type Share = S["TrackerShare"];
/** Safety are the athlete's safety settings. */
export type Safety = S["TrackerSafety"];
/** Glance is the compact view for watches and widgets. */
export type Glance = S["TrackerGlance"];

export const listActivities = (query: ActivityQuery, signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/activities", { query, signal });
export const getActivity = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/activities/{id}", { path: { id }, signal });
export const updateActivity = (id: string, body: ActivityPatch) =>
  call("patch", "/api/v1/training/tracker/activities/{id}", { path: { id }, body });
export const deleteActivity = (id: string) => call("delete", "/api/v1/training/tracker/activities/{id}", { path: { id } });
export const getStreams = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/activities/{id}/streams", { path: { id }, signal });
export const recomputeActivity = (id: string) =>
  call("post", "/api/v1/training/tracker/activities/{id}/recompute", { path: { id } });

/** ExportFormat is a file format an activity exports to. */
export type ExportFormat = "fit" | "gpx" | "tcx";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["fit", "gpx", "tcx"];

/** exportActivity downloads an activity's file (the call needs the token, so no plain link). */
export async function exportActivity(id: string, format: ExportFormat): Promise<{ blob: Blob; filename: string }> {
  const url = `${TRACKER_BASE}/activities/${encodeURIComponent(id)}/export?format=${format}`;
  const res = await session.fetch(url, { method: "GET" });
  if (!res.ok) throw new ProblemError(await problemFromResponse(res));
  const disposition = res.headers.get("content-disposition") ?? "";
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const filename = m?.[1] ? decodeURIComponent(m[1]) : `activity-${id}.${format}`;
  return { blob: await res.blob(), filename };
}

export const startSession = (body: S["TrackerStartSession"]) => call("post", "/api/v1/training/tracker/sessions", { body });
/** currentSession is the caller's active or paused session, or null. */
export async function currentSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await call("get", "/api/v1/training/tracker/sessions/current", { signal });
  } catch (err) {
    if (err instanceof ProblemError && err.status === 404) return null;
    throw err;
  }
}
export const getSession = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/sessions/{id}", { path: { id }, signal });

/** SessionAction is an owner's command on a live session. */
export type SessionAction = "pause" | "resume" | "finish" | "discard";
export const pauseSession = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/pause", { path: { id } });
export const resumeSession = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/resume", { path: { id } });
export const finishSession = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/finish", { path: { id } });
export const discardSession = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/discard", { path: { id } });
export const sendSos = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/sos", { path: { id } });
export const watchTicket = (id: string) => call("post", "/api/v1/training/tracker/sessions/{id}/watch-tickets", { path: { id } });
export const createShare = (id: string, expiresInS: number) =>
  call("post", "/api/v1/training/tracker/sessions/{id}/shares", { path: { id }, body: { expires_in_s: expiresInS } });
export const listShares = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/sessions/{id}/shares", { path: { id }, signal }).then((r) => r.items ?? []);
export const deleteShare = (id: string, shareId: string) =>
  call("delete", "/api/v1/training/tracker/sessions/{id}/shares/{share_id}", { path: { id, share_id: shareId } });

/** sharedSession loads a session by its share token, anonymously. */
export const sharedSession = (token: string, signal?: AbortSignal) =>
  apiGet("/api/v1/training/tracker/shared/{token}", { path: { token }, signal });

/** wsUrl turns an API path into a WebSocket URL on the page's own host. */
export function wsUrl(location: { protocol: string; host: string }, path: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}
/** ownerLivePath is the owner's live WebSocket path for a ticket. */
export const ownerLivePath = (sessionId: string, ticket: string) =>
  `${TRACKER_BASE}/sessions/${encodeURIComponent(sessionId)}/live?ticket=${encodeURIComponent(ticket)}`;
/** sharedLivePath is a share link's live WebSocket path. */
export const sharedLivePath = (token: string) => `${TRACKER_BASE}/shared/${encodeURIComponent(token)}/live`;

export const getSafety = (signal?: AbortSignal) => call("get", "/api/v1/training/tracker/me/safety", { signal });
export const putSafety = (body: S["TrackerSafetyInput"]) => call("put", "/api/v1/training/tracker/me/safety", { body });

/** localTimeZone is the browser's IANA time zone (the glance counts "today" in it). */
export function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
export const getGlance = (signal?: AbortSignal) =>
  call("get", "/api/v1/training/tracker/glance", { query: { tz: localTimeZone() }, signal });
