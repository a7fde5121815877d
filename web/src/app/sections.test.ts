import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { ru } from "../i18n/ru";
import { routesFor } from "./router";
import { sections } from "./sections";

describe("section table", () => {
  it("lists only sections that exist, each with a label in both languages", () => {
    expect(sections.map((s) => s.id)).toEqual([
      "catalog",
      "training",
      "account",
      "admin",
      "notifications",
      "athletes",
      "profile-links",
      "live-share",
      "watch",
      "auth",
    ]);
    for (const s of sections) {
      expect(ru[s.labelKey]).toBeTruthy();
      expect(en[s.labelKey]).toBeTruthy();
      expect(s.path.startsWith("/")).toBe(true);
      expect(s.routes.length).toBeGreaterThan(0);
    }
  });

  it("mounts every section under its path and redirects / to the first one", () => {
    const routes = routesFor(sections);
    const root = routes.find((r) => r.path === "/");
    const children = root?.children ?? [];
    expect(children.some((r) => r.index === true)).toBe(true);
    expect(children.map((r) => r.path).filter(Boolean)).toEqual([
      "/catalog",
      "/training",
      "/account",
      "/admin",
      "/notifications",
      "/athletes",
      "/profiles",
      "/live",
      "/",
      "*",
    ]);
  });

  it("mounts bare sections outside the app frame, still guarded", () => {
    const routes = routesFor(sections);
    expect(routes.map((r) => r.path)).toEqual(["/watch", "/"]);
    const watch = routes[0]?.element as { type?: { name?: string } } | undefined;
    expect(watch?.type?.name).toBe("RequireAuth");
  });

  it("guards sections for signed-in users and staff, and leaves public ones open", () => {
    const root = routesFor(sections).find((r) => r.path === "/");
    const byPath = new Map((root?.children ?? []).map((r) => [r.path, r]));
    const guard = (path: string) => {
      const el = byPath.get(path)?.element as { type?: { name?: string } } | undefined;
      return el?.type?.name ?? null;
    };
    expect(guard("/catalog")).toBeNull();
    expect(guard("/athletes")).toBeNull();
    expect(guard("/")).toBeNull();
    expect(guard("/account")).toBe("RequireAuth");
    expect(guard("/training")).toBe("RequireAuth");
    expect(guard("/live")).toBeNull();
    expect(guard("/notifications")).toBe("RequireAuth");
    expect(guard("/admin")).toBe("RequireStaff");
  });

  it("keeps link-only sections out of the navigation", () => {
    const nav = sections.filter((s) => s.nav !== false).map((s) => s.id);
    expect(nav).toEqual(["catalog", "training", "account", "admin"]);
  });
});
