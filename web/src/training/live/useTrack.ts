// useTrack keeps a live view open: the owner's through a single-use watch
// ticket, a share link's anonymously. It folds the messages into a
// TrackView and stops reconnecting once the session has ended.
import { useEffect, useReducer, useRef, useState } from "react";
import { ownerLivePath, sharedLivePath, watchTicket, wsUrl, type Session } from "../../api/tracker";
import { LiveSocket, type LiveState, type SocketLike } from "../../lib/liveSocket";
import { EMPTY_TRACK, applyTrack, parseTrackMessage, type TrackMessage, type TrackView } from "./track";

/** TrackSource says whose live view to open. */
export type TrackSource = { kind: "owner"; sessionId: string } | { kind: "share"; token: string };

type Action = { kind: "msg"; msg: TrackMessage } | { kind: "reset"; session: Session | null };

function reducer(view: TrackView, a: Action): TrackView {
  if (a.kind === "reset") {
    return a.session
      ? applyTrack(EMPTY_TRACK, { type: "state", session: a.session, last: a.session.last_point ?? null, totals: a.session.totals ?? null, points: [] })
      : EMPTY_TRACK;
  }
  return applyTrack(view, a.msg);
}

/** useTrack returns the live view of source (null: none) seeded with the session loaded over HTTP. */
export function useTrack(source: TrackSource | null, initial: Session | null): { view: TrackView; state: LiveState } {
  const [view, dispatch] = useReducer(reducer, EMPTY_TRACK);
  const [state, setState] = useState<LiveState>("stopped");
  const key = source ? (source.kind === "owner" ? `o:${source.sessionId}` : `s:${source.token}`) : "";
  const seeded = useRef<string>("");

  useEffect(() => {
    if (initial && seeded.current !== key) {
      seeded.current = key;
      dispatch({ kind: "reset", session: initial });
    } else if (initial) {
      dispatch({ kind: "msg", msg: { type: "state", session: initial, last: initial.last_point ?? null, totals: initial.totals ?? null, points: [] } });
    }
  }, [initial, key]);

  useEffect(() => {
    if (!source) return;
    const path = (ticket: string) => (source.kind === "owner" ? ownerLivePath(source.sessionId, ticket) : sharedLivePath(source.token));
    const conn: LiveSocket<TrackMessage> = new LiveSocket<TrackMessage>(
      {
        ticket: () => (source.kind === "owner" ? watchTicket(source.sessionId).then((r) => r.ticket) : Promise.resolve("")),
        open: (ticket) => new WebSocket(wsUrl(window.location, path(ticket))) as unknown as SocketLike,
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (h) => window.clearTimeout(h as number),
      },
      parseTrackMessage,
      (msg) => {
        dispatch({ kind: "msg", msg });
        if (msg.type === "ended") conn.stop();
      },
      setState,
    );
    conn.start();
    const online = () => conn.reconnectNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      conn.stop();
    };
  }, [key]);

  return { view, state };
}
