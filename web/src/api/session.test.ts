import { describe, expect, it } from "vitest";
import { AuthSession, REFRESH_URL, RETRY_AFTER_FAILURE_MS, refreshDelayMs, type SessionChannel, type SessionMessage } from "./session";

/** A manual clock: timers run only when advanced. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout: (fn: () => void, ms: number) => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers.entries()].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
      // let promise chains started by timers settle
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A scripted API: records calls and answers with the handler. */
function fakeApi(handler: Handler) {
  const calls: { url: string; auth: string | null; method: string }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, auth: new Headers(init.headers).get("Authorization"), method: init.method ?? "GET" });
    return handler(url, init);
  }) as typeof fetch;
  return { calls, fetch: fetchFn };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const tokens = (access: string, expiresIn = 600) => json(200, { access_token: access, expires_in: expiresIn, token_type: "Bearer" });

function session(handler: Handler, extra: Partial<ConstructorParameters<typeof AuthSession>[0]> = {}) {
  const timers = manualTimers();
  const api = fakeApi(handler);
  const s = new AuthSession({
    fetch: api.fetch,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    withLock: (fn) => fn(),
    channel: null,
    hint: undefined,
    ...extra,
  });
  return { s, timers, api };
}

describe("refreshDelayMs", () => {
  it("refreshes a 10-minute token two minutes early, and short tokens halfway", () => {
    expect(refreshDelayMs(600)).toBe(480_000);
    expect(refreshDelayMs(3600)).toBe(2_880_000);
    expect(refreshDelayMs(60)).toBe(30_000);
    expect(refreshDelayMs(20)).toBe(10_000);
  });

  it("never schedules sooner than 5 s", () => {
    expect(refreshDelayMs(4)).toBe(5_000);
    expect(refreshDelayMs(0)).toBe(5_000);
    expect(refreshDelayMs(-3)).toBe(5_000);
  });
});

describe("AuthSession", () => {
  it("refreshes silently before the token expires and keeps doing so", async () => {
    let n = 0;
    const { s, timers, api } = session((url) => (url === REFRESH_URL ? tokens(`t${++n}`) : json(200, {})));
    s.setTokens({ access_token: "t0", expires_in: 600 });
    expect(timers.pending()).toEqual([480_000]);
    await timers.advance(479_999);
    expect(api.calls).toHaveLength(0);
    await timers.advance(1);
    expect(api.calls.map((c) => [c.url, c.method])).toEqual([[REFRESH_URL, "POST"]]);
    expect(s.accessToken()).toBe("t1");
    expect(timers.pending()).toEqual([480_000]);
    await timers.advance(480_000);
    expect(s.accessToken()).toBe("t2");
  });

  it("sends the refresh with the cookie (same-origin credentials) and no bearer token", async () => {
    let init: RequestInit = {};
    const { s } = session((url, i) => {
      init = i;
      return url === REFRESH_URL ? tokens("fresh") : json(200, {});
    });
    expect(await s.refresh()).toBe(true);
    expect(init.credentials).toBe("same-origin");
    expect(new Headers(init.headers).has("Authorization")).toBe(false);
  });

  it("signs out when the refresh is refused", async () => {
    const { s, timers } = session(() => json(401, { code: "invalid_refresh_token" }));
    const states: string[] = [];
    s.subscribe((st) => states.push(st));
    s.setTokens({ access_token: "t0", expires_in: 600 });
    await timers.advance(480_000);
    expect(s.accessToken()).toBeNull();
    expect(states).toEqual(["signed-in", "signed-out"]);
    expect(timers.pending()).toEqual([]);
  });

  it("keeps the session and retries later when the network fails", async () => {
    let fail = true;
    const { s, timers } = session(() => {
      if (fail) throw new TypeError("offline");
      return tokens("t1");
    });
    s.setTokens({ access_token: "t0", expires_in: 600 });
    await timers.advance(480_000);
    expect(s.accessToken()).toBe("t0");
    expect(timers.pending()).toEqual([RETRY_AFTER_FAILURE_MS]);
    fail = false;
    await timers.advance(RETRY_AFTER_FAILURE_MS);
    expect(s.accessToken()).toBe("t1");
  });

  it("attaches the bearer token, refreshes once on 401 and repeats the call", async () => {
    const { s, api } = session((url, init) => {
      if (url === REFRESH_URL) return tokens("new");
      return new Headers(init.headers).get("Authorization") === "Bearer new" ? json(200, { ok: true }) : json(401, {});
    });
    s.setTokens({ access_token: "old", expires_in: 600 });
    const res = await s.fetch("/api/v1/user/auth/me");
    expect(res.status).toBe(200);
    expect(api.calls.map((c) => `${c.url} ${c.auth}`)).toEqual([
      "/api/v1/user/auth/me Bearer old",
      `${REFRESH_URL} null`,
      "/api/v1/user/auth/me Bearer new",
    ]);
  });

  it("does not loop: a second 401 after the refresh is returned to the caller", async () => {
    const { s, api } = session((url) => (url === REFRESH_URL ? tokens("new") : json(401, {})));
    s.setTokens({ access_token: "old", expires_in: 600 });
    const res = await s.fetch("/x");
    expect(res.status).toBe(401);
    expect(api.calls.filter((c) => c.url === REFRESH_URL)).toHaveLength(1);
    expect(api.calls).toHaveLength(3);
  });

  it("shares one refresh between concurrent 401 answers", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { s, api } = session(async (url, init) => {
      if (url === REFRESH_URL) {
        await gate;
        return tokens("new");
      }
      return new Headers(init.headers).get("Authorization") === "Bearer new" ? json(200, {}) : json(401, {});
    });
    s.setTokens({ access_token: "old", expires_in: 600 });
    const all = Promise.all([s.fetch("/a"), s.fetch("/b"), s.fetch("/c")]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    const answers = await all;
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(api.calls.filter((c) => c.url === REFRESH_URL)).toHaveLength(1);
  });

  it("does not refresh anonymous calls", async () => {
    const { s, api } = session(() => json(401, {}));
    const res = await s.fetch("/x");
    expect(res.status).toBe(401);
    expect(api.calls).toEqual([{ url: "/x", auth: null, method: "GET" }]);
  });

  it("shares new tokens and logouts with other tabs", async () => {
    const sent: SessionMessage[] = [];
    const channel: SessionChannel = { postMessage: (m) => sent.push(m), onmessage: null };
    const { s, timers } = session(() => tokens("x"), { channel });
    s.setTokens({ access_token: "mine", expires_in: 600 });
    expect(sent).toEqual([{ kind: "tokens", grant: { access_token: "mine", expires_in: 600 } }]);

    channel.onmessage?.({ data: { kind: "tokens", grant: { access_token: "theirs", expires_in: 300 } } });
    expect(s.accessToken()).toBe("theirs");
    expect(timers.pending()).toEqual([240_000]);
    expect(sent).toHaveLength(1); // adopting a token is not echoed

    channel.onmessage?.({ data: { kind: "logout" } });
    expect(s.accessToken()).toBeNull();
    expect(timers.pending()).toEqual([]);
    s.clear();
    expect(sent.at(-1)).toEqual({ kind: "logout" });
  });

  it("skips its own refresh when another tab renewed the token while it waited for the lock", async () => {
    let unlock: () => void = () => undefined;
    const lock = new Promise<void>((r) => (unlock = r));
    const { s, api } = session(() => tokens("mine"), {
      withLock: async (fn) => {
        await lock;
        return fn();
      },
    });
    s.setTokens({ access_token: "t0", expires_in: 600 });
    const pending = s.refresh();
    s.setTokens({ access_token: "from-other-tab", expires_in: 600 });
    unlock();
    expect(await pending).toBe(true);
    expect(api.calls).toHaveLength(0);
    expect(s.accessToken()).toBe("from-other-tab");
  });

  it("remembers whether this browser signed in, so visitors skip the start-up refresh", async () => {
    const data = new Map<string, string>();
    const hint = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const { s } = session(() => json(401, {}), { hint });
    expect(s.mayHaveSession()).toBe(false);
    s.setTokens({ access_token: "t", expires_in: 600 });
    expect(s.mayHaveSession()).toBe(true);
    expect(await s.refresh()).toBe(false); // refused: signed out
    expect(s.mayHaveSession()).toBe(false);
    // Without storage the session cannot know, so it tries.
    expect(session(() => json(401, {})).s.mayHaveSession()).toBe(true);
  });
});
