// The live view's model: messages of the tracker's live WebSocket
// ({"type":"state", session} on subscribe and when the status changes,
// {"type":"points", points, totals, auto_paused} as samples arrive,
// {"type":"ended", status}) folded into what the page shows: the session,
// the route so far, the newest point and the totals. Points are
// de-duplicated by time, so a reconnect that resends the last state adds
// nothing twice.
import type { LivePoint, LiveTotals, Session } from "../../api/tracker";
import type { LatLng } from "../polyline";

/** TrackMessage is one message of the live view. */
export type TrackMessage =
  | { type: "state"; session: Session | null; last: LivePoint | null; totals: LiveTotals | null; points: LivePoint[] }
  | { type: "points"; points: LivePoint[]; totals: LiveTotals | null; autoPaused: boolean | null }
  | { type: "ended"; status: string | null; activityId: string | null; session: Session | null };

/** TrackView is what the live page draws. */
export interface TrackView {
  session: Session | null;
  /** points are every point with a time, oldest first. */
  points: LivePoint[];
  route: LatLng[];
  last: LivePoint | null;
  totals: LiveTotals | null;
  ended: boolean;
  activityId: string | null;
}

/** MAX_POINTS bounds the route kept in memory (about 11 hours at 1 Hz). */
export const MAX_POINTS = 40_000;

export const EMPTY_TRACK: TrackView = {
  session: null,
  points: [],
  route: [],
  last: null,
  totals: null,
  ended: false,
  activityId: null,
};

/** pointTime returns a point's time in Unix milliseconds (NaN when unreadable). */
export function pointTime(p: LivePoint | { t: number | string }): number {
  if (typeof p.t === "number") return p.t;
  return Date.parse(p.t);
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function points(v: unknown): LivePoint[] {
  if (!Array.isArray(v)) return [];
  return v.filter((p): p is LivePoint => isObj(p) && (typeof p.t === "number" || typeof p.t === "string"));
}

function point(v: unknown): LivePoint | null {
  return isObj(v) && (typeof v.t === "number" || typeof v.t === "string") ? (v as unknown as LivePoint) : null;
}

function sessionOf(m: Record<string, unknown>): Session | null {
  return isObj(m.session) && typeof m.session.id === "string" ? (m.session as unknown as Session) : null;
}

/** parseTrackMessage reads a WebSocket message; anything unexpected is null. */
export function parseTrackMessage(data: unknown): TrackMessage | null {
  if (typeof data !== "string") return null;
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObj(m)) return null;
  switch (m.type) {
    case "state": {
      const session = sessionOf(m);
      const last = point(session?.last_point);
      const totals = isObj(m.totals) ? (m.totals as unknown as LiveTotals) : (session?.totals ?? null);
      return { type: "state", session, last, totals, points: points(m.points) };
    }
    case "points":
      return {
        type: "points",
        points: points(m.points),
        totals: isObj(m.totals) ? (m.totals as unknown as LiveTotals) : null,
        autoPaused: typeof m.auto_paused === "boolean" ? m.auto_paused : null,
      };
    case "ended":
      return {
        type: "ended",
        status: typeof m.status === "string" ? m.status : null,
        activityId: typeof m.activity_id === "string" ? m.activity_id : null,
        session: sessionOf(m),
      };
    default:
      return null;
  }
}

function merge(existing: LivePoint[], add: LivePoint[]): LivePoint[] {
  if (add.length === 0) return existing;
  const lastT = existing.length ? pointTime(existing[existing.length - 1] as LivePoint) : -Infinity;
  const fresh = add.filter((p) => Number.isFinite(pointTime(p)));
  let out: LivePoint[];
  if (fresh.every((p) => pointTime(p) > lastT)) {
    // The usual case: new points after the last one.
    out = existing.concat([...fresh].sort((a, b) => pointTime(a) - pointTime(b)));
    for (let i = existing.length; i < out.length; i++) {
      if (i > existing.length && pointTime(out[i] as LivePoint) === pointTime(out[i - 1] as LivePoint)) {
        out.splice(i, 1);
        i--;
      }
    }
  } else {
    const byT = new Map<number, LivePoint>();
    for (const p of existing) byT.set(pointTime(p), p);
    for (const p of fresh) byT.set(pointTime(p), { ...byT.get(pointTime(p)), ...p });
    out = [...byT.values()].sort((a, b) => pointTime(a) - pointTime(b));
  }
  return out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out;
}

function routeOf(pts: readonly LivePoint[]): LatLng[] {
  const out: LatLng[] = [];
  for (const p of pts) {
    if (p.lat != null && p.lon != null && Number.isFinite(p.lat) && Number.isFinite(p.lon)) out.push([p.lat, p.lon]);
  }
  return out;
}

/** applyTrack folds one message into the view. */
export function applyTrack(view: TrackView, msg: TrackMessage): TrackView {
  switch (msg.type) {
    case "state": {
      let pts = merge(view.points, msg.points);
      if (msg.last) pts = merge(pts, [msg.last]);
      const status = msg.session?.status;
      const ended = status === "finished" || status === "discarded";
      return {
        ...view,
        session: msg.session ?? view.session,
        points: pts,
        route: pts === view.points ? view.route : routeOf(pts),
        last: pts.at(-1) ?? view.last,
        totals: msg.totals ?? view.totals,
        ended: view.ended || ended,
        activityId: msg.session?.activity_id ?? view.activityId,
      };
    }
    case "points": {
      const pts = merge(view.points, msg.points);
      const session =
        msg.autoPaused !== null && view.session && view.session.auto_paused !== msg.autoPaused
          ? { ...view.session, auto_paused: msg.autoPaused }
          : view.session;
      if (pts === view.points && !msg.totals && session === view.session) return view;
      return {
        ...view,
        session,
        points: pts,
        route: pts === view.points ? view.route : routeOf(pts),
        last: pts.at(-1) ?? view.last,
        totals: msg.totals ?? view.totals,
      };
    }
    case "ended": {
      let session = msg.session ?? view.session;
      if (session && msg.status && (msg.status === "finished" || msg.status === "discarded")) session = { ...session, status: msg.status };
      return {
        ...view,
        session,
        ended: true,
        activityId: msg.activityId ?? msg.session?.activity_id ?? view.activityId,
      };
    }
  }
}

/** lastPosition is the newest point that has a position. */
export function lastPosition(view: TrackView): LatLng | null {
  return view.route.at(-1) ?? null;
}
