package auth_test

import (
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestAccountLifecycle walks one account from registration to deletion,
// checking answers, cookies and the events on the bus at every step.
func TestAccountLifecycle(t *testing.T) {
	t.Parallel()
	h := start(t)
	email := "runner@example.com"
	pw := "tempo run on thursday"
	chrome := agent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")

	r := h.api("POST", "/register", "", authapi.RegisterRequest{Email: " Runner@Example.com ", Password: pw, Language: "ru"})
	expect(t, r, 202, "")
	var st authapi.Status
	r.json(t, &st)
	if st.Status != authapi.StatusVerificationSent {
		t.Fatalf("register answered %+v", st)
	}
	verify := h.mail(email, authapi.NotifyVerifyEmail)
	if !verify.Critical || verify.Data["link"][:len("https://app.test/verify-email?token=")] != "https://app.test/verify-email?token=" {
		t.Fatalf("verification request %+v", verify)
	}
	reg := h.waitEvents(authapi.EventUserRegistered, verify.UserID, 1)
	var regData authapi.UserRegisteredV1
	if err := reg[0].Decode(&regData); err != nil || regData.Email != email || regData.Language != "ru" {
		t.Fatalf("user_registered %+v (%v)", regData, err)
	}

	// Before verification the right password is refused as unverified.
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: email, Password: pw}), 403, "email_not_verified")
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: linkToken(t, verify)}), 200, "")
	expect(t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: linkToken(t, verify)}), 400, "invalid_or_expired_token")
	h.waitEvents(authapi.EventEmailVerified, verify.UserID, 1)

	r = h.api("POST", "/login", "", authapi.LoginRequest{Email: email, Password: pw}, chrome)
	expect(t, r, 200, "")
	var tok authapi.Tokens
	r.json(t, &tok)
	if tok.TokenType != "Bearer" || tok.ExpiresIn < 590 || tok.ExpiresIn > 601 || tok.RefreshExpiresIn < 29*86400 {
		t.Fatalf("tokens %+v", tok)
	}
	c := r.cookie(authapi.RefreshCookie)
	if c == nil || c.Value != tok.RefreshToken || !c.HttpOnly || c.Path != authapi.BasePath || c.SameSite != 3 {
		t.Fatalf("refresh cookie %+v", c)
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Fatal("tokens may be cached")
	}
	p, err := h.verify(tok.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != verify.UserID || p.SessionID != tok.SessionID || !slices.Equal(p.AMR, []string{"pwd"}) ||
		!slices.Equal(p.Roles, []string{"athlete"}) {
		t.Fatalf("principal %+v", p)
	}
	login := h.waitEvents(authapi.EventLoggedIn, verify.UserID, 1)
	var li authapi.LoggedInV1
	if err := login[0].Decode(&li); err != nil || li.Device != "Chrome on Linux" || li.IP != "127.0.0.1" || !li.NewDevice {
		t.Fatalf("logged_in %+v", li)
	}
	h.noMail(email, authapi.NotifyNewLogin) // the first sign-in is not news

	var me authapi.Me
	r = h.api("GET", "/me", tok.AccessToken, nil)
	expect(t, r, 200, "")
	r.json(t, &me)
	if me.Email != email || !me.EmailVerified || me.TwoFactorEnabled || me.Staff || me.TwoFactorRequired ||
		!slices.Equal(me.Roles, []string{"athlete"}) || me.Permissions == nil {
		t.Fatalf("me %+v", me)
	}

	// Refresh by cookie rotates the refresh token.
	r = h.api("POST", "/refresh", "", nil, withCookie(c))
	expect(t, r, 200, "")
	var tok2 authapi.Tokens
	r.json(t, &tok2)
	if tok2.RefreshToken == tok.RefreshToken || tok2.SessionID != tok.SessionID || r.cookie(authapi.RefreshCookie).Value != tok2.RefreshToken {
		t.Fatalf("refresh did not rotate: %+v", tok2)
	}
	// And by body.
	r = h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok2.RefreshToken})
	expect(t, r, 200, "")
	r.json(t, &tok)

	// A second device gets a new-login notice.
	h.login(email, pw, from("203.0.113.9"), agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1"))
	n := h.mail(email, authapi.NotifyNewLogin)
	if n.Data["device"] != "Safari on iPhone" || n.Data["ip"] != "203.0.113.9" || !n.Critical {
		t.Fatalf("new login notice %+v", n)
	}

	var sessions authapi.Sessions
	r = h.api("GET", "/sessions", tok.AccessToken, nil)
	expect(t, r, 200, "")
	r.json(t, &sessions)
	if len(sessions.Items) != 2 || sessions.Items[1].ID != tok.SessionID || !sessions.Items[1].Current || sessions.Items[0].Current {
		t.Fatalf("sessions %+v", sessions)
	}

	// Logout ends the session: its refresh token and access token die.
	r = h.api("POST", "/logout", tok.AccessToken, nil)
	expect(t, r, 204, "")
	if c := r.cookie(authapi.RefreshCookie); c == nil || c.MaxAge >= 0 {
		t.Fatalf("logout kept the cookie: %+v", c)
	}
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok.RefreshToken}), 401, "invalid_refresh_token")
	expect(t, h.api("GET", "/me", tok.AccessToken, nil), 401, "session_ended")
	rev := h.waitEvents(authapi.EventAccessRevoked, verify.UserID, 1)
	var ar authapi.AccessRevokedV1
	if err := rev[0].Decode(&ar); err != nil || ar.SessionID != tok.SessionID || ar.Reason != authapi.RevokedLogout ||
		!ar.IssuedBefore.After(p.IssuedAt) {
		t.Fatalf("access_revoked %+v", ar)
	}

	// Deletion needs the password, then erases the account.
	tok = h.login(email, pw)
	expect(t, h.do("DELETE", authapi.BasePath+"/me", tok.AccessToken, authapi.DeleteAccountRequest{Password: "wrong password!"}), 403, "invalid_password")
	expect(t, h.do("DELETE", authapi.BasePath+"/me", tok.AccessToken, authapi.DeleteAccountRequest{Password: pw}), 204, "")
	h.waitEvents(authapi.EventUserDeleted, verify.UserID, 1)
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: email, Password: pw}), 401, "invalid_credentials")
	expect(t, h.api("GET", "/me", tok.AccessToken, nil), 401, "session_ended")
	// The address is free again.
	expect(t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: email, Password: pw}), 202, "")
	if n := h.mail(email, authapi.NotifyVerifyEmail); n.UserID == verify.UserID {
		t.Fatal("a deleted account came back")
	}
}
