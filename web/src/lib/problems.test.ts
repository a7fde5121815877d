import { describe, expect, it } from "vitest";
import { ProblemError, problemFromResponse, request } from "../api/client";
import { describeProblem, fieldErrors, isProblem, problemKey, retryAfterSeconds } from "./problems";

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  problemFromResponse(
    new Response(JSON.stringify({ status, ...body }), {
      status,
      headers: { "content-type": "application/problem+json", ...headers },
    }),
  ).then((p) => new ProblemError(p));

describe("API error mapping", () => {
  it("maps the login codes to their own messages", async () => {
    expect(describeProblem(await problem(401, { code: "invalid_credentials" }))).toEqual({ key: "problem.invalid_credentials" });
    expect(describeProblem(await problem(403, { code: "email_not_verified" }))).toEqual({ key: "problem.email_not_verified" });
    expect(describeProblem(await problem(403, { code: "user_blocked" }))).toEqual({ key: "problem.user_blocked" });
    expect(describeProblem(await problem(423, { code: "account_locked" }))).toEqual({ key: "problem.account_locked" });
    expect(describeProblem(await problem(401, { code: "invalid_code" }))).toEqual({ key: "problem.invalid_code" });
  });

  it("says how long to wait when the API sends Retry-After", async () => {
    const limited = await problem(429, { code: "too_many_requests" }, { "retry-after": "17" });
    expect(retryAfterSeconds(limited)).toBe(17);
    expect(describeProblem(limited)).toEqual({ key: "problem.too_many_requests.wait", params: { seconds: 17 } });
    const busy = await problem(503, { code: "busy" }, { "retry-after": "2" });
    expect(describeProblem(busy)).toEqual({ key: "problem.busy.wait", params: { seconds: 2 } });
    expect(describeProblem(await problem(503, { code: "busy" }))).toEqual({ key: "problem.busy" });
  });

  it("falls back to the server's detail for unknown codes, and never to prototype names", async () => {
    expect(describeProblem(await problem(409, { code: "role_conflict", detail: "already used" }))).toEqual({ text: "already used" });
    expect(describeProblem(await problem(400, { code: "invalid_or_expired_token" }))).toEqual({ key: "problem.invalid_token" });
    expect(describeProblem(await problem(403, { code: "cannot_block_self" }))).toEqual({ key: "problem.self_action" });
    expect(problemKey(await problem(400, { code: "constructor" }))).toBeNull();
    expect(describeProblem(await problem(418, { title: "Teapot" }))).toEqual({ text: "Teapot" });
    expect(problemKey(await problem(413, {}))).toBe("problem.too_large");
  });

  it("treats anything that is not an API answer as a network failure", () => {
    expect(describeProblem(new TypeError("Failed to fetch"))).toEqual({ key: "error.network" });
    expect(problemKey("x")).toBeNull();
  });

  it("maps field errors to messages, renaming API fields", async () => {
    const err = await problem(400, {
      code: "validation_failed",
      errors: [
        { field: "new_password", code: "too_short", message: "at least 8 characters" },
        { field: "new_password", code: "too_common", message: "too common" },
        { field: "phone", code: "invalid_phone", message: "E.164" },
        { field: "email", code: "weird", message: "the server says no" },
        { code: "orphan" },
      ],
    });
    expect(fieldErrors(err, { new_password: "password" })).toEqual({
      password: { key: "validation.passwordShort", params: { min: 8 } },
      phone: { key: "validation.phone" },
      email: { text: "the server says no" },
    });
    expect(fieldErrors(new Error("x"))).toEqual({});
  });

  it("recognises a problem by status and code", async () => {
    const err = await problem(403, { code: "email_not_verified" });
    expect(isProblem(err, 403)).toBe(true);
    expect(isProblem(err, 403, "email_not_verified")).toBe(true);
    expect(isProblem(err, 403, "user_blocked")).toBe(false);
    expect(isProblem(null, 403)).toBe(false);
  });
});

describe("request", () => {
  it("throws ProblemError with the problem body for failed calls", async () => {
    const real = globalThis.fetch;
    globalThis.fetch = (async () =>
      new Response(JSON.stringify({ status: 423, code: "account_locked", title: "Locked" }), {
        status: 423,
        headers: { "content-type": "application/problem+json" },
      })) as typeof fetch;
    try {
      await expect(request("post", "/api/v1/user/auth/login", { body: { email: "a@b.c" } })).rejects.toMatchObject({
        name: "ProblemError",
        status: 423,
        code: "account_locked",
      });
    } finally {
      globalThis.fetch = real;
    }
  });

  it("sends JSON or raw blobs and returns undefined for empty answers", async () => {
    const real = globalThis.fetch;
    const seen: { method?: string; type: string | null; body: unknown }[] = [];
    globalThis.fetch = (async (_: RequestInfo | URL, init: RequestInit = {}) => {
      seen.push({ method: init.method, type: new Headers(init.headers).get("content-type"), body: init.body });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    try {
      expect(await request("patch", "/p/{id}", { path: { id: "a b" }, body: { x: 1 } })).toBeUndefined();
      const blob = new Blob(["img"], { type: "image/png" });
      await request("put", "/avatar", { body: blob });
      expect(seen[0]).toEqual({ method: "PATCH", type: "application/json", body: '{"x":1}' });
      expect(seen[1]?.type).toBe("image/png");
      expect(seen[1]?.body).toBe(blob);
    } finally {
      globalThis.fetch = real;
    }
  });
});
