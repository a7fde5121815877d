import { describe, expect, it } from "vitest";
import type { Profile } from "../api/profiles";
import { formToPatch, profileToForm } from "./profileForm";

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
      pace: "4:75",
      sports: [
        { sport: "running" as const, level: "beginner" as const },
        { sport: "running" as const, level: "elite" as const },
      ],
    };
    const { errors } = formToPatch(form, "metric", 2025);
    expect(Object.keys(errors).sort()).toEqual(["birth_year", "display_name", "height", "max_hr", "pace", "sports.1"]);
    expect(errors.birth_year).toEqual({ key: "validation.range", params: { min: 1900, max: 2025 } });
  });
});
