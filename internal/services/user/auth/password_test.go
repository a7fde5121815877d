package auth_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestPasswordChange: the current password is required; other sessions
// end (with their revocations published), this one goes on.
func TestPasswordChange(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("change@example.com")
	other := h.login(u.Email, u.Password)
	expect(t, h.api("POST", "/password", u.Tokens.AccessToken,
		authapi.ChangePasswordRequest{CurrentPassword: "not my password", NewPassword: "a brand new secret"}), 403, "invalid_password")
	expect(t, h.api("POST", "/password", u.Tokens.AccessToken,
		authapi.ChangePasswordRequest{CurrentPassword: u.Password, NewPassword: "password1"}), 400, "validation_failed")
	expect(t, h.api("POST", "/password", u.Tokens.AccessToken,
		authapi.ChangePasswordRequest{CurrentPassword: u.Password, NewPassword: "a brand new secret"}), 204, "")
	expect(t, h.api("GET", "/me", u.Tokens.AccessToken, nil), 200, "")
	expect(t, h.api("GET", "/me", other.AccessToken, nil), 401, "session_ended")
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: other.RefreshToken}), 401, "invalid_refresh_token")
	evs := h.waitEvents(authapi.EventAccessRevoked, u.ID, 1)
	var ar authapi.AccessRevokedV1
	if err := evs[0].Decode(&ar); err != nil || ar.SessionID != other.SessionID || ar.Reason != authapi.RevokedPassword {
		t.Fatalf("access_revoked %+v", ar)
	}
	h.waitEvents(authapi.EventPasswordChanged, u.ID, 1)
	h.mail(u.Email, authapi.NotifyPasswordChanged)
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}), 401, "invalid_credentials")
	h.login(u.Email, "a brand new secret")
}

// TestPasswordReset: the emailed link works once, within the hour, after a
// password the rules accept; every session ends.
func TestPasswordReset(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("reset@example.com")
	expect(t, h.api("POST", "/password/forgot", "", authapi.EmailRequest{Email: "RESET@example.com"}), 202, "")
	link := h.mail(u.Email, authapi.NotifyPasswordReset)
	token := linkToken(t, link)
	if link.Data["link"] != "https://app.test/reset-password?token="+token {
		t.Fatalf("link %q", link.Data["link"])
	}
	// A refused password does not use the link up.
	expect(t, h.api("POST", "/password/reset", "", authapi.ResetPasswordRequest{Token: token, NewPassword: "reset@example.com"}), 400, "validation_failed")
	expect(t, h.api("POST", "/password/reset", "", authapi.ResetPasswordRequest{Token: token, NewPassword: "fresh start 2026"}), 204, "")
	expect(t, h.api("POST", "/password/reset", "", authapi.ResetPasswordRequest{Token: token, NewPassword: "fresh start 2027"}), 400, "invalid_or_expired_token")
	expect(t, h.api("GET", "/me", u.Tokens.AccessToken, nil), 401, "session_ended")
	evs := h.waitEvents(authapi.EventAccessRevoked, u.ID, 1)
	var ar authapi.AccessRevokedV1
	if err := evs[0].Decode(&ar); err != nil || ar.SessionID != u.Tokens.SessionID || ar.Reason != authapi.RevokedPasswordReset {
		t.Fatalf("access_revoked %+v", ar)
	}
	h.login(u.Email, "fresh start 2026")

	// A link older than an hour is refused.
	expect(t, h.api("POST", "/password/forgot", "", authapi.EmailRequest{Email: u.Email}), 202, "")
	late := linkToken(t, h.mail(u.Email, authapi.NotifyPasswordReset))
	h.clock.Advance(time.Hour + time.Second)
	expect(t, h.api("POST", "/password/reset", "", authapi.ResetPasswordRequest{Token: late, NewPassword: "too late now"}), 400, "invalid_or_expired_token")
}

// TestRegistrationOfAPendingAddress: registering an unverified address
// again sends a new link carrying the new password; whichever link is
// used sets the password, and the others die.
func TestRegistrationOfAPendingAddress(t *testing.T) {
	t.Parallel()
	h := start(t)
	email := "squat@example.com"
	expect(t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: email, Password: "squatter password"}), 202, "")
	squatter := linkToken(t, h.mail(email, authapi.NotifyVerifyEmail))
	expect(t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: email, Password: "the owner's password"}), 202, "")
	owner := linkToken(t, h.mail(email, authapi.NotifyVerifyEmail))
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: owner}), 200, "")
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: squatter}), 400, "invalid_or_expired_token")
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: email, Password: "squatter password"}), 401, "invalid_credentials")
	h.login(email, "the owner's password")
	// Verification links expire after a day.
	expect(t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: "late@example.com", Password: "a late password"}), 202, "")
	late := linkToken(t, h.mail("late@example.com", authapi.NotifyVerifyEmail))
	h.clock.Advance(24*time.Hour + time.Second)
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: late}), 400, "invalid_or_expired_token")
	expect(t, h.api("POST", "/verify-email/resend", "", authapi.EmailRequest{Email: "late@example.com"}), 202, "")
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: linkToken(t, h.mail("late@example.com", authapi.NotifyVerifyEmail))}), 200, "")
}
