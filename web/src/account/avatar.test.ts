import { describe, expect, it } from "vitest";
import { AVATAR_MAX_BYTES, checkAvatarFile, initials } from "./avatar";
import { recoveryCodesFile } from "./TwoFactor";

describe("avatar checks", () => {
  it("accepts the API's image types up to 8 MiB", () => {
    expect(checkAvatarFile({ type: "image/png", size: 1000 })).toBeNull();
    expect(checkAvatarFile({ type: "image/webp", size: AVATAR_MAX_BYTES })).toBeNull();
    expect(checkAvatarFile({ type: "image/jpeg", size: AVATAR_MAX_BYTES + 1 })).toBe("size");
    expect(checkAvatarFile({ type: "image/svg+xml", size: 10 })).toBe("type");
    expect(checkAvatarFile({ type: "", size: 10 })).toBe("type");
    expect(checkAvatarFile({ type: "image/gif", size: 0 })).toBe("empty");
  });

  it("makes initials for the placeholder", () => {
    expect(initials("анна петрова")).toBe("АП");
    expect(initials("  Bob ")).toBe("B");
    expect(initials("")).toBe("?");
  });
});

describe("recovery codes file", () => {
  it("lists the codes one per line under a heading", () => {
    expect(recoveryCodesFile(["a1", "b2"], "me@example.com", "Codes")).toBe("Codes\nme@example.com\n\na1\nb2\n");
  });
});
