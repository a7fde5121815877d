import { describe, expect, it } from "vitest";
import { checkZone, niceLength, projectZones } from "./zones";

describe("privacy zone form", () => {
  it("accepts a zone with coordinates and a radius of 100..2000 m", () => {
    expect(checkZone({ name: " Дом ", lat: "55,7558", lon: "37.6173", radius: "300" })).toEqual({
      zone: { name: "Дом", lat: 55.7558, lon: 37.6173, radius_m: 300 },
      errors: {},
    });
  });

  it("sends no name when none is given", () => {
    expect(checkZone({ name: "  ", lat: "1", lon: "2", radius: "100" }).zone).toEqual({ lat: 1, lon: 2, radius_m: 100 });
  });

  it("reports out-of-range and missing values", () => {
    const { zone, errors } = checkZone({ name: "", lat: "91", lon: "", radius: "50" });
    expect(zone).toBeNull();
    expect(errors).toEqual({
      lat: { key: "validation.range", params: { min: -90, max: 90 } },
      lon: { key: "validation.required" },
      radius: { key: "validation.range", params: { min: 100, max: 2000 } },
    });
    expect(checkZone({ name: "", lat: "1", lon: "1", radius: "150.5" }).errors.radius).toBeDefined();
  });
});

describe("zone preview projection", () => {
  it("places zones to scale around their centre, north up", () => {
    const p = projectZones([
      { id: "a", name: "A", lat: 55.75, lon: 37.6, radius_m: 500 },
      { id: "b", name: "B", lat: 55.76, lon: 37.6, radius_m: 500 },
    ]);
    expect(p).not.toBeNull();
    const [a, b] = p!.circles;
    expect(a!.cx).toBeCloseTo(0, 6);
    expect(b!.cx).toBeCloseTo(0, 6);
    // 0.01° of latitude is about 1.1 km; the northern zone is drawn higher (smaller y).
    expect(a!.cy - b!.cy).toBeCloseTo(1113.2, 0);
    const [, , w, h] = p!.viewBox;
    expect(w).toBe(h);
    expect(w).toBeGreaterThan(1113 + 1000);
    expect(p!.scale).toBe(500);
  });

  it("maps a point of the preview back to coordinates", () => {
    const p = projectZones([{ id: "a", name: null, lat: 59.93, lon: 30.31, radius_m: 200 }])!;
    const back = p.toLatLon(p.circles[0]!.cx, p.circles[0]!.cy);
    expect(back.lat).toBeCloseTo(59.93, 9);
    expect(back.lon).toBeCloseTo(30.31, 9);
    const east = p.toLatLon(1000, 0);
    expect(east.lon).toBeGreaterThan(30.31);
    expect(projectZones([])).toBeNull();
  });

  it("rounds scale bar lengths to 1, 2 or 5 times a power of ten", () => {
    expect(niceLength(730)).toBe(500);
    expect(niceLength(2600)).toBe(2000);
    expect(niceLength(140)).toBe(100);
    expect(niceLength(0)).toBe(0);
  });
});
