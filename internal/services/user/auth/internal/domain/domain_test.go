package domain

import (
	"slices"
	"testing"
	"time"
)

func TestNormalizeEmail(t *testing.T) {
	ok := map[string]string{
		" Runner@Example.COM ":    "runner@example.com",
		"a.b+tag@sub.example.org": "a.b+tag@sub.example.org",
		"иван@пример.рф":          "иван@пример.рф",
		"o'brien@example.ie":      "o'brien@example.ie",
	}
	for in, want := range ok {
		if got, err := NormalizeEmail("email", in); err != nil || got != want {
			t.Errorf("%q -> %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "plain", "a@b", "@example.com", "a@", "Bob <bob@example.com>", "a b@example.com",
		"a@example.com, b@example.com", string(make([]byte, 300)) + "@example.com"} {
		if _, err := NormalizeEmail("email", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEffectiveGrants(t *testing.T) {
	staff := Grants{Roles: []string{"athlete", "admin", "coach"}, Permissions: []string{"b.x.y", "a.x.y", "a.x.y"}, Staff: true}
	roles, perms := staff.Effective(false)
	if !slices.Equal(roles, []string{RoleAthlete}) || len(perms) != 0 || perms == nil || !staff.TwoFactorRequired(false) {
		t.Fatalf("staff without 2FA: %v %v", roles, perms)
	}
	roles, perms = staff.Effective(true)
	if !slices.Equal(roles, []string{"athlete", "admin", "coach"}) || !slices.Equal(perms, []string{"a.x.y", "b.x.y"}) || staff.TwoFactorRequired(true) {
		t.Fatalf("staff with 2FA: %v %v", roles, perms)
	}
	if held := staff.Held(); !slices.Equal(held, []string{"athlete", "admin", "coach"}) {
		t.Fatalf("held %v", held)
	}
	coach := Grants{Roles: []string{"coach"}}
	if roles, _ := coach.Effective(false); !slices.Equal(roles, []string{"athlete", "coach"}) || coach.TwoFactorRequired(false) {
		t.Fatalf("coach: %v", roles)
	}
	if roles, perms := (Grants{}).Effective(false); !slices.Equal(roles, []string{"athlete"}) || perms == nil {
		t.Fatalf("nobody: %v %v", roles, perms)
	}
}

func TestSessionExpiry(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := Session{CreatedAt: t0, LastSeenAt: t0.Add(80 * 24 * time.Hour)}
	if got := s.ExpiresAt(30*24*time.Hour, 90*24*time.Hour); !got.Equal(t0.Add(90 * 24 * time.Hour)) {
		t.Fatalf("capped expiry %v", got)
	}
	s.LastSeenAt = t0.Add(time.Hour)
	if got := s.ExpiresAt(30*24*time.Hour, 90*24*time.Hour); !got.Equal(t0.Add(time.Hour + 30*24*time.Hour)) {
		t.Fatalf("idle expiry %v", got)
	}
	if !slices.Equal(s.AMR(), []string{"pwd"}) || !slices.Equal((Session{TwoFactor: true}).AMR(), []string{"pwd", "otp"}) {
		t.Fatal("amr")
	}
}
