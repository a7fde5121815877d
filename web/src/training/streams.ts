// Turns an activity's columnar streams into what the charts and the map
// draw: a time axis and a distance axis (from the device's distance, else
// integrated speed, else positions), positions per sample, and the
// channels in the user's units (pace for pace sports, speed otherwise).
import type { Streams } from "../api/tracker";
import type { Units } from "../lib/units";
import type { Value } from "./charts/chartMath";
import { elevationInUnits, paceSeconds, paceUnitMetres, speedInUnits, usesPace } from "./measure";
import type { LatLng } from "./polyline";

/** ChannelKey names a chartable channel. */
export type ChannelKey = "pace" | "speed" | "hr" | "alt" | "cad" | "power";

/** Channel is one chartable series in display units. */
export interface Channel {
  key: ChannelKey;
  values: Value[];
  /** invert draws larger values lower (pace: faster is up). */
  invert?: boolean;
}

/** Prepared are an activity's streams ready to draw. */
export interface Prepared {
  /** t are seconds from the start. */
  t: number[];
  /** dist is cumulative metres (non-decreasing), or null without any distance source. */
  dist: number[] | null;
  /** positions are [lat, lon] per sample, null where there is none. */
  positions: (LatLng | null)[];
  channels: Channel[];
}

const finite = (v: Value): v is number => v != null && Number.isFinite(v);

function column(s: Partial<Streams>, key: keyof Streams, n: number): Value[] | null {
  const c = s[key] as Value[] | null | undefined;
  if (!Array.isArray(c) || !c.some(finite)) return null;
  return Array.from({ length: n }, (_, i) => (finite(c[i]) ? c[i] : null));
}

/** haversine is the great-circle distance in metres. */
export function haversine(a: LatLng, b: LatLng): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** cumulative makes a non-decreasing distance axis: missing values carry the last one forward. */
export function cumulative(values: readonly Value[]): number[] {
  const out: number[] = [];
  let last = 0;
  for (const v of values) {
    if (finite(v) && v >= last) last = v;
    out.push(last);
  }
  return out;
}

/** smooth is a centred moving average over window samples, skipping missing values. */
export function smooth(values: readonly Value[], window: number): Value[] {
  if (window <= 1) return [...values];
  const half = Math.floor(window / 2);
  return values.map((v, i) => {
    if (!finite(v)) return null;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      const w = values[j];
      if (finite(w)) {
        sum += w;
        n++;
      }
    }
    return sum / n;
  });
}

/** prepare reads the streams for a sport in the given units. */
export function prepare(s: Pick<Streams, "t"> & Partial<Streams>, sport: string, units: Units): Prepared {
  const t = (Array.isArray(s.t) ? s.t : []).map((v) => (finite(v) ? v : 0));
  const n = t.length;
  const lat = column(s, "lat", n);
  const lon = column(s, "lon", n);
  const positions: (LatLng | null)[] = Array.from({ length: n }, (_, i) => {
    const a = lat?.[i];
    const o = lon?.[i];
    return finite(a) && finite(o) ? [a, o] : null;
  });
  const speedRaw = column(s, "speed", n);

  let dist: number[] | null = null;
  const d = column(s, "dist", n);
  if (d) {
    dist = cumulative(d);
  } else if (speedRaw) {
    let acc = 0;
    dist = t.map((tv, i) => {
      if (i > 0) {
        const dt = Math.min(Math.max(0, tv - (t[i - 1] ?? tv)), 30);
        const v = speedRaw[i];
        if (finite(v)) acc += v * dt;
      }
      return acc;
    });
  } else if (positions.some(Boolean)) {
    let acc = 0;
    let prev: LatLng | null = null;
    dist = positions.map((p) => {
      if (p) {
        if (prev) acc += haversine(prev, p);
        prev = p;
      }
      return acc;
    });
  }

  // Speed from the device, else from the distance axis.
  let speed = speedRaw;
  if (!speed && dist && n > 1) {
    speed = dist.map((dv, i) => {
      if (i === 0) return null;
      const dt = (t[i] ?? 0) - (t[i - 1] ?? 0);
      return dt > 0 ? (dv - (dist?.[i - 1] ?? dv)) / dt : null;
    });
  }

  const channels: Channel[] = [];
  if (speed) {
    const sm = smooth(speed, 5);
    if (usesPace(sport)) {
      const unit = paceUnitMetres(sport, units);
      channels.push({ key: "pace", values: sm.map((v) => paceSeconds(v, unit)), invert: true });
    } else {
      channels.push({ key: "speed", values: sm.map((v) => (finite(v) ? speedInUnits(v, units) : null)) });
    }
  }
  const hr = column(s, "hr", n);
  if (hr) channels.push({ key: "hr", values: hr });
  const alt = column(s, "alt", n);
  if (alt) channels.push({ key: "alt", values: alt.map((v) => (finite(v) ? elevationInUnits(v, units) : null)) });
  const cad = column(s, "cad", n);
  if (cad) channels.push({ key: "cad", values: cad });
  const power = column(s, "power", n);
  if (power) channels.push({ key: "power", values: smooth(power, 3) });
  return { t, dist, positions, channels };
}
