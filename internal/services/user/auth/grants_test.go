package auth_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

func (h *harness) me(token string) authapi.Me {
	h.t.Helper()
	r := h.api("GET", "/me", token, nil)
	expect(h.t, r, 200, "")
	var me authapi.Me
	r.json(h.t, &me)
	return me
}

// refresh exchanges u's refresh token, failing the test unless it works.
func (h *harness) refresh(u *user) {
	h.t.Helper()
	r := h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: u.Tokens.RefreshToken})
	expect(h.t, r, 200, "")
	r.json(h.t, &u.Tokens)
}

// TestStaffNeedTwoFactor: grants come from access's events; a staff role
// reaches the token only in a session that passed 2FA, and every change of
// grants revokes the tokens carrying the old ones.
func TestStaffNeedTwoFactor(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("staff@example.com")
	coach := h.signUp("coach@example.com")

	publish(t, h, accessapi.EventGrantsChanged, coach.ID, accessapi.GrantsChangedV1{UserID: coach.ID,
		Roles: []string{"athlete", "coach"}, Permissions: []string{}, ActorID: "admin-1", Reason: "certified", At: time.Now()})
	h.waitEvents(authapi.EventAccessRevoked, coach.ID, 1)
	h.refresh(coach)
	if p, err := h.verify(coach.Tokens.AccessToken); err != nil || !slices.Equal(p.Roles, []string{"athlete", "coach"}) {
		t.Fatalf("coach token %+v (%v)", p, err)
	}

	grants := accessapi.GrantsChangedV1{UserID: u.ID, Roles: []string{"athlete", "support"},
		Permissions: []string{"access.users.unlock", "access.users.read"}, Staff: true, ActorID: "admin-1", Reason: "hired", At: time.Now()}
	publish(t, h, accessapi.EventGrantsChanged, u.ID, grants)
	evs := h.waitEvents(authapi.EventAccessRevoked, u.ID, 1)
	var ar authapi.AccessRevokedV1
	if err := evs[0].Decode(&ar); err != nil || ar.Reason != authapi.RevokedGrants || ar.SessionID != "" {
		t.Fatalf("access_revoked %+v", ar)
	}
	// The token with the old grants is revoked; the auth service refuses it too.
	expect(t, h.api("GET", "/me", u.Tokens.AccessToken, nil), 401, "session_ended")
	h.refresh(u)
	me := h.me(u.Tokens.AccessToken)
	if !me.Staff || !me.TwoFactorRequired || !slices.Equal(me.Roles, []string{"athlete", "support"}) || len(me.Permissions) != 0 {
		t.Fatalf("staff without 2FA: %+v", me)
	}
	p, err := h.verify(u.Tokens.AccessToken)
	if err != nil || len(p.Permissions) != 0 || slices.Contains(p.Roles, "support") {
		t.Fatalf("staff token without 2FA %+v (%v)", p, err)
	}

	h.enable2FA(u) // the session upgrades at once
	p, err = h.verify(u.Tokens.AccessToken)
	if err != nil || !slices.Equal(p.Roles, []string{"athlete", "support"}) ||
		!slices.Equal(p.Permissions, []string{"access.users.read", "access.users.unlock"}) || !slices.Contains(p.AMR, "otp") {
		t.Fatalf("staff token after 2FA %+v (%v)", p, err)
	}
	if me := h.me(u.Tokens.AccessToken); me.TwoFactorRequired || !slices.Equal(me.Roles, []string{"athlete", "support"}) {
		t.Fatalf("me after 2FA %+v", me)
	}
	// A sign-in with only the password does not give staff rights either:
	// it needs the second step.
	h.challenge(u)

	// An older snapshot arriving late changes nothing.
	stale := grants
	stale.Roles, stale.Permissions, stale.At = []string{"athlete"}, nil, grants.At.Add(-time.Hour)
	publish(t, h, accessapi.EventGrantsChanged, u.ID, stale)
	marker := h.signUp("marker@example.com") // events are handled in order: after this, stale was seen
	publish(t, h, accessapi.EventGrantsChanged, marker.ID, accessapi.GrantsChangedV1{UserID: marker.ID, Roles: []string{"athlete"}, At: time.Now()})
	h.waitEvents(authapi.EventAccessRevoked, marker.ID, 1)
	if n := len(h.events(authapi.EventAccessRevoked, u.ID)); n != 2 { // grants, then 2FA enable
		t.Fatalf("%d revocations after a stale snapshot", n)
	}
	h.refresh(u)
	if p, _ := h.verify(u.Tokens.AccessToken); !slices.Contains(p.Roles, "support") {
		t.Fatalf("a stale snapshot replaced the grants: %+v", p)
	}
}

// TestBlockedUsers: a block ends every session at once and refuses
// sign-in after a correct password; an unblock lets the user back in.
func TestBlockedUsers(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("blocked@example.com")
	publish(t, h, accessapi.EventUserBlocked, u.ID, accessapi.UserActionV1{UserID: u.ID, ActorID: "mod-1", Reason: "spam", At: time.Now()})
	evs := h.waitEvents(authapi.EventAccessRevoked, u.ID, 1)
	var ar authapi.AccessRevokedV1
	if err := evs[0].Decode(&ar); err != nil || ar.Reason != authapi.RevokedBlocked || ar.SessionID != "" {
		t.Fatalf("access_revoked %+v", ar)
	}
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: u.Tokens.RefreshToken}), 401, "invalid_refresh_token")
	expect(t, h.api("GET", "/me", u.Tokens.AccessToken, nil), 401, "session_ended")
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: "wrong password"}), 401, "invalid_credentials")
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}), 403, "user_blocked")

	publish(t, h, accessapi.EventUserUnblocked, u.ID, accessapi.UserActionV1{UserID: u.ID, ActorID: "mod-1", Reason: "appeal", At: time.Now()})
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password})
		if r.Status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still refused after the unblock: %s", r.Body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
