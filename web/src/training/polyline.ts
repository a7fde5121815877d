// Google's encoded polyline format (precision 1e5), the form the tracker
// keeps an activity's simplified route in.

/** LatLng is [latitude, longitude] in degrees. */
export type LatLng = [number, number];

/** decodePolyline reads an encoded polyline; a malformed tail is dropped. */
export function decodePolyline(s: string, precision = 5): LatLng[] {
  const factor = 10 ** precision;
  const out: LatLng[] = [];
  let i = 0;
  let lat = 0;
  let lon = 0;
  const next = (): number | null => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (i >= s.length) return null;
      const b = s.charCodeAt(i++) - 63;
      if (b < 0 || b > 63) return null;
      result |= (b & 0x1f) << shift;
      shift += 5;
      if (b < 0x20) break;
      if (shift > 30) return null;
    }
    return result & 1 ? ~(result >>> 1) : result >>> 1;
  };
  while (i < s.length) {
    const dLat = next();
    const dLon = next();
    if (dLat === null || dLon === null) break;
    lat += dLat;
    lon += dLon;
    out.push([lat / factor, lon / factor]);
  }
  return out;
}

/** encodePolyline writes points as an encoded polyline. */
export function encodePolyline(points: readonly LatLng[], precision = 5): string {
  const factor = 10 ** precision;
  let out = "";
  let pLat = 0;
  let pLon = 0;
  const put = (v: number) => {
    let n = v < 0 ? ~(v << 1) : v << 1;
    while (n >= 0x20) {
      out += String.fromCharCode((0x20 | (n & 0x1f)) + 63);
      n >>>= 5;
    }
    out += String.fromCharCode(n + 63);
  };
  for (const [la, lo] of points) {
    const lat = Math.round(la * factor);
    const lon = Math.round(lo * factor);
    put(lat - pLat);
    put(lon - pLon);
    pLat = lat;
    pLon = lon;
  }
  return out;
}

/** bounds returns the [south-west, north-east] corners of points, or null when there are none. */
export function bounds(points: readonly LatLng[]): [LatLng, LatLng] | null {
  if (points.length === 0) return null;
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  for (const [la, lo] of points) {
    if (la < s) s = la;
    if (la > n) n = la;
    if (lo < w) w = lo;
    if (lo > e) e = lo;
  }
  return [
    [s, w],
    [n, e],
  ];
}
