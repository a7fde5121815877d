import { describe, expect, it } from "vitest";
import { EMPTY_ACTIVITY_FILTERS, activityFiltersToParams, parseActivityFilters, toActivityQuery } from "./filters";
import { activitySportName, activitySportOptions, effortName } from "./vocabulary";

describe("activity filters", () => {
  it("round-trip through the URL", () => {
    const f = { sport: "running", from: "2025-03-01", to: "2025-03-31", q: "парк" };
    expect(parseActivityFilters(activityFiltersToParams(f))).toEqual(f);
    expect(activityFiltersToParams(EMPTY_ACTIVITY_FILTERS).toString()).toBe("");
  });

  it("drop invalid values", () => {
    const f = parseActivityFilters(new URLSearchParams("sport=Run!&from=2025-02-30&to=yesterday&q=%20x%20"));
    expect(f).toEqual({ sport: "", from: "", to: "", q: "x" });
  });

  it("become the API query with whole days", () => {
    expect(toActivityQuery({ sport: "cycling", from: "2025-12-01", to: "2025-12-31", q: "" }, "c1", 10)).toEqual({
      limit: 10,
      sport: "cycling",
      from: "2025-12-01T00:00:00Z",
      to: "2026-01-01T00:00:00Z",
      cursor: "c1",
    });
    expect(toActivityQuery(EMPTY_ACTIVITY_FILTERS)).toEqual({ limit: 20 });
  });
});

describe("vocabulary", () => {
  it("names sports and efforts in both languages", () => {
    expect(activitySportName("running", "ru")).toBe("Бег");
    expect(activitySportName("other", "en")).toBe("Other");
    expect(activitySportName("unknown_sport", "en")).toBe("unknown_sport");
    expect(activitySportOptions("en")).toHaveLength(15);
    expect(effortName("half_marathon", "ru")).toBe("Полумарафон");
    expect(effortName("5k", "en")).toBe("5 km");
  });
});
