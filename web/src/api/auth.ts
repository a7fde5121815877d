// Auth endpoints (/api/v1/user/auth): registration, login with 2FA, tokens,
// password, sessions and two-factor set-up. Typed by the generated OpenAPI
// document (schema.d.ts).
import { call } from "./client";
import type { components } from "./schema";
import { session } from "./session";

type S = components["schemas"];

/** Tokens is a successful login or refresh. */
export type Tokens = S["AuthTokens"];
/** MfaChallenge is a login answer that needs the second factor. */
export type MfaChallenge = S["AuthMFAChallenge"];
/** LoginResult is either tokens or a 2FA challenge. */
export type LoginResult = S["AuthLoginResult"];
/** Me is the signed-in account as GET /me returns it (roles and permissions of this session). */
export type Me = S["AuthMe"];
/** AuthSessionInfo is one signed-in device. */
export type AuthSessionInfo = S["AuthSession"];
/** TwoFactorSetup is the secret to enrol in an authenticator app. */
export type TwoFactorSetup = S["AuthTwoFactorSetup"];

/** isMfaChallenge tells a 2FA challenge from tokens. */
export function isMfaChallenge(r: LoginResult): r is MfaChallenge {
  return (r as MfaChallenge).mfa_required === true;
}

/** register creates an account; the answer is the same whether or not the email is taken. */
export function register(body: S["AuthRegisterInput"]) {
  return call("post", "/api/v1/user/auth/register", { body });
}

/** verifyEmail confirms an address with the emailed token. */
export function verifyEmail(token: string) {
  return call("post", "/api/v1/user/auth/verify-email", { body: { token } });
}

/** resendVerification sends the verification email again. */
export function resendVerification(email: string) {
  return call("post", "/api/v1/user/auth/verify-email/resend", { body: { email } });
}

/** login checks the password; on success the session starts unless 2FA is needed. */
export async function login(email: string, password: string): Promise<LoginResult> {
  const res = await call("post", "/api/v1/user/auth/login", { body: { email, password } });
  if (!isMfaChallenge(res)) session.setTokens(res);
  return res;
}

/** loginSecondFactor completes a login with a TOTP code or a recovery code. */
export async function loginSecondFactor(mfaToken: string, factor: { code?: string; recovery_code?: string }) {
  const res = await call("post", "/api/v1/user/auth/login/2fa", { body: { mfa_token: mfaToken, ...factor } });
  session.setTokens(res);
  return res;
}

/** logout ends this session on the server and locally. */
export async function logout(): Promise<void> {
  try {
    await call("post", "/api/v1/user/auth/logout");
  } finally {
    session.clear();
  }
}

/** forgotPassword asks for a reset link (always accepted). */
export function forgotPassword(email: string) {
  return call("post", "/api/v1/user/auth/password/forgot", { body: { email } });
}

/** resetPassword sets a new password with the emailed token. */
export function resetPassword(token: string, newPassword: string) {
  return call("post", "/api/v1/user/auth/password/reset", { body: { token, new_password: newPassword } });
}

/** unlock lifts a lockout with the emailed token. */
export function unlock(token: string) {
  return call("post", "/api/v1/user/auth/unlock", { body: { token } });
}

/** getMe loads the signed-in account. */
export function getMe(signal?: AbortSignal) {
  return call("get", "/api/v1/user/auth/me", { signal });
}

/** changePassword sets a new password; other sessions end. */
export function changePassword(currentPassword: string, newPassword: string) {
  return call("post", "/api/v1/user/auth/password", {
    body: { current_password: currentPassword, new_password: newPassword },
  });
}

/** deleteAccount deletes the account (code needed when 2FA is on). */
export async function deleteAccount(password: string, code?: string) {
  await call("delete", "/api/v1/user/auth/me", { body: code ? { password, code } : { password } });
  session.clear();
}

/** listSessions lists the account's signed-in devices. */
export function listSessions(signal?: AbortSignal) {
  return call("get", "/api/v1/user/auth/sessions", { signal });
}

/** revokeSession ends one session. */
export function revokeSession(id: string) {
  return call("delete", "/api/v1/user/auth/sessions/{id}", { path: { id } });
}

/** revokeOtherSessions ends every session but this one. */
export function revokeOtherSessions() {
  return call("post", "/api/v1/user/auth/sessions/revoke-others");
}

/** setupTwoFactor starts 2FA enrolment. */
export function setupTwoFactor() {
  return call("post", "/api/v1/user/auth/2fa/setup");
}

/** enableTwoFactor confirms enrolment; the upgraded tokens replace the session's. */
export async function enableTwoFactor(code: string) {
  const res = await call("post", "/api/v1/user/auth/2fa/enable", { body: { code } });
  if (res.tokens) session.setTokens(res.tokens);
  return res;
}

/** disableTwoFactor turns 2FA off (TOTP or recovery code). */
export function disableTwoFactor(code: string) {
  return call("post", "/api/v1/user/auth/2fa/disable", { body: { code } });
}

/** regenerateRecoveryCodes replaces the recovery codes. */
export function regenerateRecoveryCodes(code: string) {
  return call("post", "/api/v1/user/auth/2fa/recovery-codes", { body: { code } });
}
