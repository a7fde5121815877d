// A small typed fetch wrapper over the types generated from the OpenAPI
// document (schema.d.ts, `npm run gen:api`). Paths, path parameters, query
// parameters and 200 response bodies are all checked against the document.
// Non-2xx answers throw ProblemError carrying the RFC 9457 problem+json body.
import type { paths } from "./schema";

/** Problem is an RFC 9457 problem details body as SportHub sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: { field?: string; code?: string; message?: string }[];
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
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return fallback;
  try {
    const body = (await res.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: typeof body.status === "number" ? body.status : res.status };
  } catch {
    return fallback;
  }
}

/** apiGet performs a typed GET request against the same-origin API. */
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
