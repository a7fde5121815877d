// The inbox's live connection: a single-use ticket (POST /inbox/ticket, with
// the bearer token) opens a WebSocket (/inbox/live?ticket=); when it drops,
// it reconnects with exponential back-off and jitter until stopped.
import type { LiveMessage } from "../api/notify";
import { LiveSocket, type LiveDeps, type LiveState } from "../lib/liveSocket";

export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, type LiveDeps, type LiveState, type SocketLike } from "../lib/liveSocket";

/** parseLiveMessage reads a WebSocket message; anything unexpected is null. */
export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  try {
    const m = JSON.parse(data) as Partial<LiveMessage> & { item?: unknown; unread?: unknown };
    if (m.kind === "unread" && typeof m.unread === "number") return { kind: "unread", unread: m.unread };
    if (m.kind === "item" && m.item && typeof m.item === "object" && typeof (m.item as { id?: unknown }).id === "string") {
      return m as LiveMessage;
    }
  } catch {
    // not JSON
  }
  return null;
}

/** InboxLive keeps the inbox's live connection open while started. */
export class InboxLive extends LiveSocket<LiveMessage> {
  constructor(deps: LiveDeps, onMessage: (m: LiveMessage) => void, onState: (s: LiveState) => void = () => undefined) {
    super(deps, parseLiveMessage, onMessage, onState);
  }
}
