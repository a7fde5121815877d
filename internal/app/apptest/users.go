package apptest

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// RealAuth makes the platform trust its own auth service instead of the
// test issuer, so tests sign up and sign in as users do (SignUp, Login).
// It also makes password hashing cheap and lifts auth's per-address
// throttle, which every request of a test shares.
func RealAuth() Option {
	return func(c *app.Config) {
		c.Authn.JWKSURL = ""
		c.Auth.ArgonMemoryKiB, c.Auth.ArgonTime = 1024, 1
		c.Auth.IPRate, c.Auth.IPBurst = 600000, 100000
	}
}

// User is an account a test signed up, with its current tokens.
type User struct {
	ID        string
	Email     string
	Password  string
	Access    string // access token
	Refresh   string // refresh token
	SessionID string
}

// Tokens are the credentials of a session.
type Tokens struct {
	Access    string
	Refresh   string
	SessionID string
}

const authBase = authapi.BasePath

// SignUp registers email, verifies it with the token of the verification
// notice the auth service asks notify to send, and signs in.
func (p *Platform) SignUp(t testing.TB, email, password string) User {
	t.Helper()
	normalized := strings.ToLower(strings.TrimSpace(email))
	before := len(p.notices(t, authapi.NotifyVerifyEmail, normalized))
	r := p.Do(t, "POST", authBase+"/register", "", authapi.RegisterRequest{Email: email, Password: password, Language: "en"})
	if r.Status != 202 {
		t.Fatalf("register %s: %d %s", email, r.Status, r.Body)
	}
	notice := p.nextNotice(t, authapi.NotifyVerifyEmail, normalized, before)
	u, err := url.Parse(notice.Data["link"])
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("verification link %q", notice.Data["link"])
	}
	r = p.Do(t, "POST", authBase+"/verify-email", "", authapi.TokenRequest{Token: u.Query().Get("token")})
	if r.Status != 200 {
		t.Fatalf("verify %s: %d %s", email, r.Status, r.Body)
	}
	tok := p.Login(t, email, password)
	return User{ID: notice.UserID, Email: notice.Email, Password: password, Access: tok.Access, Refresh: tok.Refresh, SessionID: tok.SessionID}
}

// Login signs in with a password (the account must not have 2FA on).
func (p *Platform) Login(t testing.TB, email, password string) Tokens {
	t.Helper()
	r := p.Do(t, "POST", authBase+"/login", "", authapi.LoginRequest{Email: email, Password: password})
	if r.Status != 200 {
		t.Fatalf("login %s: %d %s", email, r.Status, r.Body)
	}
	var tok authapi.Tokens
	r.JSON(t, &tok)
	if tok.AccessToken == "" {
		t.Fatalf("login %s asked for a second factor: %s", email, r.Body)
	}
	return Tokens{Access: tok.AccessToken, Refresh: tok.RefreshToken, SessionID: tok.SessionID}
}

// EnableTOTP turns on two-factor authentication for u (set-up, then a
// code) and returns the TOTP secret; u's tokens become those of its
// session upgraded by the second factor (staff roles reach the token).
func (p *Platform) EnableTOTP(t testing.TB, u *User) (secret string) {
	t.Helper()
	r := p.Do(t, "POST", authBase+"/2fa/setup", u.Access, nil)
	if r.Status != 200 {
		t.Fatalf("2fa setup: %d %s", r.Status, r.Body)
	}
	var setup authapi.TwoFactorSetup
	r.JSON(t, &setup)
	r = p.Do(t, "POST", authBase+"/2fa/enable", u.Access, authapi.CodeRequest{Code: TOTPCode(t, setup.Secret)})
	if r.Status != 200 {
		t.Fatalf("2fa enable: %d %s", r.Status, r.Body)
	}
	var out authapi.RecoveryCodes
	r.JSON(t, &out)
	if out.Tokens == nil {
		t.Fatalf("2fa enable without tokens: %s", r.Body)
	}
	u.Access, u.Refresh, u.SessionID = out.Tokens.AccessToken, out.Tokens.RefreshToken, out.Tokens.SessionID
	return setup.Secret
}

// TOTPCode is the current code of a TOTP secret. The service accepts each
// 30-second step once, so a test that needs two codes waits for the next step.
func TOTPCode(t testing.TB, secret string) string {
	t.Helper()
	c, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// notices returns the notifications of typ to email published so far.
func (p *Platform) notices(t testing.TB, typ, email string) []notifyapi.RequestedV1 {
	t.Helper()
	var out []notifyapi.RequestedV1
	for _, ev := range bustest.Events(t, p.App.Bus(), notifyapi.EventRequested) {
		var n notifyapi.RequestedV1
		if err := ev.Decode(&n); err == nil && n.Type == typ && n.Email == email {
			out = append(out, n)
		}
	}
	return out
}

// nextNotice waits up to 10s for a notification of typ to email beyond
// the first seen ones and returns it.
func (p *Platform) nextNotice(t testing.TB, typ, email string, seen int) notifyapi.RequestedV1 {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if all := p.notices(t, typ, email); len(all) > seen {
			return all[seen]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new %s notification to %s within 10s", typ, email)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
