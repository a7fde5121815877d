// The activity list's filters and their two encodings: the page URL's
// query string (shareable, works with the back button) and the tracker's
// list query (dates as RFC 3339 times: from the start of the first day to
// the start of the day after the last one).
import type { ActivityQuery } from "../api/tracker";

/** ActivityFilters is what the athlete chose above the list. */
export interface ActivityFilters {
  sport: string;
  /** from and to are YYYY-MM-DD dates ("" for open). */
  from: string;
  to: string;
  q: string;
}

export const EMPTY_ACTIVITY_FILTERS: ActivityFilters = { sport: "", from: "", to: "", q: "" };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** parseActivityFilters reads the filters from a URL query; invalid values are dropped. */
export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const clean = (k: string) => (params.get(k) ?? "").trim();
  const from = clean("from");
  const to = clean("to");
  return {
    sport: /^[a-z_]{1,40}$/.test(clean("sport")) ? clean("sport") : "",
    from: validDate(from) ? from : "",
    to: validDate(to) ? to : "",
    q: clean("q").slice(0, 200),
  };
}

/** activityFiltersToParams writes the non-empty filters as a URL query. */
export function activityFiltersToParams(f: ActivityFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.sport) p.set("sport", f.sport);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.q.trim()) p.set("q", f.q.trim());
  return p;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().replace(".000Z", "Z");
}

/** toActivityQuery turns the filters into the list API's query. */
export function toActivityQuery(f: ActivityFilters, cursor?: string | null, limit = 20): ActivityQuery {
  const q: ActivityQuery = { limit };
  if (f.sport) q.sport = f.sport;
  if (f.from) q.from = `${f.from}T00:00:00Z`;
  if (f.to) q.to = nextDay(f.to);
  if (f.q.trim()) q.q = f.q.trim();
  if (cursor) q.cursor = cursor;
  return q;
}
