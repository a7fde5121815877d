import { describe, expect, it } from "vitest";
import { specRows } from "./specs";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("specRows", () => {
  const specs = {
    weight_g: 250,
    drop_mm: 8,
    stack_mm: 32,
    cushioning: "high",
    terrain: "trail",
    waterproof: true,
    temp_min_c: -10,
    temp_max_c: 25,
    materials: { ru: "Сетка", en: "Mesh" },
  };

  it("labels and formats specs in Russian", () => {
    const rows = specRows(specs, "ru").map((r) => [r.label, plain(r.value)]);
    expect(rows).toEqual([
      ["Вес", "250 г"],
      ["Перепад", "8 мм"],
      ["Высота подошвы", "32 мм"],
      ["Амортизация", "Высокая"],
      ["Покрытие", "Трейл"],
      ["Водонепроницаемость", "Да"],
      ["Температурный диапазон", "от -10 °C до 25 °C"],
      ["Материалы", "Сетка"],
    ]);
  });

  it("labels and formats specs in English", () => {
    const rows = specRows(specs, "en").map((r) => [r.key, plain(r.value)]);
    expect(rows).toEqual([
      ["weight_g", "250 g"],
      ["drop_mm", "8 mm"],
      ["stack_mm", "32 mm"],
      ["cushioning", "High"],
      ["terrain", "Trail"],
      ["waterproof", "Yes"],
      ["temperature", "-10°C to 25°C"],
      ["materials", "Mesh"],
    ]);
  });

  it("skips absent fields and shows unknown enum values as they are", () => {
    const rows = specRows({ terrain: "ice", temp_max_c: 5, waterproof: false }, "en");
    expect(rows.map((r) => [r.key, plain(r.value)])).toEqual([
      ["terrain", "ice"],
      ["waterproof", "No"],
      ["temperature", "up to 5°C"],
    ]);
    expect(specRows(undefined, "ru")).toEqual([]);
  });
});
