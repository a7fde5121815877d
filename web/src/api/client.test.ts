import { describe, expect, expectTypeOf, it } from "vitest";
import { ProblemError, buildUrl, problemFromResponse, type JsonBodyOf, type PathFor, type ResultOf } from "./client";
import type { components, operations } from "./schema";

describe("buildUrl", () => {
  it("fills path parameters and repeats array query parameters", () => {
    expect(
      buildUrl("/api/v1/commerce/products/{id}", { id: "prd 1/2" }, { currency: "EUR", brand: ["a", "b"], q: "", x: undefined }),
    ).toBe("/api/v1/commerce/products/prd%201%2F2?currency=EUR&brand=a&brand=b");
    expect(buildUrl("/api/v1/commerce/taxonomy")).toBe("/api/v1/commerce/taxonomy");
    expect(buildUrl("/p", undefined, { in_stock: true, limit: 24 })).toBe("/p?in_stock=true&limit=24");
  });

  it("refuses a missing path parameter", () => {
    expect(() => buildUrl("/products/{id}", {})).toThrow(/missing path parameter id/);
  });
});

describe("problemFromResponse", () => {
  it("reads an RFC 9457 body", async () => {
    const body = {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "invalid query parameters",
      code: "validation_failed",
      errors: [{ field: "limit", code: "out_of_range", message: "limit must be 1..100" }],
    };
    const res = new Response(JSON.stringify(body), {
      status: 400,
      headers: { "content-type": "application/problem+json" },
    });
    const err = new ProblemError(await problemFromResponse(res));
    expect(err.status).toBe(400);
    expect(err.code).toBe("validation_failed");
    expect(err.message).toBe("invalid query parameters");
    expect(err.problem.errors?.[0]?.field).toBe("limit");
  });

  it("synthesizes a problem for non-JSON answers", async () => {
    const res = new Response("upstream down", { status: 502, statusText: "Bad Gateway" });
    const p = await problemFromResponse(res);
    expect(p).toEqual({ status: 502, title: "Bad Gateway" });
  });
});

describe("typed calls", () => {
  it("take bodies, parameters and results from the OpenAPI document", () => {
    type Login = operations["login"];
    expectTypeOf<JsonBodyOf<Login>>().toEqualTypeOf<components["schemas"]["AuthLoginInput"]>();
    expectTypeOf<ResultOf<Login>>().toEqualTypeOf<components["schemas"]["AuthLoginResult"]>();
    // No body, no content: 204 answers resolve to undefined.
    expectTypeOf<JsonBodyOf<operations["logout"]>>().toBeNever();
    expectTypeOf<ResultOf<operations["logout"]>>().toBeUndefined();
    // 202 answers with a body.
    expectTypeOf<ResultOf<operations["register"]>>().toEqualTypeOf<components["schemas"]["AuthStatus"]>();
    expectTypeOf<"/api/v1/user/settings/me">().toExtend<PathFor<"patch">>();
    expectTypeOf<"/api/v1/user/auth/sessions">().not.toExtend<PathFor<"patch">>();
  });
});
