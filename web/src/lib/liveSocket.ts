// A WebSocket kept open while started: a single-use ticket (fetched with
// the bearer token, or none for anonymous views) opens the socket; when it
// drops, it reconnects with exponential back-off and jitter until stopped.
// Messages pass through a parser; anything it returns null for is ignored.

/** BACKOFF_BASE_MS and BACKOFF_MAX_MS bound the reconnect delay. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** backoffDelay is the wait before reconnect attempt n (0-based): 1 s, 2 s, 4 s ... 30 s, with ±25% jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** SocketLike is the part of WebSocket the connection uses. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number): void;
}

/** LiveDeps are the connection's outside dependencies. */
export interface LiveDeps {
  ticket: () => Promise<string>;
  open: (ticket: string) => SocketLike;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (h: unknown) => void;
  random?: () => number;
}

/** LiveState is the connection's state, for the UI. */
export type LiveState = "connecting" | "open" | "waiting" | "stopped";

/** LiveSocket keeps one live connection open while started. */
export class LiveSocket<M> {
  private socket: SocketLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;
  /** generation invalidates callbacks of connections replaced or stopped. */
  private generation = 0;

  constructor(
    private readonly deps: LiveDeps,
    private readonly parse: (data: unknown) => M | null,
    private readonly onMessage: (m: M) => void,
    private readonly onState: (s: LiveState) => void = () => undefined,
  ) {}

  /** start connects (no-op when already started). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    void this.connect();
  }

  /** stop closes the connection and cancels reconnects. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    if (this.timer !== null) this.deps.clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onerror = null;
      s.onmessage = null;
      s.close(1000);
    }
    this.onState("stopped");
  }

  /** reconnectNow skips the current back-off wait (e.g. when the browser is back online). */
  reconnectNow(): void {
    if (this.stopped || this.timer === null) return;
    this.deps.clearTimeout(this.timer);
    this.timer = null;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.onState("connecting");
    let ticket: string;
    try {
      ticket = await this.deps.ticket();
    } catch {
      if (gen === this.generation && !this.stopped) this.retry();
      return;
    }
    if (gen !== this.generation || this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.deps.open(ticket);
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (gen !== this.generation) return;
      this.attempt = 0;
      this.onState("open");
    };
    socket.onmessage = (ev) => {
      if (gen !== this.generation) return;
      const m = this.parse(ev.data);
      if (m) this.onMessage(m);
    };
    const dropped = () => {
      if (gen !== this.generation || this.stopped) return;
      this.socket = null;
      this.generation++;
      this.retry();
    };
    socket.onclose = dropped;
    socket.onerror = dropped;
  }

  private retry(): void {
    const delay = backoffDelay(this.attempt++, this.deps.random);
    this.onState("waiting");
    this.timer = this.deps.setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }
}
