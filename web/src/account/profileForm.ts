// The profile form's state: text inputs in the user's units, converted to
// and from the API's metric Profile, with validation.
import type { Level, Profile, ProfilePatch, Sex, SportLevel, Visibility } from "../api/profiles";
import type { FieldErrors } from "../lib/problems";
import { checkRange, parseNumber } from "../lib/validation";
import {
  cmToFtIn,
  formatClock,
  ftInToCm,
  kgToLb,
  lbToKg,
  paceFromDisplay,
  paceToDisplay,
  parseClock,
  type Units,
} from "../lib/units";

/** LEVELS are the skill levels, lowest first. */
export const LEVELS: readonly Level[] = ["beginner", "intermediate", "advanced", "elite"];

/** ProfileForm holds every editable field as typed. */
export interface ProfileForm {
  display_name: string;
  bio: string;
  region: string;
  birth_year: string;
  sex: Sex | "";
  height_cm: string;
  height_ft: string;
  height_in: string;
  weight: string;
  resting_hr: string;
  max_hr: string;
  threshold_hr: string;
  /** hr_zones are the lower bounds of heart-rate zones 2 to 5, typed as "120, 140, 155, 170" ("" for none). */
  hr_zones: string;
  pace: string;
  power: string;
  sports: SportLevel[];
  visibility: Visibility;
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** profileToForm fills the form from a profile in the given units. */
export function profileToForm(p: Profile, units: Units): ProfileForm {
  const ftIn = p.height_cm ? cmToFtIn(p.height_cm) : null;
  return {
    display_name: p.display_name ?? "",
    bio: p.bio ?? "",
    region: p.region ?? "",
    birth_year: str(p.birth_year),
    sex: p.sex ?? "",
    height_cm: str(p.height_cm),
    height_ft: ftIn ? String(ftIn.ft) : "",
    height_in: ftIn ? String(ftIn.inches) : "",
    weight: p.weight_kg === null ? "" : String(units === "metric" ? p.weight_kg : kgToLb(p.weight_kg)),
    resting_hr: str(p.resting_hr),
    max_hr: str(p.max_hr),
    threshold_hr: str(p.threshold_hr),
    hr_zones: (p.hr_zones ?? []).join(", "),
    pace: p.threshold_pace_s_per_km ? formatClock(paceToDisplay(p.threshold_pace_s_per_km, units)) : "",
    power: str(p.threshold_power_w),
    sports: p.sports.map((s) => ({ ...s })),
    visibility: p.visibility,
  };
}

const num = (s: string) => {
  const n = parseNumber(s);
  return n === null || Number.isNaN(n) ? null : n;
};

/** parseZones reads four ascending heart rates (bpm) separated by commas, semicolons or spaces; "" is []. */
export function parseZones(input: string): number[] | null {
  const parts = input.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return [];
  if (parts.length !== 4 || !parts.every((p) => /^\d{2,3}$/.test(p))) return null;
  const zones = parts.map(Number);
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i] as number;
    if (z < 30 || z > 250 || (i > 0 && z <= (zones[i - 1] as number))) return null;
  }
  return zones;
}

/** formToPatch validates the form and converts it to the API's PATCH body. */
export function formToPatch(
  f: ProfileForm,
  units: Units,
  thisYear = new Date().getFullYear(),
): { patch: ProfilePatch; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const set = (field: string, m: ReturnType<typeof checkRange>) => {
    if (m) errors[field] = m;
  };
  const name = f.display_name.trim();
  if (!name) errors.display_name = { key: "validation.required" };
  else if ([...name].length > 60) errors.display_name = { key: "validation.tooLong", params: { max: 60 } };
  if ([...f.bio].length > 500) errors.bio = { key: "validation.tooLong", params: { max: 500 } };
  set("birth_year", checkRange(f.birth_year, 1900, thisYear, true));
  set("resting_hr", checkRange(f.resting_hr, 25, 150, true));
  set("max_hr", checkRange(f.max_hr, 80, 250, true));
  set("threshold_hr", checkRange(f.threshold_hr, 60, 240, true));
  const zones = parseZones(f.hr_zones);
  if (zones === null) errors.hr_zones = { key: "validation.hrZones" };
  set("power", checkRange(f.power, 30, 1000, true));

  let height: number | null = null;
  if (units === "metric") {
    set("height", checkRange(f.height_cm, 50, 260, true));
    height = num(f.height_cm);
  } else if (f.height_ft.trim() || f.height_in.trim()) {
    const e = checkRange(f.height_ft || "0", 1, 8, true) ?? checkRange(f.height_in || "0", 0, 11, true);
    set("height", e);
    if (!e) height = ftInToCm(num(f.height_ft) ?? 0, num(f.height_in) ?? 0);
  }

  let weight: number | null = null;
  set("weight", units === "metric" ? checkRange(f.weight, 20, 350) : checkRange(f.weight, 44, 770));
  const w = num(f.weight);
  if (w !== null && !errors.weight) weight = units === "metric" ? Math.round(w * 10) / 10 : lbToKg(w);

  let pace: number | null = null;
  const p = parseClock(f.pace);
  if (p !== null) {
    if (Number.isNaN(p)) errors.pace = { key: "validation.pace" };
    else {
      pace = paceFromDisplay(p, units);
      if (pace < 120 || pace > 1200) errors.pace = { key: "validation.pace" };
    }
  }

  const seen = new Set<string>();
  f.sports.forEach((s, i) => {
    if (seen.has(s.sport)) errors[`sports.${i}`] = { key: "profile.sports.duplicate" };
    seen.add(s.sport);
  });

  const patch: ProfilePatch = {
    display_name: name,
    bio: f.bio.trim(),
    region: f.region.trim() || null,
    birth_year: num(f.birth_year),
    sex: f.sex || null,
    height_cm: height,
    weight_kg: weight,
    resting_hr: num(f.resting_hr),
    max_hr: num(f.max_hr),
    threshold_hr: num(f.threshold_hr),
    hr_zones: zones ?? [],
    threshold_pace_s_per_km: pace,
    threshold_power_w: num(f.power),
    sports: f.sports.map((s) => ({ sport: s.sport, level: s.level })),
    visibility: f.visibility,
  };
  return { patch, errors };
}
