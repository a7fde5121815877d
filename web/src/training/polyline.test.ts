import { describe, expect, it } from "vitest";
import { bounds, decodePolyline, encodePolyline, type LatLng } from "./polyline";

describe("encoded polyline", () => {
  // The example of Google's format documentation.
  const example = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";
  const points: LatLng[] = [
    [38.5, -120.2],
    [40.7, -120.95],
    [43.252, -126.453],
  ];

  it("decodes the documented example", () => {
    expect(decodePolyline(example)).toEqual(points);
  });

  it("encodes the documented example", () => {
    expect(encodePolyline(points)).toBe(example);
  });

  it("round-trips Moscow coordinates to 1e-5 degrees", () => {
    const route: LatLng[] = [
      [55.75222, 37.61556],
      [55.75301, 37.61702],
      [55.7511, 37.6099],
      [-33.86882, 151.20929],
    ];
    expect(decodePolyline(encodePolyline(route))).toEqual(route);
  });

  it("drops a malformed tail instead of throwing", () => {
    expect(decodePolyline("")).toEqual([]);
    expect(decodePolyline(example.slice(0, -3))).toEqual(points.slice(0, 2));
    expect(decodePolyline("  \u0001")).toEqual([]);
  });

  it("finds the bounds", () => {
    expect(bounds(points)).toEqual([
      [38.5, -126.453],
      [43.252, -120.2],
    ]);
    expect(bounds([])).toBeNull();
  });
});
