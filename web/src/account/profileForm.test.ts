import { describe, expect, it } from "vitest";
import type { Profile } from "../api/profiles";
import { formToPatch, parseZones, profileToForm } from "./profileForm";

const profile: Profile = {
  user_id: "u1",
  display_name: "Анна",
  avatar_url: null,
  birth_year: 1990,
  sex: "female",
  height_cm: 170,
  weight_kg: 60,
  resting_hr: 52,
  max_hr: 188,
  threshold_hr: null,
  hr_zones: [],
  threshold_pace_s_per_km: 270,
  threshold_power_w: 210,
  region: "RU",
  bio: "Бегаю марафоны",
  sports: [{ sport: "running", level: "advanced" }],
  visibility: "followers",
  followers_count: 3,
  following_count: 4,
  achievements: [],
  updated_at: "2025-01-01T00:00:00Z",
};

describe("profile form", () => {
  it("round-trips a profile in metric units", () => {
    const form = profileToForm(profile, "metric");
    expect(form.weight).toBe("60");
    expect(form.pace).toBe("4:30");
    const { patch, errors } = formToPatch(form, "metric", 2025);
    expect(errors).toEqual({});
    expect(patch).toEqual({
      display_name: "Анна",
      bio: "Бегаю марафоны",
      region: "RU",
      birth_year: 1990,
      sex: "female",
      height_cm: 170,
      weight_kg: 60,
      resting_hr: 52,
      max_hr: 188,
      threshold_hr: null,
      hr_zones: [],
      threshold_pace_s_per_km: 270,
      threshold_power_w: 210,
      sports: [{ sport: "running", level: "advanced" }],
      visibility: "followers",
    });
  });

  it("shows imperial units and converts them back to metric", () => {
    const form = profileToForm(profile, "imperial");
    expect([form.height_ft, form.height_in]).toEqual(["5", "7"]);
    expect(form.weight).toBe("132.3");
    expect(form.pace).toBe("7:15");
    const { patch, errors } = formToPatch(form, "imperial", 2025);
    expect(errors).toEqual({});
    expect(patch.height_cm).toBe(170);
    expect(patch.weight_kg).toBe(60);
    expect(patch.threshold_pace_s_per_km).toBe(270);
  });

  it("sends null for cleared fields", () => {
    const form = { ...profileToForm(profile, "metric"), height_cm: "", weight: "", pace: "", sex: "" as const, region: " " };
    const { patch } = formToPatch(form, "metric", 2025);
    expect(patch.height_cm).toBeNull();
    expect(patch.weight_kg).toBeNull();
    expect(patch.threshold_pace_s_per_km).toBeNull();
    expect(patch.sex).toBeNull();
    expect(patch.region).toBeNull();
  });

  it("reports every invalid field", () => {
    const form = {
      ...profileToForm(profile, "metric"),
      display_name: " ",
      birth_year: "2030",
      height_cm: "abc",
      max_hr: "400",
      hr_zones: "150, 140, 160, 170",
      pace: "4:75",
      sports: [
        { sport: "running" as const, level: "beginner" as const },
        { sport: "running" as const, level: "elite" as const },
      ],
    };
    const { errors } = formToPatch(form, "metric", 2025);
    expect(Object.keys(errors).sort()).toEqual(["birth_year", "display_name", "height", "hr_zones", "max_hr", "pace", "sports.1"]);
    expect(errors.birth_year).toEqual({ key: "validation.range", params: { min: 1900, max: 2025 } });
  });

  it("reads the threshold heart rate and own zones", () => {
    const form = { ...profileToForm({ ...profile, threshold_hr: 168, hr_zones: [120, 140, 155, 170] }, "metric") };
    expect(form.hr_zones).toBe("120, 140, 155, 170");
    const { patch, errors } = formToPatch({ ...form, hr_zones: "121;141 156  171" }, "metric", 2025);
    expect(errors).toEqual({});
    expect(patch.threshold_hr).toBe(168);
    expect(patch.hr_zones).toEqual([121, 141, 156, 171]);
  });
});

describe("heart rate zones", () => {
  it("needs four ascending plausible values, or none", () => {
    expect(parseZones("")).toEqual([]);
    expect(parseZones(" 120,140,155,170 ")).toEqual([120, 140, 155, 170]);
    expect(parseZones("120, 140, 155")).toBeNull();
    expect(parseZones("120, 140, 140, 170")).toBeNull();
    expect(parseZones("20, 140, 155, 170")).toBeNull();
    expect(parseZones("120, 140, 155, 17x")).toBeNull();
  });
});
