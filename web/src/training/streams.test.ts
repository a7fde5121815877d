import { describe, expect, it } from "vitest";
import { cumulative, haversine, prepare, smooth } from "./streams";

describe("prepare", () => {
  it("uses the device distance and shows pace for runs", () => {
    const p = prepare(
      { t: [0, 1, 2, 3], dist: [0, 4, null, 12], speed: [4, 4, 4, 4], hr: [120, 121, null, 125], lat: null, lon: null },
      "running",
      "metric",
    );
    expect(p.dist).toEqual([0, 4, 4, 12]);
    expect(p.channels.map((c) => c.key)).toEqual(["pace", "hr"]);
    const pace = p.channels[0];
    expect(pace?.invert).toBe(true);
    expect(pace?.values[0]).toBeCloseTo(250, 6); // 4 m/s = 4:10 /km
    expect(p.positions.every((x) => x === null)).toBe(true);
  });

  it("shows speed in km/h for rides and integrates speed when the device has no distance", () => {
    const p = prepare({ t: [0, 10, 20], speed: [10, 10, 10], power: [200, 210, 220] }, "cycling", "metric");
    expect(p.dist).toEqual([0, 100, 200]);
    expect(p.channels.map((c) => c.key)).toEqual(["speed", "power"]);
    expect(p.channels[0]?.values[1]).toBeCloseTo(36, 6);
  });

  it("measures distance from positions when there is nothing else", () => {
    const p = prepare({ t: [0, 60], lat: [55.75, 55.76], lon: [37.6, 37.6], alt: [150, 160] }, "hiking", "imperial");
    expect(p.dist?.[1]).toBeCloseTo(1112, 0);
    expect(p.positions[1]).toEqual([55.76, 37.6]);
    const alt = p.channels.find((c) => c.key === "alt");
    expect(alt?.values[0]).toBeCloseTo(492.1, 1); // feet
    expect(p.channels[0]?.key).toBe("pace"); // speed derived from distance
  });

  it("leaves out channels without any value", () => {
    const p = prepare({ t: [0, 1], hr: [null, null], cad: [80, 82] }, "fitness", "metric");
    expect(p.channels.map((c) => c.key)).toEqual(["cad"]);
    expect(p.dist).toBeNull();
  });
});

describe("helpers", () => {
  it("keeps the distance axis non-decreasing", () => {
    expect(cumulative([null, 5, 3, null, 9])).toEqual([0, 5, 5, 5, 9]);
  });

  it("averages around each sample and keeps gaps", () => {
    expect(smooth([1, 2, 3, null, 5], 3)).toEqual([1.5, 2, 2.5, null, 5]);
  });

  it("measures a degree of latitude", () => {
    expect(haversine([0, 0], [1, 0])).toBeCloseTo(111_195, -1);
  });
});
