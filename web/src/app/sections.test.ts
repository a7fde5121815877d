import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { ru } from "../i18n/ru";
import { routesFor } from "./router";
import { sections } from "./sections";

describe("section table", () => {
  it("lists only sections that exist, each with a label in both languages", () => {
    expect(sections.map((s) => s.id)).toEqual(["catalog"]);
    for (const s of sections) {
      expect(ru[s.labelKey]).toBeTruthy();
      expect(en[s.labelKey]).toBeTruthy();
      expect(s.path.startsWith("/")).toBe(true);
      expect(s.routes.length).toBeGreaterThan(0);
    }
  });

  it("mounts every section under its path and redirects / to the first one", () => {
    const [root] = routesFor(sections);
    const children = root?.children ?? [];
    expect(children.some((r) => r.index === true)).toBe(true);
    expect(children.map((r) => r.path).filter(Boolean)).toEqual(["/catalog", "*"]);
  });
});
