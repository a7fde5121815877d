// The sports an activity may have (the tracker's activity sports, a subset
// of the profiles service's sports plus "other") and the names of standard
// efforts, device kinds and visibility in both languages.
import { SPORTS } from "../account/vocabulary";
import { localized, type Lang } from "../i18n/i18n";

/** ACTIVITY_SPORTS are the sports the tracker stores, in display order. */
export const ACTIVITY_SPORTS = [
  "running",
  "trail_running",
  "cycling",
  "mountain_biking",
  "swimming",
  "open_water_swimming",
  "walking",
  "nordic_walking",
  "hiking",
  "skiing",
  "alpine_skiing",
  "rowing",
  "orienteering",
  "fitness",
  "other",
] as const;

/** ActivitySport is one activity sport id. */
export type ActivitySport = (typeof ACTIVITY_SPORTS)[number];

const OTHER = { ru: "Другое", en: "Other" };

/** activitySportName names an activity sport in lang. */
export function activitySportName(id: string, lang: Lang): string {
  if (id === "other") return localized(OTHER, lang);
  const s = SPORTS.find((x) => x.id === id);
  return s ? localized(s.name, lang) : id;
}

/** activitySportOptions are select options of every activity sport. */
export function activitySportOptions(lang: Lang): { value: string; label: string }[] {
  return ACTIVITY_SPORTS.map((id) => ({ value: id, label: activitySportName(id, lang) }));
}

const EFFORTS: Record<string, { ru: string; en: string }> = {
  "400m": { ru: "400 м", en: "400 m" },
  "1k": { ru: "1 км", en: "1 km" },
  "1mile": { ru: "1 миля", en: "1 mile" },
  "5k": { ru: "5 км", en: "5 km" },
  "10k": { ru: "10 км", en: "10 km" },
  "20k": { ru: "20 км", en: "20 km" },
  "40k": { ru: "40 км", en: "40 km" },
  "100k": { ru: "100 км", en: "100 km" },
  half_marathon: { ru: "Полумарафон", en: "Half marathon" },
  marathon: { ru: "Марафон", en: "Marathon" },
};

/** effortName names a standard effort ("5k", "half_marathon") in lang. */
export function effortName(name: string, lang: Lang): string {
  const e = EFFORTS[name];
  return e ? localized(e, lang) : name;
}
