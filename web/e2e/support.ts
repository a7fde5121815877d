// Helpers for the account end-to-end tests: RFC 6238 TOTP codes computed
// from the secret the app shows (node:crypto), emails read from the .eml
// files the platform writes under its data directory, and API shortcuts
// for users a test needs but does not drive through the UI.
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** base32Decode decodes RFC 4648 base32 (padding and spaces ignored, case-insensitive). */
export function base32Decode(input: string): Buffer {
  const s = input.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`invalid base32 character ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** hotp is RFC 4226 with HMAC-SHA1 (or another hash for the RFC 6238 vectors). */
export function hotp(key: Buffer, counter: number, digits = 6, hash: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(hash, key).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

/** totp is RFC 6238: the HOTP of the 30-second step of unixSeconds. */
export function totp(secretBase32: string, unixSeconds = Date.now() / 1000, step = 30): string {
  return hotp(base32Decode(secretBase32), Math.floor(unixSeconds / step));
}

/**
 * freshTotp returns a code of a time step not used before (servers refuse
 * a code twice), waiting for the next step when needed, and records it.
 */
export async function freshTotp(secretBase32: string, used: Set<number>): Promise<string> {
  for (;;) {
    const now = Date.now() / 1000;
    const counter = Math.floor(now / 30);
    // Avoid the last two seconds of a step: the code could expire in flight.
    if (!used.has(counter) && now - counter * 30 < 28) {
      used.add(counter);
      return hotp(base32Decode(secretBase32), counter);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** decodeQuotedPrintable decodes a quoted-printable body (soft line breaks and =XX escapes). */
export function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const hex = text.slice(i + 1, i + 3);
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** emailText returns an .eml file's headers and every text part decoded. */
export function emailText(raw: string): { headers: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const decoded = parts.map((part) => {
    const at = part.search(/\r?\n\r?\n/);
    if (at < 0) return part;
    const head = part.slice(0, at).toLowerCase();
    const body = part.slice(at).trim();
    if (head.includes("content-transfer-encoding: quoted-printable")) return decodeQuotedPrintable(body);
    if (head.includes("content-transfer-encoding: base64")) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    return body;
  });
  return { headers, body: decoded.join("\n") };
}

function decodeHeaderWords(h: string): string {
  return h.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

/**
 * waitForLink waits for an email to `to` whose text holds a link to
 * pathPrefix (e.g. "/verify-email?token=") and returns the link's path and
 * query (the platform's public URL is not the test server's).
 */
export async function waitForLink(dataDir: string, to: string, pathPrefix: string, timeoutMs = 30_000): Promise<string> {
  const dir = join(dataDir, "mail");
  const deadline = Date.now() + timeoutMs;
  const escaped = pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`https?://[^\\s"'<>]+?(${escaped}[^\\s"'<>&]*)`);
  let seen: string[] = [];
  while (Date.now() < deadline) {
    try {
      seen = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
    } catch {
      seen = [];
    }
    for (const f of seen.reverse()) {
      const { headers, body } = emailText(readFileSync(join(dir, f), "utf8"));
      const toLine = decodeHeaderWords(headers.split(/\r?\n(?![ \t])/).find((l) => /^to:/i.test(l)) ?? "");
      if (!toLine.toLowerCase().includes(to.toLowerCase())) continue;
      const m = re.exec(body.replace(/&amp;/g, "&"));
      if (m?.[1]) return m[1];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} with a ${pathPrefix} link in ${dir} after ${timeoutMs} ms (files: ${seen.join(", ")})`);
}

async function post(baseURL: string, path: string, body: unknown): Promise<Response> {
  return fetch(baseURL + path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
}

/** registerVerifiedUser registers an account through the API and confirms it with the emailed link. */
export async function registerVerifiedUser(baseURL: string, dataDir: string, email: string, password: string): Promise<void> {
  const reg = await post(baseURL, "/api/v1/user/auth/register", { email, password, language: "ru" });
  if (reg.status !== 202) throw new Error(`register ${email}: ${reg.status} ${await reg.text()}`);
  const link = await waitForLink(dataDir, email, "/verify-email?token=");
  const token = new URL(link, baseURL).searchParams.get("token");
  const ver = await post(baseURL, "/api/v1/user/auth/verify-email", { token });
  if (ver.status !== 200) throw new Error(`verify ${email}: ${ver.status} ${await ver.text()}`);
}

/** uniqueEmail returns an address no other run used. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@example.com`;
}

/** apiLogin logs in through the API (waiting out "busy" and rate-limit answers) and returns the access token. */
export async function apiLogin(baseURL: string, email: string, password: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await post(baseURL, "/api/v1/user/auth/login", { email, password });
    if ((res.status === 503 || res.status === 429) && Date.now() < deadline) {
      const wait = Number(res.headers.get("retry-after") ?? "1");
      await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 1), 10) * 1000));
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: string };
    if (res.status !== 200 || !body.access_token) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }
}
