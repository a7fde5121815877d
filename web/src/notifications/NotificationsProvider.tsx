// Unread count and live inbox items for the whole app: loads the count when
// the user signs in and keeps a live WebSocket open while signed in.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { inboxTicket, liveUrl, unreadCount, type InboxItem, type LiveMessage } from "../api/notify";
import { useAuth } from "../auth/AuthProvider";
import { InboxLive, type LiveState, type SocketLike } from "./live";

/** Notifications is what useNotifications returns. */
export interface Notifications {
  unread: number;
  setUnread: (n: number | ((n: number) => number)) => void;
  live: LiveState;
  /** onItem registers a listener for items arriving live; it returns the unsubscribe function. */
  onItem: (fn: (item: InboxItem) => void) => () => void;
}

const Ctx = createContext<Notifications | null>(null);

/** NotificationsProvider keeps the unread count current. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const [unread, setUnread] = useState(0);
  const [live, setLive] = useState<LiveState>("stopped");
  const listeners = useRef(new Set<(item: InboxItem) => void>());

  useEffect(() => {
    if (status !== "authenticated") {
      setUnread(0);
      return;
    }
    const refreshCount = () => unreadCount().then((r) => setUnread(r.unread), () => undefined);
    const onMessage = (m: LiveMessage) => {
      if (m.kind === "unread") setUnread(m.unread);
      else for (const fn of [...listeners.current]) fn(m.item);
    };
    const conn = new InboxLive(
      {
        ticket: () => inboxTicket().then((r) => r.ticket),
        open: (ticket) => new WebSocket(liveUrl(window.location, ticket)) as unknown as SocketLike,
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (h) => window.clearTimeout(h as number),
      },
      onMessage,
      (s) => {
        setLive(s);
        if (s === "open") void refreshCount();
      },
    );
    void refreshCount();
    conn.start();
    const online = () => conn.reconnectNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      conn.stop();
    };
  }, [status]);

  const onItem = useCallback((fn: (item: InboxItem) => void) => {
    listeners.current.add(fn);
    return () => {
      listeners.current.delete(fn);
    };
  }, []);

  const value = useMemo<Notifications>(() => ({ unread, setUnread, live, onItem }), [unread, live, onItem]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** useNotifications returns the unread count and live item feed. */
export function useNotifications(): Notifications {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("useNotifications outside NotificationsProvider");
  return ctx;
}
