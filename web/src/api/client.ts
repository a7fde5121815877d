// A small typed fetch wrapper over the types generated from the OpenAPI
// document (schema.d.ts, `npm run gen:api`). Paths, path parameters, query
// parameters and 200 response bodies are all checked against the document.
// Non-2xx answers throw ProblemError carrying the RFC 9457 problem+json body.
import type { paths } from "./schema";
import { session } from "./session";

/** Problem is an RFC 9457 problem details body as SportHub sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: { field?: string; code?: string; message?: string }[];
  /** retry_after is the Retry-After header in seconds (429 and 503 answers). */
  retry_after?: number;
}

/** ProblemError is thrown for every non-2xx API answer. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = "ProblemError";
    this.problem = problem;
  }

  /** status is the HTTP status code. */
  get status(): number {
    return this.problem.status;
  }

  /** code is SportHub's stable machine-readable error code, if any. */
  get code(): string | undefined {
    return this.problem.code;
  }
}

/** GetPath is every path of the API that has a GET operation. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: unknown } } ? P : never;
}[keyof paths];

type GetOp<P extends GetPath> = paths[P]["get"];

/** OkBody is the JSON body of an operation's 200 response. */
export type OkBody<Op> = Op extends { responses: { 200: { content: { "application/json": infer J } } } }
  ? J
  : never;

type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Q : never;
type PathParamsOf<Op> = Op extends { parameters: { path: infer T } } ? T : never;

/** GetOptions are the parameters of a GET call. */
export type GetOptions<Op> = {
  signal?: AbortSignal;
} & ([PathParamsOf<Op>] extends [never] | [undefined] ? { path?: never } : { path: PathParamsOf<Op> }) &
  ([QueryOf<Op>] extends [never] | [undefined] ? { query?: never } : { query?: QueryOf<Op> });

/** QueryValue is what one query parameter may hold; arrays repeat the name. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** buildUrl fills {name} path parameters and appends the non-empty query parameters. */
export function buildUrl(
  template: string,
  path?: Record<string, string | number>,
  query?: Record<string, QueryValue>,
): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = path?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      for (const item of value) qs.append(key, String(item));
    } else {
      qs.append(key, String(value));
    }
  }
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}

/** problemFromResponse reads the problem+json body of a failed response (or synthesizes one). */
export async function problemFromResponse(res: Response): Promise<Problem> {
  const fallback: Problem = { status: res.status, title: res.statusText || `HTTP ${res.status}` };
  const retry = Number(res.headers.get("retry-after") ?? "");
  if (res.headers.has("retry-after") && Number.isFinite(retry) && retry >= 0) fallback.retry_after = retry;
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return fallback;
  try {
    const body = (await res.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: typeof body.status === "number" ? body.status : res.status };
  } catch {
    return fallback;
  }
}

/**
 * apiGet performs a typed anonymous GET request against the same-origin API
 * (public data such as the catalog: no token is sent, so the service worker
 * may keep the answer for offline use). Calls that need the signed-in user
 * use call or request.
 */
export async function apiGet<P extends GetPath>(
  path: P,
  options: GetOptions<GetOp<P>> = {} as GetOptions<GetOp<P>>,
): Promise<OkBody<GetOp<P>>> {
  const opts = options as { path?: Record<string, string | number>; query?: Record<string, QueryValue>; signal?: AbortSignal };
  const url = buildUrl(path, opts.path, opts.query);
  const res = await fetch(url, { headers: { Accept: "application/json" }, signal: opts.signal });
  if (!res.ok) throw new ProblemError(await problemFromResponse(res));
  return (await res.json()) as OkBody<GetOp<P>>;
}

/** Method is an HTTP method the API uses. */
export type Method = "get" | "post" | "put" | "patch" | "delete";

/** PathFor is every documented path that has an operation for method M. */
export type PathFor<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type OpFor<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type RequestBodyOf<Op> = Op extends { requestBody?: infer R } ? NonNullable<R> : never;

/** JsonBodyOf is an operation's JSON request body (never when it takes none). */
export type JsonBodyOf<Op> = [RequestBodyOf<Op>] extends [never]
  ? never
  : RequestBodyOf<Op> extends { content: { "application/json": infer B } }
    ? B
    : never;

/** ResultOf is an operation's JSON success body (undefined for 202/204 without a body). */
export type ResultOf<Op> = Op extends { responses: { 200: { content: { "application/json": infer J } } } }
  ? J
  : Op extends { responses: { 201: { content: { "application/json": infer J } } } }
    ? J
    : Op extends { responses: { 202: { content: { "application/json": infer J } } } }
      ? J
      : undefined;

/** RequestOptions are the parameters of one API call. */
export interface RequestOptions {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  /** body is sent as JSON, or as it is when it is a Blob (with its type as Content-Type) or FormData (multipart). */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * request calls the same-origin API with the session's access token and
 * returns the JSON body (undefined for an empty answer). Non-2xx answers throw
 * ProblemError. Used directly for paths the OpenAPI document does not list yet.
 */
export async function request<T>(method: Method, template: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(template, options.path, options.query);
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (typeof FormData !== "undefined" && options.body instanceof FormData) {
    body = options.body; // the browser sets the multipart Content-Type with its boundary
  } else if (options.body instanceof Blob) {
    body = options.body;
    if (options.body.type) headers["Content-Type"] = options.body.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  const res = await session.fetch(url, { method: method.toUpperCase(), headers, body, signal: options.signal });
  if (!res.ok) throw new ProblemError(await problemFromResponse(res));
  if (res.status === 204 || res.headers.get("content-length") === "0") return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined as T;
  return (await res.json()) as T;
}

/** CallOptions are request options typed by the OpenAPI operation. */
export type CallOptions<Op> = Omit<RequestOptions, "body" | "path" | "query"> &
  ([JsonBodyOf<Op>] extends [never] ? { body?: Blob } : { body: JsonBodyOf<Op> | Blob }) &
  ([PathParamsOf<Op>] extends [never] | [undefined] ? { path?: never } : { path: PathParamsOf<Op> }) &
  ([QueryOf<Op>] extends [never] | [undefined] ? { query?: never } : { query?: QueryOf<Op> });

/** call is request typed by the generated OpenAPI document: path, parameters, body and result. */
export function call<M extends Method, P extends PathFor<M>>(
  method: M,
  path: P,
  ...options: [JsonBodyOf<OpFor<P, M>>] extends [never]
    ? [CallOptions<OpFor<P, M>>?]
    : [CallOptions<OpFor<P, M>>]
): Promise<ResultOf<OpFor<P, M>>> {
  return request(method, path, (options[0] ?? {}) as RequestOptions);
}
