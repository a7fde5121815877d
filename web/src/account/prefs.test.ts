import { describe, expect, it } from "vitest";
import type { NotificationType } from "../api/notify";
import { defaultPrefs, effectivePrefs, groupTypes, overridesToSave } from "./prefs";

const types: NotificationType[] = [
  { type: "profiles.new_follower", category: "social", channels: ["push", "in_app"], critical: false, title: { ru: "Новый подписчик", en: "New follower" } },
  { type: "auth.new_login", category: "security", channels: ["email", "push"], critical: true, title: { ru: "Вход", en: "New login" } },
  { type: "promo.weekly", category: "marketing", channels: ["email"], critical: false, title: { ru: "Акции", en: "Weekly offers" } },
  // A category this app does not know yet.
  { type: "x.custom", category: "partners" as NotificationType["category"], channels: [], critical: false, title: { ru: "", en: "" } },
  { type: "access.roles_changed", category: "account", channels: ["email", "in_app"], critical: false, title: { ru: "Роли", en: "Roles" } },
];
const byType = (t: string) => types.find((x) => x.type === t)!;

describe("notification preferences", () => {
  it("starts from each type's default channels", () => {
    expect(defaultPrefs(byType("profiles.new_follower"))).toEqual({ push: true, email: false, sms: false, in_app: true });
  });

  it("applies overrides, but never to critical types", () => {
    const overrides = {
      "profiles.new_follower": { push: false },
      "auth.new_login": { email: false, push: false, sms: false, in_app: false },
    };
    expect(effectivePrefs(byType("profiles.new_follower"), overrides)).toEqual({ push: false, email: false, sms: false, in_app: true });
    expect(effectivePrefs(byType("auth.new_login"), overrides)).toEqual({ push: true, email: true, sms: false, in_app: false });
  });

  it("saves changed types, drops overrides back at the defaults, never sends critical ones", () => {
    const chosen = Object.fromEntries(types.map((t) => [t.type, defaultPrefs(t)]));
    chosen["promo.weekly"] = { push: false, email: false, sms: false, in_app: false };
    chosen["auth.new_login"] = { push: false, email: false, sms: false, in_app: false };
    const previous = { "profiles.new_follower": { push: false, email: false, sms: false, in_app: true } };
    expect(overridesToSave(types, chosen, previous)).toEqual({
      "profiles.new_follower": null,
      "promo.weekly": { push: false, email: false, sms: false, in_app: false },
    });
    const untouched = Object.fromEntries(types.map((t) => [t.type, defaultPrefs(t)]));
    expect(overridesToSave(types, untouched, {})).toEqual({});
  });

  it("groups types by category in a fixed order, unknown categories last", () => {
    expect(groupTypes(types).map((g) => [g.category, g.types.map((t) => t.type)])).toEqual([
      ["security", ["auth.new_login"]],
      ["account", ["access.roles_changed"]],
      ["social", ["profiles.new_follower"]],
      ["marketing", ["promo.weekly"]],
      ["partners", ["x.custom"]],
    ]);
  });
});
