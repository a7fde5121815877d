// Numbers of training in the user's units: distance, duration, pace or
// speed (which one depends on the sport's family), elevation. The API sends
// metric values (metres, seconds, metres per second).
import type { Lang } from "../i18n/i18n";
import { formatNumber } from "../lib/format";
import { METRES_PER_MILE, formatClock, type Units } from "../lib/units";

export const METRES_PER_FOOT = 0.3048;

/** Family groups sports whose efforts compare (the tracker's activity families). */
export type Family = "run" | "ride" | "swim" | "walk" | "other";

/** familyOf returns the family of an activity sport id. */
export function familyOf(sport: string): Family {
  switch (sport) {
    case "running":
    case "trail_running":
    case "orienteering":
      return "run";
    case "cycling":
    case "mountain_biking":
      return "ride";
    case "swimming":
    case "open_water_swimming":
      return "swim";
    case "walking":
    case "nordic_walking":
    case "hiking":
      return "walk";
    default:
      return "other";
  }
}

/** usesPace reports whether a sport reads its speed as pace (time per distance). */
export function usesPace(sport: string): boolean {
  const f = familyOf(sport);
  return f === "run" || f === "walk" || f === "swim";
}

/** paceUnitMetres is the distance a pace is given per: 100 m for swimming, else a km or a mile. */
export function paceUnitMetres(sport: string, units: Units): number {
  if (familyOf(sport) === "swim") return units === "metric" ? 100 : 100 * 0.9144; // 100 m or 100 yd
  return units === "metric" ? 1000 : METRES_PER_MILE;
}

/** MIN_PACE_SPEED is the speed (m/s) below which pace is not shown: standing still has no pace. */
export const MIN_PACE_SPEED = 0.3;

/** paceSeconds converts a speed (m/s) to seconds per pace unit; null when too slow to mean anything. */
export function paceSeconds(speed: number | null | undefined, unitMetres: number): number | null {
  if (speed == null || !Number.isFinite(speed) || speed < MIN_PACE_SPEED) return null;
  return unitMetres / speed;
}

/** speedInUnits converts m/s to km/h or mph. */
export function speedInUnits(speed: number, units: Units): number {
  return units === "metric" ? speed * 3.6 : (speed * 3600) / METRES_PER_MILE;
}

/** distanceInUnits converts metres to km or miles. */
export function distanceInUnits(m: number, units: Units): number {
  return m / (units === "metric" ? 1000 : METRES_PER_MILE);
}

/** elevationInUnits converts metres to metres or feet. */
export function elevationInUnits(m: number, units: Units): number {
  return units === "metric" ? m : m / METRES_PER_FOOT;
}

/** formatDuration formats seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "—";
  return formatClock(seconds);
}

/** Measure formats training numbers for one language and unit system. */
export interface Measure {
  units: Units;
  distance: (m: number | null | undefined, digits?: number) => string;
  distanceValue: (m: number) => number;
  distanceUnit: string;
  elevation: (m: number | null | undefined) => string;
  elevationUnit: string;
  speed: (mps: number | null | undefined) => string;
  speedUnit: string;
  pace: (mps: number | null | undefined, sport: string) => string;
  paceUnit: (sport: string) => string;
  /** speedOrPace shows pace for pace sports, speed otherwise. */
  speedOrPace: (mps: number | null | undefined, sport: string) => string;
  number: (n: number | null | undefined, digits?: number) => string;
}

/** UnitLabels are the localized unit names a Measure needs. */
export interface UnitLabels {
  km: string;
  mi: string;
  m: string;
  ft: string;
  kmh: string;
  mph: string;
  perKm: string;
  perMi: string;
  per100m: string;
  per100yd: string;
}

/** measure builds a Measure for lang and units. */
export function measure(lang: Lang, units: Units, labels: UnitLabels): Measure {
  const num = (n: number | null | undefined, digits = 1) =>
    n == null || !Number.isFinite(n) ? "—" : formatNumber(n, lang, digits);
  const distanceUnit = units === "metric" ? labels.km : labels.mi;
  const elevationUnit = units === "metric" ? labels.m : labels.ft;
  const speedUnit = units === "metric" ? labels.kmh : labels.mph;
  const paceUnit = (sport: string) =>
    familyOf(sport) === "swim"
      ? units === "metric"
        ? labels.per100m
        : labels.per100yd
      : units === "metric"
        ? labels.perKm
        : labels.perMi;
  const pace = (mps: number | null | undefined, sport: string) => {
    const s = paceSeconds(mps, paceUnitMetres(sport, units));
    return s === null ? "—" : `${formatClock(s)} ${paceUnit(sport)}`;
  };
  const speed = (mps: number | null | undefined) =>
    mps == null || !Number.isFinite(mps) ? "—" : `${num(speedInUnits(mps, units), 1)} ${speedUnit}`;
  return {
    units,
    distance: (m, digits = 2) => (m == null || !Number.isFinite(m) ? "—" : `${num(distanceInUnits(m, units), digits)} ${distanceUnit}`),
    distanceValue: (m) => distanceInUnits(m, units),
    distanceUnit,
    elevation: (m) => (m == null || !Number.isFinite(m) ? "—" : `${num(elevationInUnits(m, units), 0)} ${elevationUnit}`),
    elevationUnit,
    speed,
    speedUnit,
    pace,
    paceUnit,
    speedOrPace: (mps, sport) => (usesPace(sport) ? pace(mps, sport) : speed(mps)),
    number: num,
  };
}
