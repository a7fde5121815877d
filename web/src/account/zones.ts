// Privacy zones: validation of a new zone and the projection used by the
// small SVG preview (no map tiles: zones are drawn to scale around their
// centre, with a scale bar).
import type { Zone, ZoneInput } from "../api/profiles";
import type { FieldErrors } from "../lib/problems";
import { parseNumber } from "../lib/validation";

export const ZONE_MIN_RADIUS = 100;
export const ZONE_MAX_RADIUS = 2000;

/** ZoneForm is the add-zone form as typed. */
export interface ZoneForm {
  name: string;
  lat: string;
  lon: string;
  radius: string;
}

/** checkZone validates the form and returns the API body when valid. */
export function checkZone(f: ZoneForm): { zone: ZoneInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const lat = parseNumber(f.lat);
  const lon = parseNumber(f.lon);
  const radius = parseNumber(f.radius);
  if (lat === null) errors.lat = { key: "validation.required" };
  else if (Number.isNaN(lat) || lat < -90 || lat > 90) errors.lat = { key: "validation.range", params: { min: -90, max: 90 } };
  if (lon === null) errors.lon = { key: "validation.required" };
  else if (Number.isNaN(lon) || lon < -180 || lon > 180) errors.lon = { key: "validation.range", params: { min: -180, max: 180 } };
  if (radius === null) errors.radius = { key: "validation.required" };
  else if (Number.isNaN(radius) || !Number.isInteger(radius) || radius < ZONE_MIN_RADIUS || radius > ZONE_MAX_RADIUS) {
    errors.radius = { key: "validation.range", params: { min: ZONE_MIN_RADIUS, max: ZONE_MAX_RADIUS } };
  }
  if ([...f.name.trim()].length > 60) errors.name = { key: "validation.tooLong", params: { max: 60 } };
  if (Object.keys(errors).length) return { zone: null, errors };
  const zone: ZoneInput = { lat: lat as number, lon: lon as number, radius_m: radius as number };
  if (f.name.trim()) zone.name = f.name.trim();
  return { zone, errors };
}

const M_PER_DEG_LAT = 111_320;

/** Projected is a zone placed in the preview's metre plane (y grows downwards). */
export interface Projected {
  id: string;
  name: string | null;
  cx: number;
  cy: number;
  r: number;
}

/** Projection is the preview's geometry. */
export interface Projection {
  circles: Projected[];
  /** viewBox is "minX minY width height" in metres. */
  viewBox: [number, number, number, number];
  /** scale is a round length (m) for the scale bar, about a quarter of the width. */
  scale: number;
  /** toLatLon maps a point of the preview back to coordinates. */
  toLatLon: (x: number, y: number) => { lat: number; lon: number };
}

/** projectZones places zones around their mean position (equirectangular, fine at city scale). */
export function projectZones(zones: readonly Pick<Zone, "id" | "name" | "lat" | "lon" | "radius_m">[]): Projection | null {
  if (zones.length === 0) return null;
  const lat0 = zones.reduce((s, z) => s + z.lat, 0) / zones.length;
  const lon0 = zones.reduce((s, z) => s + z.lon, 0) / zones.length;
  const kx = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const circles = zones.map((z) => ({
    id: z.id,
    name: z.name,
    cx: (z.lon - lon0) * kx,
    cy: -(z.lat - lat0) * M_PER_DEG_LAT,
    r: z.radius_m,
  }));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const c of circles) {
    minX = Math.min(minX, c.cx - c.r);
    maxX = Math.max(maxX, c.cx + c.r);
    minY = Math.min(minY, c.cy - c.r);
    maxY = Math.max(maxY, c.cy + c.r);
  }
  // A square view with a margin keeps circles round and away from the edge.
  const size = Math.max(maxX - minX, maxY - minY) * 1.15;
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  const viewBox: Projection["viewBox"] = [midX - size / 2, midY - size / 2, size, size];
  return {
    circles,
    viewBox,
    scale: niceLength(size / 4),
    toLatLon: (x, y) => ({ lat: lat0 - y / M_PER_DEG_LAT, lon: lon0 + x / kx }),
  };
}

/** niceLength rounds a length down to 1, 2 or 5 times a power of ten. */
export function niceLength(m: number): number {
  if (!(m > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(m));
  const f = m / p;
  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
}
