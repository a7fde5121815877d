import { describe, expect, it } from "vitest";
import { familyOf, measure, paceSeconds, paceUnitMetres, speedInUnits, usesPace, type UnitLabels } from "./measure";

const labels: UnitLabels = {
  km: "km", mi: "mi", m: "m", ft: "ft", kmh: "km/h", mph: "mph", perKm: "/km", perMi: "/mi", per100m: "/100 m", per100yd: "/100 yd",
};

describe("sport families", () => {
  it("group sports like the tracker does", () => {
    expect(familyOf("trail_running")).toBe("run");
    expect(familyOf("orienteering")).toBe("run");
    expect(familyOf("mountain_biking")).toBe("ride");
    expect(familyOf("open_water_swimming")).toBe("swim");
    expect(familyOf("hiking")).toBe("walk");
    expect(familyOf("rowing")).toBe("other");
    expect(usesPace("running")).toBe(true);
    expect(usesPace("cycling")).toBe(false);
  });
});

describe("pace and speed", () => {
  it("converts speed to pace per km, mile and 100 m", () => {
    // 4:00 /km is 1000/240 m/s.
    expect(paceSeconds(1000 / 240, paceUnitMetres("running", "metric"))).toBeCloseTo(240, 6);
    expect(paceSeconds(1000 / 240, paceUnitMetres("running", "imperial"))).toBeCloseTo(386.24, 2);
    expect(paceSeconds(1, paceUnitMetres("swimming", "metric"))).toBeCloseTo(100, 6);
  });

  it("has no pace when standing", () => {
    expect(paceSeconds(0, 1000)).toBeNull();
    expect(paceSeconds(null, 1000)).toBeNull();
    expect(paceSeconds(Number.NaN, 1000)).toBeNull();
  });

  it("converts m/s to km/h and mph", () => {
    expect(speedInUnits(10, "metric")).toBeCloseTo(36, 6);
    expect(speedInUnits(10, "imperial")).toBeCloseTo(22.369, 3);
  });
});

describe("measure", () => {
  it("formats in metric English", () => {
    const m = measure("en", "metric", labels);
    expect(m.distance(10_000)).toBe("10 km");
    expect(m.distance(12_345.6)).toBe("12.35 km");
    expect(m.pace(1000 / 275, "running")).toBe("4:35 /km");
    expect(m.speedOrPace(10, "cycling")).toBe("36 km/h");
    expect(m.elevation(123.4)).toBe("123 m");
    expect(m.distance(null)).toBe("—");
  });

  it("formats in imperial units", () => {
    const m = measure("en", "imperial", labels);
    expect(m.distance(1609.344)).toBe("1 mi");
    expect(m.elevation(100)).toBe("328 ft");
    expect(m.pace(1609.344 / 480, "running")).toBe("8:00 /mi");
  });

  it("uses the Russian decimal comma", () => {
    const m = measure("ru", "metric", labels);
    expect(m.distance(5_500)).toBe("5,5 km");
  });
});
