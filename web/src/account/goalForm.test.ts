import { describe, expect, it } from "vitest";
import type { Goal } from "../api/profiles";
import { EMPTY_GOAL, formToGoal, goalProgress, goalToForm } from "./goalForm";


describe("goal form", () => {
  it("turns a weekly distance in km into metres", () => {
    const { goal, errors } = formToGoal({ ...EMPTY_GOAL, sport: "running", target: "42,2" }, "metric");
    expect(errors).toEqual({});
    expect(goal).toEqual({ kind: "distance", sport: "running", period: "week", target: 42200 });
  });

  it("reads miles, hours and counts", () => {
    expect(formToGoal({ ...EMPTY_GOAL, target: "10" }, "imperial").goal?.target).toBe(16093);
    expect(formToGoal({ ...EMPTY_GOAL, kind: "time", period: "month", target: "20:30" }, "metric").goal?.target).toBe(73800);
    expect(formToGoal({ ...EMPTY_GOAL, kind: "count", period: "year", target: "150" }, "metric").goal?.target).toBe(150);
    expect(formToGoal({ ...EMPTY_GOAL, kind: "count", target: "1.5" }, "metric").errors.target).toEqual({ key: "validation.positive" });
  });

  it("needs a name, a date and a finish time for a race, and sends no period", () => {
    const bad = formToGoal({ ...EMPTY_GOAL, kind: "race", target: "fast" }, "metric");
    expect(bad.goal).toBeNull();
    expect(bad.errors).toEqual({
      target: { key: "validation.finishTime" },
      race_name: { key: "validation.required" },
      race_date: { key: "validation.required" },
    });
    const ok = formToGoal({ ...EMPTY_GOAL, kind: "race", target: "3:29:59", race_name: " Московский марафон ", race_date: "2025-09-21" }, "metric");
    expect(ok.goal).toEqual({ kind: "race", target: 12599, race_name: "Московский марафон", race_date: "2025-09-21" });
    expect(formToGoal({ ...EMPTY_GOAL, kind: "race", target: "3:30", race_name: "X", race_date: "2025-09-21" }, "metric").goal?.target).toBe(12600);
    const withDistance = formToGoal({ ...EMPTY_GOAL, kind: "race", target: "45:00", race_name: "X", race_date: "2025-09-21", race_distance: "10000" }, "metric");
    expect(withDistance.goal?.race_distance_m).toBe(10000);
  });

  it("refuses empty and non-positive targets", () => {
    expect(formToGoal(EMPTY_GOAL, "metric").errors.target).toEqual({ key: "validation.required" });
    expect(formToGoal({ ...EMPTY_GOAL, target: "-5" }, "metric").errors.target).toEqual({ key: "validation.positive" });
    expect(formToGoal({ ...EMPTY_GOAL, kind: "time", target: "soon" }, "metric").errors.target).toEqual({ key: "validation.hours" });
  });

  it("fills the form from a goal in the user's units", () => {
    const g: Goal = { id: "g", kind: "distance", sport: null, period: "month", target: 160934, race_name: null, race_date: null, race_distance_m: null, progress: 0, created_at: "" };
    expect(goalToForm(g, "imperial").target).toBe("100");
    expect(goalToForm({ ...g, kind: "time", target: 36000 }, "metric").target).toBe("10:00");
    expect(goalToForm({ ...g, kind: "race", period: null, target: 12599 }, "metric").target).toBe("3:29:59");
    expect(goalToForm({ ...g, kind: "race", period: null, target: 12599, race_distance_m: 42195 }, "metric").race_distance).toBe("42195");
  });

  it("caps progress between 0 and 1", () => {
    expect(goalProgress({ progress: 5, target: 10 })).toBe(0.5);
    expect(goalProgress({ progress: 50, target: 10 })).toBe(1);
    expect(goalProgress({ progress: 5, target: 0 })).toBe(0);
  });
});
