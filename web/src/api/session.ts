// The signed-in session as the browser holds it: the access token lives only
// in memory; the refresh token is the HttpOnly `sh_refresh` cookie the API
// sets (Path=/api/v1/user/auth), so scripts never see it. AuthSession
//   - refreshes silently shortly before the access token expires,
//   - refreshes once when an API call answers 401 and repeats the call,
//   - runs one refresh at a time (also across tabs, with the Web Locks API)
//     and shares new tokens and logouts with other tabs (BroadcastChannel).

/** REFRESH_URL is the auth service's token refresh endpoint. */
export const REFRESH_URL = "/api/v1/user/auth/refresh";

/** TokenGrant is the part of the API's Tokens answer the session keeps. */
export interface TokenGrant {
  access_token: string;
  /** expires_in is the access token's lifetime in seconds. */
  expires_in: number;
}

/** refreshDelayMs is how long to wait before refreshing a token that lives expiresIn seconds. */
export function refreshDelayMs(expiresIn: number): number {
  const life = Math.max(0, expiresIn) * 1000;
  // Refresh when 80% of the lifetime has passed, at least 30 s early when the
  // token lives long enough, and never more often than every 5 s.
  const early = Math.min(Math.max(life * 0.2, 30_000), life / 2);
  return Math.max(5_000, Math.round(life - early));
}

/** RETRY_AFTER_FAILURE_MS is the wait after a refresh failed for a network reason. */
export const RETRY_AFTER_FAILURE_MS = 15_000;

/** SessionMessage is what tabs tell each other. */
export type SessionMessage = { kind: "tokens"; grant: TokenGrant } | { kind: "logout" };

/** SessionChannel is the part of BroadcastChannel the session uses. */
export interface SessionChannel {
  postMessage(msg: SessionMessage): void;
  onmessage: ((ev: { data: SessionMessage }) => void) | null;
}

/** HINT_KEY remembers (in localStorage, no secret in it) that this browser signed in, so visitors who never did skip the start-up refresh. */
export const HINT_KEY = "sporthub.signedIn";

/** SessionEnv are the session's outside dependencies (real browser ones by default). */
export interface SessionEnv {
  fetch: typeof fetch;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** withLock runs fn while holding a lock shared by all tabs (or just runs it). */
  withLock: <T>(fn: () => Promise<T>) => Promise<T>;
  channel: SessionChannel | null;
  /** hint is where the signed-in hint is kept (undefined: not available). */
  hint: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined;
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

function browserEnv(): SessionEnv {
  const inBrowser = typeof window !== "undefined";
  const locks = inBrowser && typeof navigator !== "undefined" ? navigator.locks : undefined;
  let channel: SessionChannel | null = null;
  try {
    if (inBrowser && typeof BroadcastChannel !== "undefined") {
      channel = new BroadcastChannel("sporthub-session") as unknown as SessionChannel;
    }
  } catch {
    channel = null;
  }
  return {
    fetch: (input, init) => fetch(input, init),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    // request resolves with the callback's (awaited) result.
    withLock: locks
      ? <T,>(fn: () => Promise<T>) => locks.request("sporthub-refresh", fn) as unknown as Promise<T>
      : (fn) => fn(),
    channel,
    hint: browserStorage(),
  };
}

/** SessionState is whether the session currently holds an access token. */
export type SessionState = "signed-in" | "signed-out";

/** AuthSession holds the access token and keeps it fresh. */
export class AuthSession {
  private token: string | null = null;
  /** version counts token changes, so a refresh can tell a newer token arrived meanwhile. */
  private version = 0;
  private timer: unknown = null;
  private inflight: Promise<boolean> | null = null;
  private listeners = new Set<(state: SessionState) => void>();
  private readonly env: SessionEnv;

  constructor(env: Partial<SessionEnv> = {}) {
    this.env = { ...browserEnv(), ...env };
    if (this.env.channel) {
      this.env.channel.onmessage = (ev) => {
        if (ev.data.kind === "tokens") this.apply(ev.data.grant, false);
        else if (ev.data.kind === "logout") this.clear(false);
      };
    }
  }

  /**
   * mayHaveSession reports whether a start-up refresh can succeed: false
   * only when this browser is known never to have signed in (or signed out
   * since), true when unsure.
   */
  mayHaveSession(): boolean {
    try {
      return !this.env.hint || this.env.hint.getItem(HINT_KEY) === "1";
    } catch {
      return true;
    }
  }

  private setHint(on: boolean) {
    try {
      if (on) this.env.hint?.setItem(HINT_KEY, "1");
      else this.env.hint?.removeItem(HINT_KEY);
    } catch {
      // Storage full or disabled: the start-up refresh simply always runs.
    }
  }

  /** accessToken returns the current access token, if any. */
  accessToken(): string | null {
    return this.token;
  }

  /** subscribe calls fn whenever the session is signed in or out; it returns the unsubscribe function. */
  subscribe(fn: (state: SessionState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** setTokens starts or renews the session with tokens from login, 2FA or refresh. */
  setTokens(grant: TokenGrant): void {
    this.apply(grant, true);
  }

  /** clear ends the session locally (after logout or a refused refresh). */
  clear(broadcast = true): void {
    const had = this.token !== null;
    this.token = null;
    this.version++;
    this.cancelTimer();
    this.setHint(false);
    if (broadcast) this.env.channel?.postMessage({ kind: "logout" });
    if (had) this.emit("signed-out");
  }

  private apply(grant: TokenGrant, broadcast: boolean): void {
    const was = this.token;
    this.token = grant.access_token;
    this.version++;
    this.schedule(refreshDelayMs(grant.expires_in));
    this.setHint(true);
    if (broadcast) this.env.channel?.postMessage({ kind: "tokens", grant });
    if (was === null) this.emit("signed-in");
  }

  private emit(state: SessionState) {
    for (const fn of [...this.listeners]) fn(state);
  }

  private cancelTimer() {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number) {
    this.cancelTimer();
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      void this.refresh().then((ok) => {
        // A network failure keeps the session; try again a little later.
        if (!ok && this.token !== null && this.timer === null) this.schedule(RETRY_AFTER_FAILURE_MS);
      });
    }, ms);
  }

  /**
   * refresh trades the refresh cookie for a new access token. It resolves
   * true on success; false when the API refused (the session is then
   * cleared) or could not be reached (the session is kept).
   */
  refresh(): Promise<boolean> {
    if (this.inflight) return this.inflight;
    const startVersion = this.version;
    this.inflight = this.env
      .withLock(async () => {
        // Another tab (or call) renewed the token while we waited for the lock.
        if (this.version !== startVersion && this.token !== null) return true;
        let res: Response;
        try {
          res = await this.env.fetch(REFRESH_URL, {
            method: "POST",
            credentials: "same-origin",
            headers: { Accept: "application/json", "Content-Type": "application/json" },
            body: "{}",
          });
        } catch {
          return false;
        }
        if (res.ok) {
          const body = (await res.json()) as TokenGrant;
          this.apply(body, true);
          return true;
        }
        if (res.status === 401 || res.status === 403) this.clear();
        return false;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /**
   * fetch calls the API with the access token. When the answer is 401 it
   * refreshes once (unless another call already renewed the token) and
   * repeats the request with the new token.
   */
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const sent = this.token;
    const first = await this.env.fetch(input, withBearer(init, sent));
    if (first.status !== 401 || sent === null) return first;
    const renewed = this.token !== null && this.token !== sent ? true : await this.refresh();
    if (!renewed || this.token === null) return first;
    return this.env.fetch(input, withBearer(init, this.token));
  }
}

/** withBearer returns init with the Authorization header set (when there is a token). */
export function withBearer(init: RequestInit, token: string | null): RequestInit {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return { credentials: "same-origin", ...init, headers };
}

/** session is the app's one session. */
export const session = new AuthSession();
