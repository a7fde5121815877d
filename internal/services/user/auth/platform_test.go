package auth_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestThroughThePlatform: the whole process, gateway in front, trusting
// its own auth service: sign up, use the token on another route, and see
// a logout take effect at the gateway.
func TestThroughThePlatform(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, apptest.RealAuth())
	u := p.SignUp(t, "platform@example.com", "a platform password")
	if u.ID == "" || u.Access == "" || u.Refresh == "" || u.SessionID == "" {
		t.Fatalf("user %+v", u)
	}
	r := p.Do(t, "GET", authapi.BasePath+"/me", u.Access, nil)
	if r.Status != 200 {
		t.Fatalf("me: %d %s", r.Status, r.Body)
	}
	var me authapi.Me
	r.JSON(t, &me)
	if me.UserID != u.ID || me.Email != u.Email {
		t.Fatalf("me %+v", me)
	}
	r = p.Do(t, "GET", authapi.JWKSPath, "", nil)
	if r.Status != 200 {
		t.Fatalf("jwks through the gateway: %d", r.Status)
	}
	secret := p.EnableTOTP(t, &u)
	if secret == "" || p.Do(t, "GET", authapi.BasePath+"/me", u.Access, nil).Status != 200 {
		t.Fatal("the upgraded token does not work")
	}
	var ch authapi.MFAChallenge
	p.Do(t, "POST", authapi.BasePath+"/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}).JSON(t, &ch)
	if !ch.MFARequired {
		t.Fatal("a 2FA account signed in with the password alone")
	}

	// Logout: the revocation reaches the gateway's verifier.
	if r := p.Do(t, "POST", authapi.BasePath+"/logout", u.Access, nil); r.Status != 204 {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	deadline := time.Now().Add(10 * time.Second)
	for p.Do(t, "GET", "/api/v1/user/settings/me", u.Access, nil).Status != 401 {
		if time.Now().After(deadline) {
			t.Fatal("the gateway still accepts the token of an ended session")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
