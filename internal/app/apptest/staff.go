package apptest

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// Admin makes an administrator the way an operator does (`sporthub admin
// create`, while the platform runs), signs in, enrols two-factor
// authentication and returns the user with a token that carries the admin
// permissions. The platform must run with RealAuth.
func (p *Platform) Admin(t testing.TB, email string) User {
	t.Helper()
	const password = "admin passphrase for tests"
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	id, err := app.CreateAdmin(context.Background(), p.Config, quiet, email, password)
	if err != nil {
		t.Fatalf("create admin: %v", err)
	}
	// The admin role reaches auth as an event relayed from access's outbox,
	// and revokes the tokens issued before it: sign in until a session
	// sees the role, then once more, so the token is surely newer than the
	// revocation.
	Eventually(t, "auth learns the admin role", func() (bool, string) {
		r := p.Do(t, "GET", authBase+"/me", p.Login(t, email, password).Access, nil)
		var m authapi.Me
		if r.Status == 200 {
			r.JSON(t, &m)
		}
		return slices.Contains(m.Roles, "admin"), string(r.Body)
	})
	tok := p.Login(t, email, password)
	u := User{ID: id, Email: email, Password: password, Access: tok.Access, Refresh: tok.Refresh, SessionID: tok.SessionID}
	p.EnableTOTP(t, &u)
	if m := p.Me(t, u.Access); !m.Staff || !slices.Contains(m.Permissions, "access.users.block") {
		t.Fatalf("admin token after 2FA lacks staff permissions: %+v", m)
	}
	return u
}

// Me returns GET /auth/me for token.
func (p *Platform) Me(t testing.TB, token string) authapi.Me {
	t.Helper()
	r := p.Do(t, "GET", authBase+"/me", token, nil)
	if r.Status != 200 {
		t.Fatalf("GET /me: %d %s", r.Status, r.Body)
	}
	var m authapi.Me
	r.JSON(t, &m)
	return m
}

// WaitMe polls GET /auth/me until ok holds (events between services are
// asynchronous), failing the test after 10s.
func (p *Platform) WaitMe(t testing.TB, token string, ok func(authapi.Me) bool) authapi.Me {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		m := p.Me(t, token)
		if ok(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /me did not reach the expected state within 10s: %+v", m)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Eventually retries fn (which reports whether the state is reached and
// what it saw) for up to 10s.
func Eventually(t testing.TB, what string, fn func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, seen := fn()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached within 10s; last seen: %s", what, seen)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
