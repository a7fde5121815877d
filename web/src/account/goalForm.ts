// The goal form: targets typed in the user's units (km or miles, h:mm, a
// count, a race's finish time h:mm:ss) and converted to the API's metres,
// seconds or count.
import type { Goal, GoalInput, GoalKind, GoalPeriod, SportId } from "../api/profiles";
import type { FieldErrors } from "../lib/problems";
import { parseNumber } from "../lib/validation";
import { formatClock, formatHours, metresFromDisplay, metresToDisplay, parseClock, parseHours, type Units } from "../lib/units";

export const GOAL_KINDS: readonly GoalKind[] = ["distance", "time", "count", "race"];
export const GOAL_PERIODS: readonly GoalPeriod[] = ["week", "month", "year"];

/** RACE_DISTANCES are the race distances a race goal offers (metres): its progress is the best time over it. */
export const RACE_DISTANCES = [5000, 10000, 21097.5, 42195] as const;

/** GoalForm is the goal form as typed. */
export interface GoalForm {
  kind: GoalKind;
  sport: SportId | "";
  period: GoalPeriod;
  target: string;
  race_name: string;
  race_date: string;
  /** race_distance is the race's distance in metres as a string ("" when not given). */
  race_distance: string;
}

/** EMPTY_GOAL is a fresh form. */
export const EMPTY_GOAL: GoalForm = { kind: "distance", sport: "", period: "week", target: "", race_name: "", race_date: "", race_distance: "" };

/** goalToForm fills the form from a goal. */
export function goalToForm(g: Goal, units: Units): GoalForm {
  let target = String(g.target);
  if (g.kind === "distance") target = String(metresToDisplay(g.target, units));
  if (g.kind === "time") target = formatHours(g.target);
  if (g.kind === "race") target = formatClock(g.target);
  return {
    kind: g.kind,
    sport: g.sport ?? "",
    period: g.period ?? "week",
    target,
    race_name: g.race_name ?? "",
    race_date: g.race_date ?? "",
    race_distance: g.race_distance_m ? String(g.race_distance_m) : "",
  };
}

/** parseFinishTime reads a finish time as h:mm:ss or h:mm into seconds. */
export function parseFinishTime(input: string): number | null {
  const s = input.trim();
  if (!s) return null;
  return /^\d+:\d{2}:\d{2}$/.test(s) ? parseClock(s) : parseHours(s);
}

/** formToGoal validates the form and converts it to the API body. */
export function formToGoal(f: GoalForm, units: Units): { goal: GoalInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let target: number | null = null;
  if (f.kind === "race") {
    const s = parseFinishTime(f.target);
    if (s === null) errors.target = { key: "validation.required" };
    else if (Number.isNaN(s) || s <= 0) errors.target = { key: "validation.finishTime" };
    else target = s;
  } else if (f.kind === "time") {
    const s = parseHours(f.target);
    if (s === null) errors.target = { key: "validation.required" };
    else if (Number.isNaN(s) || s <= 0) errors.target = { key: "validation.hours" };
    else target = s;
  } else {
    const n = parseNumber(f.target);
    if (n === null) errors.target = { key: "validation.required" };
    else if (Number.isNaN(n) || n <= 0 || (f.kind === "count" && !Number.isInteger(n))) errors.target = { key: "validation.positive" };
    else target = f.kind === "count" ? n : metresFromDisplay(n, units);
  }
  if (f.kind === "race") {
    if (!f.race_name.trim()) errors.race_name = { key: "validation.required" };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.race_date)) errors.race_date = { key: "validation.required" };
  }
  if (Object.keys(errors).length || target === null) return { goal: null, errors };
  // The API takes a race's name and date and no period; other goals the reverse.
  const goal: GoalInput = { kind: f.kind, target };
  if (f.sport) goal.sport = f.sport;
  if (f.kind === "race") {
    goal.race_name = f.race_name.trim();
    goal.race_date = f.race_date;
    const d = Number(f.race_distance);
    if (f.race_distance && d > 0) goal.race_distance_m = d;
  } else {
    goal.period = f.period;
  }
  return { goal, errors };
}

/** goalProgress returns the progress as a fraction between 0 and 1. */
export function goalProgress(g: Pick<Goal, "progress" | "target">): number {
  if (!(g.target > 0)) return 0;
  return Math.min(1, Math.max(0, g.progress / g.target));
}
