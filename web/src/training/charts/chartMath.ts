// The arithmetic behind the hand-drawn SVG charts: value ranges, round tick
// values, min/max downsampling that keeps peaks (an hour at 1 Hz is 3,600
// points; a chart is a few hundred pixels wide), paths with gaps where a
// channel has no value, and the nearest sample to the pointer.

/** Value is one sample of a series: null where the channel has no value. */
export type Value = number | null | undefined;

const ok = (v: Value): v is number => v != null && Number.isFinite(v);

/** extent returns [min, max] of the finite values, or null when there are none. */
export function extent(values: readonly Value[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!ok(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** niceStep returns a round step (1, 2, 2.5 or 5 times a power of ten) near span/count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * pow;
}

/** niceDomain widens [lo, hi] to round tick values and returns the ticks. */
export function niceDomain(lo: number, hi: number, count = 4): { lo: number; hi: number; ticks: number[] } {
  if (lo === hi) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const nlo = Math.floor(lo / step) * step;
  const nhi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = nlo; v <= nhi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { lo: nlo, hi: nhi, ticks };
}

/** scale maps [d0, d1] linearly onto [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * downsample picks the indices to draw so that at most about 4 per bucket
 * remain: the first and last of each bucket and its minimum and maximum, so
 * spikes survive. Indices whose y is missing are kept once per run so
 * gaps stay gaps. x must be non-decreasing.
 */
export function downsample(x: readonly number[], y: readonly Value[], buckets: number): number[] {
  const n = Math.min(x.length, y.length);
  if (n <= buckets * 4 || buckets < 1) return Array.from({ length: n }, (_, i) => i);
  const x0 = x[0] ?? 0;
  const span = (x[n - 1] ?? 0) - x0 || 1;
  const out: number[] = [];
  let i = 0;
  while (i < n) {
    const b = Math.min(buckets - 1, Math.floor((((x[i] ?? 0) - x0) / span) * buckets));
    let first = -1;
    let last = -1;
    let min = -1;
    let max = -1;
    const picked: number[] = [];
    let j = i;
    for (; j < n; j++) {
      const bj = Math.min(buckets - 1, Math.floor((((x[j] ?? 0) - x0) / span) * buckets));
      if (bj !== b) break;
      const v = y[j];
      if (!ok(v)) {
        // A gap inside the bucket: close the run so far and keep the gap.
        if (first >= 0) picked.push(first, min, max, last);
        picked.push(j);
        first = last = min = max = -1;
        while (j + 1 < n && !ok(y[j + 1]) && Math.min(buckets - 1, Math.floor((((x[j + 1] ?? 0) - x0) / span) * buckets)) === b) j++;
        continue;
      }
      if (first < 0) first = min = max = j;
      last = j;
      if (v < (y[min] as number)) min = j;
      if (v > (y[max] as number)) max = j;
    }
    if (first >= 0) picked.push(first, min, max, last);
    for (const k of [...new Set(picked)].sort((a, c) => a - c)) out.push(k);
    i = j;
  }
  return out;
}

/** linePath builds an SVG path through the picked indices, lifting the pen over missing values. */
export function linePath(
  x: readonly number[],
  y: readonly Value[],
  indices: readonly number[],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  let d = "";
  let pen = false;
  for (const i of indices) {
    const v = y[i];
    const xv = x[i];
    if (!ok(v) || xv == null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${sx(xv).toFixed(1)},${sy(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** nearestIndex returns the index of the x value closest to v (x non-decreasing), or -1 when empty. */
export function nearestIndex(x: readonly number[], v: number): number {
  const n = x.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs((x[lo - 1] ?? 0) - v) <= Math.abs((x[lo] ?? 0) - v)) return lo - 1;
  return lo;
}

/** stats returns the minimum, mean and maximum of the finite values (null when none). */
export function stats(values: readonly Value[]): { min: number; avg: number; max: number } | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!ok(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n ? { min, avg: sum / n, max } : null;
}

const TIME_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400];

/** timeTicks returns tick values (seconds) at round minutes or hours, about count of them. */
export function timeTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const step = TIME_STEPS.find((s) => span / s <= count) ?? Math.ceil(span / count / 86400) * 86400;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** evenTicks returns about count values spread evenly over the x values (for date axes). */
export function evenTicks(x: readonly number[], count = 5): number[] {
  if (x.length === 0) return [];
  if (x.length <= count) return [...x];
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const v = x[Math.round((k * (x.length - 1)) / (count - 1))];
    if (v !== undefined && out.at(-1) !== v) out.push(v);
  }
  return out;
}
