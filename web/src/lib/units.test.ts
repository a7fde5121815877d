import { describe, expect, it } from "vitest";
import {
  cmToFtIn,
  formatClock,
  formatHours,
  ftInToCm,
  kgToLb,
  lbToKg,
  metresFromDisplay,
  metresToDisplay,
  paceFromDisplay,
  paceToDisplay,
  parseClock,
  parseHours,
} from "./units";

describe("units", () => {
  it("converts height both ways", () => {
    expect(cmToFtIn(180)).toEqual({ ft: 5, inches: 11 });
    expect(cmToFtIn(183)).toEqual({ ft: 6, inches: 0 });
    expect(ftInToCm(5, 11)).toBe(180);
  });

  it("converts weight both ways with one decimal", () => {
    expect(kgToLb(70)).toBe(154.3);
    expect(lbToKg(154.3)).toBe(70);
  });

  it("formats and parses clock times", () => {
    expect(formatClock(270)).toBe("4:30");
    expect(formatClock(3725)).toBe("1:02:05");
    expect(parseClock("4:30")).toBe(270);
    expect(parseClock("1:02:05")).toBe(3725);
    expect(parseClock("")).toBeNull();
    expect(parseClock("4:75")).toBeNaN();
    expect(parseClock("1:75:00")).toBeNaN();
    expect(parseClock("fast")).toBeNaN();
  });

  it("converts pace per km to per mile and back", () => {
    expect(paceToDisplay(300, "metric")).toBe(300);
    expect(paceToDisplay(300, "imperial")).toBe(483);
    expect(paceFromDisplay(483, "imperial")).toBe(300);
  });

  it("converts distances", () => {
    expect(metresToDisplay(42195, "metric")).toBe(42.2);
    expect(metresToDisplay(42195, "imperial")).toBe(26.22);
    expect(metresFromDisplay(26.2, "imperial")).toBe(42165);
    expect(metresFromDisplay(10, "metric")).toBe(10000);
  });

  it("formats and parses hours", () => {
    expect(formatHours(19800)).toBe("5:30");
    expect(parseHours("5:30")).toBe(19800);
    expect(parseHours("5,5")).toBe(19800);
    expect(parseHours("5:75")).toBeNaN();
    expect(parseHours("")).toBeNull();
  });
});
