import { describe, expect, it } from "vitest";
import { zoneRanges } from "./zones";

describe("zone ranges", () => {
  it("labels five heart-rate zones from four bounds", () => {
    expect(zoneRanges([120, 140, 155, 170.4], "bpm")).toEqual(["< 120 bpm", "120–140 bpm", "140–155 bpm", "155–170 bpm", "≥ 170 bpm"]);
  });

  it("has nothing without bounds", () => {
    expect(zoneRanges([], "W")).toEqual([]);
  });
});
