import { describe, expect, it } from "vitest";
import type { VolumeRow } from "../api/progress";
import { formLabel, mondayOf, periodStarts, volumeBars } from "./progressData";

const row = (period_start: string, sport: string, distance_m: number): VolumeRow => ({
  period_start, sport, count: 1, distance_m, moving_s: distance_m / 3, elev_gain_m: 0, load: distance_m / 100,
});

describe("periods", () => {
  it("finds the Monday of a week", () => {
    expect(mondayOf(new Date("2025-06-01T12:00:00Z")).toISOString()).toBe("2025-05-26T00:00:00.000Z"); // a Sunday
    expect(mondayOf(new Date("2025-06-02T00:00:00Z")).toISOString()).toBe("2025-06-02T00:00:00.000Z");
  });

  it("lists weeks and months ending with the current one", () => {
    expect(periodStarts("week", new Date("2025-06-04T10:00:00Z"), 3)).toEqual(["2025-05-19", "2025-05-26", "2025-06-02"]);
    expect(periodStarts("month", new Date("2025-02-14T10:00:00Z"), 3)).toEqual(["2024-12-01", "2025-01-01", "2025-02-01"]);
  });
});

describe("volume bars", () => {
  const rows = [
    row("2025-05-19", "running", 20_000),
    row("2025-05-19T00:00:00Z", "cycling", 60_000),
    row("2025-06-02", "running", 10_000),
    row("2024-01-01", "running", 99_000),
  ];
  const starts = ["2025-05-19", "2025-05-26", "2025-06-02"];

  it("sums sports per period and fills empty periods", () => {
    expect(volumeBars(rows, starts, "distance_m")).toEqual([
      { start: "2025-05-19", value: 80_000 },
      { start: "2025-05-26", value: 0 },
      { start: "2025-06-02", value: 10_000 },
    ]);
  });

  it("filters by sport and measures counts", () => {
    expect(volumeBars(rows, starts, "count", "running").map((b) => b.value)).toEqual([1, 0, 1]);
  });
});

describe("form label", () => {
  it("names the bands", () => {
    expect(formLabel(30)).toBe("transition");
    expect(formLabel(20)).toBe("fresh");
    expect(formLabel(0)).toBe("neutral");
    expect(formLabel(-20)).toBe("productive");
    expect(formLabel(-30)).toBe("productive");
    expect(formLabel(-50)).toBe("overreaching");
  });
});
