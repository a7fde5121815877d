package auth_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/twofactor"
)

// enable2FA enrols u in TOTP and returns the secret and recovery codes;
// u's tokens are replaced by those enable returns.
func (h *harness) enable2FA(u *user) (string, []string) {
	h.t.Helper()
	r := h.api("POST", "/2fa/setup", u.Tokens.AccessToken, nil)
	expect(h.t, r, 200, "")
	var setup authapi.TwoFactorSetup
	r.json(h.t, &setup)
	h.clock.alignStep()
	r = h.api("POST", "/2fa/enable", u.Tokens.AccessToken, authapi.CodeRequest{Code: h.code(setup.Secret, 0)})
	expect(h.t, r, 200, "")
	var out authapi.RecoveryCodes
	r.json(h.t, &out)
	if out.Tokens == nil || len(out.RecoveryCodes) != 10 {
		h.t.Fatalf("enable answered %s", r.Body)
	}
	u.Tokens = *out.Tokens
	return setup.Secret, out.RecoveryCodes
}

// code is the TOTP code of secret `back` steps before now.
func (h *harness) code(secret string, back int64) string {
	h.t.Helper()
	c, err := twofactor.Code(secret, twofactor.Step(h.clock.Now())-back)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// challenge signs in with a password and returns the MFA token.
func (h *harness) challenge(u *user) string {
	h.t.Helper()
	r := h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password})
	expect(h.t, r, 200, "")
	var ch authapi.MFAChallenge
	r.json(h.t, &ch)
	if !ch.MFARequired || ch.MFAToken == "" || ch.ExpiresIn != 300 || r.cookie(authapi.RefreshCookie) != nil {
		h.t.Fatalf("challenge %s", r.Body)
	}
	return ch.MFAToken
}

func TestTwoFactorEnrolment(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("two@example.com")
	r := h.api("POST", "/2fa/setup", u.Tokens.AccessToken, nil)
	expect(t, r, 200, "")
	var setup authapi.TwoFactorSetup
	r.json(t, &setup)
	ou, err := url.Parse(setup.OTPAuthURL)
	if err != nil || ou.Scheme != "otpauth" || ou.Host != "totp" || ou.Query().Get("issuer") != "SportHub" ||
		ou.Query().Get("secret") != setup.Secret || !strings.Contains(ou.Path, "two@example.com") ||
		!strings.HasPrefix(setup.QRPNG, "data:image/png;base64,iVBOR") || len(setup.Secret) != 32 {
		t.Fatalf("setup %+v", setup)
	}
	expect(t, h.api("POST", "/2fa/enable", u.Tokens.AccessToken, authapi.CodeRequest{Code: "000000"}), 403, "invalid_code")
	expect(t, h.api("POST", "/2fa/disable", u.Tokens.AccessToken, authapi.CodeRequest{Code: "000000"}), 409, "two_factor_not_enabled")
	old := u.Tokens
	_, codes := h.enable2FA(u) // a second setup replaces the pending secret
	p, err := h.verify(u.Tokens.AccessToken)
	if err != nil || !slices.Equal(p.AMR, []string{"pwd", "otp"}) || u.Tokens.SessionID != old.SessionID {
		t.Fatalf("upgraded token %+v (%v)", p, err)
	}
	// The old refresh token was replaced by the upgrade.
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: old.RefreshToken}), 401, "invalid_refresh_token")
	h.waitEvents(authapi.EventTwoFactorChanged, u.ID, 1)
	if n := h.mail(u.Email, authapi.NotifyTwoFactorChanged); n.Data["enabled"] != "true" {
		t.Fatalf("notice %+v", n)
	}
	expect(t, h.api("POST", "/2fa/setup", u.Tokens.AccessToken, nil), 409, "two_factor_enabled")
	var me authapi.Me
	h.api("GET", "/me", u.Tokens.AccessToken, nil).json(t, &me)
	if !me.TwoFactorEnabled {
		t.Fatalf("me %+v", me)
	}

	// New recovery codes need a code and replace the old ones.
	r = h.api("POST", "/2fa/recovery-codes", u.Tokens.AccessToken, authapi.CodeRequest{Code: codes[0]})
	expect(t, r, 200, "")
	var fresh authapi.RecoveryCodes
	r.json(t, &fresh)
	if len(fresh.RecoveryCodes) != 10 || slices.Contains(fresh.RecoveryCodes, codes[1]) {
		t.Fatalf("regenerated %+v", fresh)
	}
	expect(t, h.api("POST", "/2fa/disable", u.Tokens.AccessToken, authapi.CodeRequest{Code: codes[1]}), 403, "invalid_code")

	// Turning it off takes a valid code and ends the 2FA state of sessions.
	expect(t, h.api("POST", "/2fa/disable", u.Tokens.AccessToken, authapi.CodeRequest{Code: fresh.RecoveryCodes[3]}), 204, "")
	expect(t, h.api("GET", "/me", u.Tokens.AccessToken, nil), 401, "session_ended") // its token was revoked
	tok := h.login(u.Email, u.Password)
	if n := h.mail(u.Email, authapi.NotifyTwoFactorChanged); n.Data["enabled"] != "false" {
		t.Fatalf("notice %+v", n)
	}
	var sessions authapi.Sessions
	h.api("GET", "/sessions", tok.AccessToken, nil).json(t, &sessions)
	for _, s := range sessions.Items {
		if s.TwoFactor {
			t.Fatalf("session %s still counts as 2FA", s.ID)
		}
	}
}

// TestTOTPReplay: a code works once; the previous step is accepted only
// while unused and newer than the last accepted one; two steps back never.
func TestTOTPReplay(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("replay@example.com")
	secret, _ := h.enable2FA(u) // used the current step

	// The code enable used cannot sign in.
	mfa := h.challenge(u)
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: h.code(secret, 0)}), 401, "invalid_code")
	// Next step: its code works once.
	h.clock.Advance(30_000_000_000)
	code := h.code(secret, 0)
	r := h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: code})
	expect(t, r, 200, "")
	var tok authapi.Tokens
	r.json(t, &tok)
	if p, err := h.verify(tok.AccessToken); err != nil || !slices.Contains(p.AMR, "otp") {
		t.Fatalf("2FA login token %+v (%v)", p, err)
	}
	// The MFA token is spent, and the same code is refused with a new one.
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: code}), 401, "invalid_mfa_token")
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), Code: code}), 401, "invalid_code")

	// A step later, the previous step's code (already used) is refused, and
	// one from two steps back is refused even if never used.
	h.clock.Advance(30_000_000_000)
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), Code: h.code(secret, 1)}), 401, "invalid_code")
	h.clock.Advance(60_000_000_000)
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), Code: h.code(secret, 2)}), 401, "invalid_code")
	// One step back, unused: accepted (a code typed as it changed).
	r = h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), Code: h.code(secret, 1)})
	expect(t, r, 200, "")
}

// TestRecoveryCodesAreSingleUse: a recovery code signs in once.
func TestRecoveryCodesAreSingleUse(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("recover@example.com")
	_, codes := h.enable2FA(u)
	upper := strings.ToUpper(codes[2]) // codes are read case-insensitively
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), RecoveryCode: upper}), 200, "")
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), RecoveryCode: codes[2]}), 401, "invalid_code")
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), RecoveryCode: "aaaa-bbbb-cc"}), 401, "invalid_code")
	// One MFA token survives a few wrong codes, then is spent.
	mfa := h.challenge(u)
	for range 5 {
		expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: "000000"}), 401, "invalid_code")
	}
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, RecoveryCode: codes[3]}), 401, "invalid_mfa_token")
	// Bad input is refused before anything is checked.
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: "1", RecoveryCode: "2"}), 400, "validation_failed")
	// The MFA token expires after five minutes.
	mfa = h.challenge(u)
	h.clock.Advance(5*60_000_000_000 + 1)
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, RecoveryCode: codes[4]}), 401, "invalid_mfa_token")
}

// TestCodeGuessingLocksOut: wrong second-factor codes count towards the
// lockout, and knowing the password does not reset the count.
func TestCodeGuessingLocksOut(t *testing.T) {
	t.Parallel()
	h := start(t, lockAfter(3))
	u := h.signUp("guess@example.com")
	h.enable2FA(u)
	for range 2 {
		expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: h.challenge(u), Code: "000000"}), 401, "invalid_code")
	}
	mfa := h.challenge(u) // the right password again
	expect(t, h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: mfa, Code: "111111"}), 401, "invalid_code")
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}), 423, "account_locked")
	h.mail(u.Email, authapi.NotifyAccountLocked)
}
