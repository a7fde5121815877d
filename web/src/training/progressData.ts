// Shaping progress data for the dashboard: volume rows (one per period and
// sport) summed into one bar per period, with empty periods filled in so
// a rest week shows as a gap; dates for the API's ranges; and the form
// (TSB) label.
import type { VolumeRow } from "../api/progress";

/** VolumeMetric is what the volume bars measure. */
export type VolumeMetric = "distance_m" | "moving_s" | "load" | "count";

/** isoDate formats a time as YYYY-MM-DD (UTC). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** mondayOf returns the UTC Monday 00:00 of d's week (ISO weeks start on Monday). */
export function mondayOf(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/** periodStarts lists the first days of count weeks or months ending with the one holding end. */
export function periodStarts(period: "week" | "month", end: Date, count: number): string[] {
  const out: string[] = [];
  if (period === "week") {
    const last = mondayOf(end);
    for (let i = count - 1; i >= 0; i--) out.push(isoDate(new Date(last.getTime() - i * 7 * 86_400_000)));
  } else {
    for (let i = count - 1; i >= 0; i--) out.push(isoDate(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1))));
  }
  return out;
}

/** volumeBars sums the rows per period (all sports, or one) for each of the given period starts. */
export function volumeBars(rows: readonly VolumeRow[], starts: readonly string[], metric: VolumeMetric, sport = ""): { start: string; value: number }[] {
  const sums = new Map<string, number>(starts.map((s) => [s, 0]));
  for (const r of rows) {
    if (sport && r.sport !== sport) continue;
    const key = r.period_start.slice(0, 10);
    if (!sums.has(key)) continue;
    sums.set(key, (sums.get(key) ?? 0) + (Number(r[metric]) || 0));
  }
  return starts.map((s) => ({ start: s, value: sums.get(s) ?? 0 }));
}

/** FormLabel describes training stress balance in words. */
export type FormLabel = "transition" | "fresh" | "neutral" | "productive" | "overreaching";

/**
 * formLabel names a TSB value with the progress service's bands (above +25
 * transition, +5..+25 fresh, -10..+5 neutral, -30..-10 productive, below
 * -30 overreaching).
 * It describes; it does not advise. The progress service's own label wins
 * when it sends one.
 */
export function formLabel(tsb: number): FormLabel {
  if (tsb > 25) return "transition";
  if (tsb > 5) return "fresh";
  if (tsb >= -10) return "neutral";
  if (tsb >= -30) return "productive";
  return "overreaching";
}
