import { describe, expect, it } from "vitest";
import { liveUrl } from "../api/notify";
import { BACKOFF_MAX_MS, InboxLive, backoffDelay, parseLiveMessage, type SocketLike } from "./live";
import { badgeText } from "./Bell";
import { isInternalLink, isWebLink, mergeItems } from "./InboxPage";
import { urlBase64ToBytes } from "./push";

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly ticket: string) {}
  close() {
    this.closed = true;
  }
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function harness(ticketFails: () => boolean = () => false) {
  const sockets: FakeSocket[] = [];
  const timers: { ms: number; fn: () => void }[] = [];
  const messages: unknown[] = [];
  const states: string[] = [];
  let n = 0;
  const live = new InboxLive(
    {
      ticket: async () => {
        if (ticketFails()) throw new Error("503");
        return `t${++n}`;
      },
      open: (t) => {
        const s = new FakeSocket(t);
        sockets.push(s);
        return s;
      },
      setTimeout: (fn, ms) => timers.push({ ms, fn }) - 1,
      clearTimeout: (h) => {
        const t = timers[h as number];
        if (t) t.fn = () => undefined;
      },
      random: () => 0.5,
    },
    (m) => messages.push(m),
    (s) => states.push(s),
  );
  const fire = async () => {
    const t = timers.shift();
    t?.fn();
    await tick();
    return t?.ms;
  };
  return { live, sockets, timers, messages, states, fire };
}

describe("backoff", () => {
  it("doubles from 1 s up to 30 s with jitter", () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(0, () => 0)).toBe(750);
    expect(backoffDelay(0, () => 1)).toBe(1250);
    expect(backoffDelay(100, () => 1)).toBeLessThanOrEqual(BACKOFF_MAX_MS * 1.25);
  });
});

describe("live messages", () => {
  it("accepts item and unread messages only", () => {
    expect(parseLiveMessage('{"kind":"unread","unread":3}')).toEqual({ kind: "unread", unread: 3 });
    const item = { id: "n1", type: "t", title: "T", body: "", link: null, created_at: "", read_at: null };
    expect(parseLiveMessage(JSON.stringify({ kind: "item", item }))).toEqual({ kind: "item", item });
    expect(parseLiveMessage('{"kind":"item"}')).toBeNull();
    expect(parseLiveMessage('{"kind":"unread","unread":"3"}')).toBeNull();
    expect(parseLiveMessage("not json")).toBeNull();
    expect(parseLiveMessage(new ArrayBuffer(2))).toBeNull();
  });

  it("builds the WebSocket URL on the page's host", () => {
    expect(liveUrl({ protocol: "https:", host: "sporthub.example" }, "a b")).toBe(
      "wss://sporthub.example/api/v1/platform/notify/inbox/live?ticket=a%20b",
    );
    expect(liveUrl({ protocol: "http:", host: "127.0.0.1:8080" }, "x")).toBe("ws://127.0.0.1:8080/api/v1/platform/notify/inbox/live?ticket=x");
  });
});

describe("InboxLive", () => {
  it("opens with a fresh ticket and passes messages on", async () => {
    const h = harness();
    h.live.start();
    await tick();
    expect(h.sockets.map((s) => s.ticket)).toEqual(["t1"]);
    h.sockets[0]!.onopen?.({});
    h.sockets[0]!.onmessage?.({ data: '{"kind":"unread","unread":2}' });
    expect(h.messages).toEqual([{ kind: "unread", unread: 2 }]);
    expect(h.states).toEqual(["connecting", "open"]);
  });

  it("reconnects with growing delays and a new ticket each time, resetting after a successful open", async () => {
    const h = harness();
    h.live.start();
    await tick();
    h.sockets[0]!.onclose?.({});
    expect(await h.fire()).toBe(1000);
    h.sockets[1]!.onerror?.({});
    h.sockets[1]!.onclose?.({}); // a second signal for the same drop is ignored
    expect(h.timers).toHaveLength(1);
    expect(await h.fire()).toBe(2000);
    h.sockets[2]!.onopen?.({});
    h.sockets[2]!.onclose?.({});
    expect(await h.fire()).toBe(1000);
    expect(h.sockets.map((s) => s.ticket)).toEqual(["t1", "t2", "t3", "t4"]);
  });

  it("retries when the ticket cannot be had", async () => {
    let fail = true;
    const h = harness(() => fail);
    h.live.start();
    await tick();
    expect(h.sockets).toHaveLength(0);
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    await h.fire();
    expect(h.timers.map((t) => t.ms)).toEqual([2000]);
    fail = false;
    await h.fire();
    expect(h.sockets).toHaveLength(1);
  });

  it("stops for good: closes the socket and ignores late events", async () => {
    const h = harness();
    h.live.start();
    await tick();
    const s = h.sockets[0]!;
    h.live.stop();
    expect(s.closed).toBe(true);
    s.onclose?.({});
    s.onmessage?.({ data: '{"kind":"unread","unread":1}' });
    expect(h.timers).toHaveLength(0);
    expect(h.messages).toEqual([]);
    expect(h.states.at(-1)).toBe("stopped");
  });

  it("reconnects at once when asked during a wait", async () => {
    const h = harness();
    h.live.start();
    await tick();
    h.sockets[0]!.onclose?.({});
    h.live.reconnectNow();
    await tick();
    expect(h.sockets).toHaveLength(2);
  });
});

describe("inbox helpers", () => {
  const item = (id: string) => ({ id, type: "t", title: id, body: "", link: null, created_at: "", read_at: null });
  it("merges pages without duplicates", () => {
    expect(mergeItems([item("a"), item("b")], [item("b"), item("c")]).map((i) => i.id)).toEqual(["a", "b", "c"]);
  });

  it("opens only app paths and http(s) links", () => {
    expect(isInternalLink("/athletes/1")).toBe(true);
    expect(isInternalLink("//evil.example")).toBe(false);
    expect(isWebLink("https://example.com/x")).toBe(true);
    expect(isWebLink("javascript:alert(1)")).toBe(false);
  });

  it("caps the bell's count", () => {
    expect(badgeText(7)).toBe("7");
    expect(badgeText(100)).toBe("99+");
  });
});

describe("push", () => {
  it("decodes a base64url VAPID key", () => {
    expect([...urlBase64ToBytes("AQID_-8")]).toEqual([1, 2, 3, 255, 239]);
    const key = "BNbxGYNMhEIi9zrneh7mqV4oUanjLUK3m-mYZBc62frMKrEoMk88r3Lk596T0ck9xlT-dJQrmo4R-6I2cZ5pQ70";
    expect(urlBase64ToBytes(key)).toHaveLength(65);
  });
});
