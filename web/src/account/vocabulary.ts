// The profiles service's closed vocabularies with their names, as the API
// accepts them (mirrors profilesapi.Sports and profilesapi.Achievements).
import type { SportId } from "../api/profiles";
import { localized, type Lang } from "../i18n/i18n";

/** Named is a vocabulary entry with its Russian and English name. */
export interface Named<Id extends string = string> {
  id: Id;
  name: { ru: string; en: string };
}

const n = <Id extends string>(id: Id, ru: string, en: string): Named<Id> => ({ id, name: { ru, en } });

/** SPORTS are the sports a profile may list, in display order. */
export const SPORTS: readonly Named<SportId>[] = [
  n("running", "Бег", "Running"),
  n("trail_running", "Трейлраннинг", "Trail running"),
  n("cycling", "Велоспорт", "Cycling"),
  n("mountain_biking", "Маунтинбайк", "Mountain biking"),
  n("swimming", "Плавание", "Swimming"),
  n("open_water_swimming", "Плавание на открытой воде", "Open water swimming"),
  n("triathlon", "Триатлон", "Triathlon"),
  n("skiing", "Беговые лыжи", "Cross-country skiing"),
  n("alpine_skiing", "Горные лыжи", "Alpine skiing"),
  n("snowboarding", "Сноуборд", "Snowboarding"),
  n("skating", "Коньки", "Skating"),
  n("walking", "Ходьба", "Walking"),
  n("nordic_walking", "Скандинавская ходьба", "Nordic walking"),
  n("hiking", "Пеший туризм", "Hiking"),
  n("climbing", "Скалолазание", "Climbing"),
  n("rowing", "Гребля", "Rowing"),
  n("fitness", "Фитнес", "Fitness"),
  n("yoga", "Йога", "Yoga"),
  n("football", "Футбол", "Football"),
  n("basketball", "Баскетбол", "Basketball"),
  n("volleyball", "Волейбол", "Volleyball"),
  n("hockey", "Хоккей", "Ice hockey"),
  n("tennis", "Теннис", "Tennis"),
  n("table_tennis", "Настольный теннис", "Table tennis"),
  n("badminton", "Бадминтон", "Badminton"),
  n("martial_arts", "Единоборства", "Martial arts"),
  n("boxing", "Бокс", "Boxing"),
  n("orienteering", "Спортивное ориентирование", "Orienteering"),
];

/** ACHIEVEMENTS name the achievement codes. */
export const ACHIEVEMENTS: readonly Named[] = [
  n("email_verified", "Почта подтверждена", "Email verified"),
  n("profile_complete", "Профиль заполнен", "Profile complete"),
  n("first_follower", "Первый подписчик", "First follower"),
];

function nameIn(list: readonly Named[], id: string, lang: Lang): string {
  const entry = list.find((e) => e.id === id);
  return entry ? localized(entry.name, lang) : id;
}

/** sportName names a sport id in lang (the id itself when unknown). */
export function sportName(id: string, lang: Lang): string {
  return nameIn(SPORTS, id, lang);
}

/** achievementName names an achievement code in lang (the code when unknown). */
export function achievementName(code: string, lang: Lang): string {
  return nameIn(ACHIEVEMENTS, code, lang);
}

/** sportOptions are select options of every sport in lang. */
export function sportOptions(lang: Lang): { value: SportId; label: string }[] {
  return SPORTS.map((s) => ({ value: s.id, label: localized(s.name, lang) }));
}
