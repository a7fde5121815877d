// Turns a product's raw specs into labelled, unit-formatted table rows.
import { localized, translate, type Lang, type LocalizedText, type MessageKey } from "../i18n/i18n";
import { localeFor } from "../lib/money";

/** Specs is the product's specification object (every field optional). */
export interface Specs {
  weight_g?: number | null;
  drop_mm?: number | null;
  stack_mm?: number | null;
  cushioning?: string | null;
  terrain?: string | null;
  waterproof?: boolean | null;
  temp_min_c?: number | null;
  temp_max_c?: number | null;
  materials?: LocalizedText;
}

/** SpecRow is one line of the specifications table. */
export interface SpecRow {
  key: string;
  label: string;
  value: string;
}

function unit(lang: Lang, value: number, u: "gram" | "millimeter" | "celsius"): string {
  return new Intl.NumberFormat(localeFor(lang), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
}

function enumLabel(lang: Lang, prefix: "cushioning" | "terrain", value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = translate(lang, key);
  return text === key ? value : text;
}

function num(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** specRows lists the specs present, in a fixed order, formatted for lang. */
export function specRows(specs: Specs | null | undefined, lang: Lang): SpecRow[] {
  if (!specs) return [];
  const rows: SpecRow[] = [];
  const add = (key: string, labelKey: MessageKey, value: string) =>
    rows.push({ key, label: translate(lang, labelKey), value });

  if (num(specs.weight_g)) add("weight_g", "spec.weight_g", unit(lang, specs.weight_g, "gram"));
  if (num(specs.drop_mm)) add("drop_mm", "spec.drop_mm", unit(lang, specs.drop_mm, "millimeter"));
  if (num(specs.stack_mm)) add("stack_mm", "spec.stack_mm", unit(lang, specs.stack_mm, "millimeter"));
  if (specs.cushioning) add("cushioning", "spec.cushioning", enumLabel(lang, "cushioning", specs.cushioning));
  if (specs.terrain) add("terrain", "spec.terrain", enumLabel(lang, "terrain", specs.terrain));
  if (typeof specs.waterproof === "boolean") {
    add("waterproof", "spec.waterproof", translate(lang, specs.waterproof ? "common.yes" : "common.no"));
  }
  const min = num(specs.temp_min_c) ? unit(lang, specs.temp_min_c, "celsius") : null;
  const max = num(specs.temp_max_c) ? unit(lang, specs.temp_max_c, "celsius") : null;
  if (min && max) add("temperature", "spec.temperature", translate(lang, "spec.tempRange", { min, max }));
  else if (min) add("temperature", "spec.temperature", translate(lang, "spec.tempFrom", { min }));
  else if (max) add("temperature", "spec.temperature", translate(lang, "spec.tempTo", { max }));
  const materials = localized(specs.materials, lang);
  if (materials) add("materials", "spec.materials", materials);
  return rows;
}
