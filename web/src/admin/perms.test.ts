import { describe, expect, it } from "vitest";
import { canSee, loginPath, safeNext } from "../auth/guards";
import { ROLE_NAME_PATTERN, checkReason, groupPermissions, togglePermission } from "./perms";
import { roleDescription } from "./RolesPage";

describe("admin helpers", () => {
  it("requires a reason of at most 500 characters", () => {
    expect(checkReason("  ")).toBe("required");
    expect(checkReason("spam")).toBeNull();
    expect(checkReason("x".repeat(501))).toBe("too_long");
  });

  it("toggles permissions keeping them sorted and unique", () => {
    expect(togglePermission(["b"], "a", true)).toEqual(["a", "b"]);
    expect(togglePermission(["a", "b"], "a", true)).toEqual(["a", "b"]);
    expect(togglePermission(["a", "b"], "a", false)).toEqual(["b"]);
  });

  it("groups permissions by service", () => {
    const groups = groupPermissions([{ name: "catalog.prices.write" }, { name: "access.users.read" }, { name: "access.roles.read" }]);
    expect(groups.map(([svc, list]) => [svc, list.map((p) => p.name)])).toEqual([
      ["access", ["access.roles.read", "access.users.read"]],
      ["catalog", ["catalog.prices.write"]],
    ]);
  });

  it("checks new role names", () => {
    expect(ROLE_NAME_PATTERN.test("event-manager")).toBe(true);
    expect(ROLE_NAME_PATTERN.test("Admin")).toBe(false);
    expect(ROLE_NAME_PATTERN.test("a")).toBe(false);
  });

  it("shows built-in roles' own descriptions in the UI language, edited ones as written", () => {
    expect(roleDescription({ name: "support", builtin: true, description: "Helps users with their accounts" }, "ru")).toBe(
      "Помогает пользователям с аккаунтами",
    );
    expect(roleDescription({ name: "support", builtin: true, description: "Первая линия" }, "en")).toBe("Первая линия");
    expect(roleDescription({ name: "events", builtin: false, description: "Runs events" }, "ru")).toBe("Runs events");
  });
});

describe("guards", () => {
  it("returns to same-site paths only", () => {
    expect(safeNext("/account/security")).toBe("/account/security");
    expect(safeNext(null)).toBe("/account");
    expect(safeNext("https://evil.example")).toBe("/account");
    expect(safeNext("//evil.example")).toBe("/account");
    expect(safeNext("/\\evil.example")).toBe("/account");
    expect(loginPath("/admin/users?q=a")).toBe("/login?next=%2Fadmin%2Fusers%3Fq%3Da");
  });

  it("shows staff sections to staff and to staff who still need 2FA", () => {
    const athlete = { staff: false, two_factor_required: false };
    expect(canSee("public", null)).toBe(true);
    expect(canSee("user", null)).toBe(false);
    expect(canSee("user", athlete)).toBe(true);
    expect(canSee("staff", athlete)).toBe(false);
    expect(canSee("staff", { staff: true, two_factor_required: false })).toBe(true);
    expect(canSee("staff", { staff: false, two_factor_required: true })).toBe(true);
  });
});
