import { describe, expect, it } from "vitest";
import {
  checkCodeOrRecovery,
  checkEmail,
  checkNewPassword,
  checkPhone,
  checkRange,
  checkTime,
  checkTotp,
  codeValue,
  compact,
  isCommonPassword,
  normalizeCode,
  normalizePhone,
  parseNumber,
} from "./validation";

describe("registration checks", () => {
  it("accepts plausible email addresses only", () => {
    expect(checkEmail("runner@example.com")).toBeNull();
    expect(checkEmail("  бегун@пример.рф ")).toBeNull();
    expect(checkEmail("")).toEqual({ key: "validation.required" });
    expect(checkEmail("runner@example")).toEqual({ key: "validation.email" });
    expect(checkEmail("run ner@example.com")).toEqual({ key: "validation.email" });
  });

  it("wants passwords of at least 8 characters that are not common", () => {
    expect(checkNewPassword("")).toEqual({ key: "validation.required" });
    expect(checkNewPassword("short7!")).toEqual({ key: "validation.passwordShort", params: { min: 8 } });
    expect(checkNewPassword("Password1")).toEqual({ key: "validation.passwordCommon" });
    expect(checkNewPassword("12345678")).toEqual({ key: "validation.passwordCommon" });
    expect(checkNewPassword("тропа-в-горах")).toBeNull();
    expect(checkNewPassword("correct horse battery")).toBeNull();
    // Characters, not UTF-16 units: 8 emoji are long enough.
    expect(checkNewPassword("🏃🏃🏃🏃🏃🏃🏃🏃")).toBeNull();
    expect(checkNewPassword("marathoner", "marathoner@example.com")).toEqual({ key: "validation.passwordEmail" });
    expect(checkNewPassword("Runner@Example.com", "runner@example.com")).toEqual({ key: "validation.passwordEmail" });
    expect(checkNewPassword("annakova", "anna@example.com")).toBeNull();
    expect(checkNewPassword("x".repeat(257))).toEqual({ key: "validation.tooLong", params: { max: 256 } });
    expect(isCommonPassword("QWERTY123")).toBe(true);
  });
});

describe("code checks", () => {
  it("accepts 6-digit TOTP codes typed with spaces", () => {
    expect(normalizeCode(" 123 456 ")).toBe("123456");
    expect(checkTotp("123 456")).toBeNull();
    expect(checkTotp("12345")).toEqual({ key: "validation.code" });
    expect(checkTotp("abcdef")).toEqual({ key: "validation.code" });
    expect(checkTotp("")).toEqual({ key: "validation.required" });
    expect(checkCodeOrRecovery("abcd-efgh")).toBeNull();
    expect(codeValue(" 123 456 ")).toBe("123456");
    expect(codeValue(" abcd-efgh ")).toBe("abcd-efgh");
    expect(checkCodeOrRecovery("  ")).toEqual({ key: "validation.required" });
  });
});

describe("numbers, phones and times", () => {
  it("parses numbers with a comma or dot", () => {
    expect(parseNumber("")).toBeNull();
    expect(parseNumber(" 72,5 ")).toBe(72.5);
    expect(parseNumber("1 000")).toBe(1000);
    expect(parseNumber("7e2")).toBeNaN();
  });

  it("checks ranges of optional fields", () => {
    expect(checkRange("", 1, 10)).toBeNull();
    expect(checkRange("11", 1, 10)).toEqual({ key: "validation.range", params: { min: 1, max: 10 } });
    expect(checkRange("2.5", 1, 10, true)).toEqual({ key: "validation.number" });
    expect(checkRange("x", 1, 10)).toEqual({ key: "validation.number" });
  });

  it("accepts E.164 phone numbers", () => {
    expect(normalizePhone("+7 (900) 123-45-67")).toBe("+79001234567");
    expect(checkPhone("+7 (900) 123-45-67")).toBeNull();
    expect(checkPhone("")).toBeNull();
    expect(checkPhone("89001234567")).toEqual({ key: "validation.phone" });
    expect(checkPhone("+0123456789")).toEqual({ key: "validation.phone" });
  });

  it("accepts HH:MM times", () => {
    expect(checkTime("22:00")).toBeNull();
    expect(checkTime("07:30")).toBeNull();
    expect(checkTime("24:00")).toEqual({ key: "validation.time" });
    expect(checkTime("7:30")).toEqual({ key: "validation.time" });
  });

  it("compacts error maps", () => {
    expect(compact({ a: null, b: { key: "validation.required" }, c: undefined })).toEqual({ b: { key: "validation.required" } });
  });
});
