// Harness for the end-to-end tests: builds (or takes) the real sporthub
// binary, starts it on a free loopback port with a fresh data directory,
// waits for /readyz, and launches Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

/** Server is a running sporthub process. */
export interface Server {
  baseURL: string;
  /** dataDir is the process's data directory (emails land in dataDir/mail). */
  dataDir: string;
  /** output returns what the process printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

const webDir = fileURLToPath(new URL("..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** sporthubBinary returns SPORTHUB_BIN or builds ../cmd/sporthub into dir. */
export function sporthubBinary(dir: string): string {
  const given = process.env.SPORTHUB_BIN;
  if (given) return resolve(given);
  const out = join(dir, "sporthub");
  const res = spawnSync("go", ["build", "-o", out, "../cmd/sporthub"], {
    cwd: webDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (res.status !== 0) {
    throw new Error(`go build ../cmd/sporthub failed (${res.status ?? res.error?.message}):\n${res.stdout}${res.stderr}`);
  }
  return out;
}

async function waitReady(baseURL: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`sporthub exited (${child.exitCode ?? child.signalCode}) before ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `status ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`sporthub not ready after ${timeoutMs} ms (last: ${last}):\n${output()}`);
}

/** RunCommand runs the binary with the server's environment, e.g. ["admin", "create", ...]. */
export type RunCommand = (args: string[], stdin?: string) => { status: number | null; output: string };

/** StartOptions adjust how the server starts. */
export interface StartOptions {
  /** beforeStart runs first, with the same binary and data directory (e.g. to create an admin). */
  beforeStart?: (run: RunCommand) => void;
}

/** startServer starts the binary with a fresh data dir on a free port and waits until it is ready. */
export async function startServer(options: StartOptions = {}): Promise<Server> {
  const work = mkdtempSync(join(tmpdir(), "sporthub-e2e-"));
  const dataDir = join(work, "data");
  const bin = sporthubBinary(work);
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const env = { ...process.env, SPORTHUB_HTTP_ADDR: addr, SPORTHUB_DATA_DIR: dataDir };
  if (options.beforeStart) {
    options.beforeStart((args, stdin) => {
      const res = spawnSync(bin, args, { cwd: work, env, input: stdin ?? "", encoding: "utf8" });
      return { status: res.status, output: `${res.stdout ?? ""}${res.stderr ?? ""}${res.error ? String(res.error) : ""}` };
    });
  }
  let log = "";
  const child = spawn(bin, [], {
    cwd: work,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const append = (chunk: Buffer) => {
    log += chunk.toString("utf8");
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(work, { recursive: true, force: true });
  };

  const baseURL = `http://${addr}`;
  try {
    await waitReady(baseURL, child, () => log, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseURL, dataDir, output: () => log, stop };
}

/** launchBrowser starts headless Debian Chromium (playwright-core gives it a fresh profile). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
