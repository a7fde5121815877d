package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store/migrations"
)

var t0 = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store, db *sqldb.DB)) {
	sqldbtest.ForEachEngine(t, "auth", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		suite(t, store.New(db), db)
	})
}

func account(id, email string) domain.Account {
	return domain.Account{ID: id, Email: email, PasswordHash: "$argon2id$x", Language: "en", CreatedAt: t0}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAccounts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		must(t, s.CreateUser(ctx, account("u1", "a@example.com")))
		if err := s.CreateUser(ctx, account("u2", "a@example.com")); !errors.Is(err, domain.ErrEmailTaken) {
			t.Fatalf("duplicate email: %v", err)
		}
		a, err := s.UserByEmail(ctx, "a@example.com")
		if err != nil || a.ID != "u1" || !a.CreatedAt.Equal(t0) || a.Verified() || a.TwoFactor() {
			t.Fatalf("read %+v %v", a, err)
		}
		if _, err := s.UserByID(ctx, "nope"); !errors.Is(err, domain.ErrUserNotFound) {
			t.Fatalf("missing user: %v", err)
		}
		must(t, s.MarkVerified(ctx, "u1", t0.Add(time.Hour), "$argon2id$new"))
		must(t, s.MarkVerified(ctx, "u1", t0.Add(2*time.Hour), "")) // keeps the first time and the hash
		a, _ = s.UserByID(ctx, "u1")
		if !a.VerifiedAt.Equal(t0.Add(time.Hour)) || a.PasswordHash != "$argon2id$new" {
			t.Fatalf("verified %+v", a)
		}
		must(t, s.RevokeTokensBefore(ctx, "u1", t0.Add(time.Minute)))
		must(t, s.RevokeTokensBefore(ctx, "u1", t0)) // never back
		must(t, s.NoteIssued(ctx, "u1", t0.Add(2*time.Minute)))
		must(t, s.NoteIssued(ctx, "u1", t0))
		a, _ = s.UserByID(ctx, "u1")
		if !a.TokensNotBefore.Equal(t0.Add(time.Minute)) || !a.LastIssuedAt.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("revocation times %+v", a)
		}
		if err := s.SetPassword(ctx, "nope", "x"); !errors.Is(err, domain.ErrUserNotFound) {
			t.Fatalf("set password of nobody: %v", err)
		}
	})
}

func TestTOTPSteps(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		must(t, s.CreateUser(ctx, account("u1", "a@example.com")))
		if ok, _ := s.UseTOTPStep(ctx, "u1", 5); ok {
			t.Fatal("a step used without a secret")
		}
		must(t, s.SetTOTPPending(ctx, "u1", "sealed-1"))
		if err := s.EnableTOTP(ctx, "u1", "sealed-other", 10); !errors.Is(err, domain.ErrNoPendingSetup) {
			t.Fatalf("enable with a stale pending secret: %v", err)
		}
		must(t, s.EnableTOTP(ctx, "u1", "sealed-1", 10))
		a, _ := s.UserByID(ctx, "u1")
		if a.TOTPSecret != "sealed-1" || a.TOTPPending != "" || a.TOTPLastStep != 10 {
			t.Fatalf("enabled %+v", a)
		}
		for step, want := range map[int64]bool{9: false, 10: false} {
			if ok, err := s.UseTOTPStep(ctx, "u1", step); ok != want || err != nil {
				t.Fatalf("step %d: %v %v", step, ok, err)
			}
		}
		// Of concurrent uses of one step, one wins.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Go(func() {
				ok, err := s.UseTOTPStep(ctx, "u1", 11)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				if ok {
					wins++
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d concurrent uses of one step won", wins)
		}
		must(t, s.DisableTOTP(ctx, "u1"))
		if a, _ := s.UserByID(ctx, "u1"); a.TwoFactor() || a.TOTPLastStep != 0 {
			t.Fatalf("disabled %+v", a)
		}
	})
}

func TestGrantsAndKeys(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		if g, err := s.Grants(ctx, "u1"); err != nil || g.Staff || g.Blocked || g.Roles != nil {
			t.Fatalf("no grants %+v %v", g, err)
		}
		must(t, s.SetBlocked(ctx, "u1", true))
		changed, err := s.SaveGrants(ctx, domain.Grants{UserID: "u1", Roles: []string{"admin"}, Permissions: []string{"p.a.b"}, Staff: true, UpdatedAt: t0})
		if err != nil || !changed {
			t.Fatalf("save %v %v", changed, err)
		}
		if changed, _ := s.SaveGrants(ctx, domain.Grants{UserID: "u1", Roles: []string{}, UpdatedAt: t0.Add(-time.Second)}); changed {
			t.Fatal("an older snapshot replaced a newer one")
		}
		g, _ := s.Grants(ctx, "u1")
		if !g.Blocked || !g.Staff || !slices.Equal(g.Roles, []string{"admin"}) || !slices.Equal(g.Permissions, []string{"p.a.b"}) || !g.UpdatedAt.Equal(t0) {
			t.Fatalf("grants %+v", g)
		}
		must(t, s.SetBlocked(ctx, "u1", false))
		if g, _ = s.Grants(ctx, "u1"); g.Blocked || !g.Staff {
			t.Fatalf("unblocked %+v", g)
		}

		pub := make([]byte, 32)
		pub[0], pub[31] = 0xff, 0x80
		must(t, s.AddSigningKey(ctx, domain.SigningKey{ID: "k1", Public: pub, SealedPrivate: "raw:x", CreatedAt: t0, SignsFrom: t0}))
		must(t, s.AddSigningKey(ctx, domain.SigningKey{ID: "k2", Public: pub, SealedPrivate: "raw:y", CreatedAt: t0, SignsFrom: t0.Add(time.Hour)}))
		must(t, s.ExpireSigningKey(ctx, "k1", t0.Add(2*time.Hour)))
		must(t, s.ExpireSigningKey(ctx, "k1", t0.Add(9*time.Hour))) // set once
		ks, err := s.SigningKeys(ctx)
		if err != nil || len(ks) != 2 || ks[0].ID != "k1" || !ks[0].ExpiresAt.Equal(t0.Add(2*time.Hour)) || !slices.Equal(ks[1].Public, pub) || !ks[1].ExpiresAt.IsZero() {
			t.Fatalf("keys %+v %v", ks, err)
		}
		must(t, s.DeleteSigningKey(ctx, "k1"))
		if ks, _ = s.SigningKeys(ctx); len(ks) != 1 {
			t.Fatalf("keys after delete %+v", ks)
		}
	})
}

// TestDeleteUserErasesEverything: no row about the user is left.
func TestDeleteUserErasesEverything(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		ctx := context.Background()
		must(t, s.CreateUser(ctx, account("u1", "a@example.com")))
		must(t, s.CreateUser(ctx, account("u2", "b@example.com")))
		for _, u := range []string{"u1", "u2"} {
			must(t, s.CreateSession(ctx, domain.Session{ID: "s-" + u, UserID: u, CreatedAt: t0, LastSeenAt: t0}))
			must(t, s.AddRefreshToken(ctx, domain.RefreshToken{Hash: "r-" + u, SessionID: "s-" + u, UserID: u, CreatedAt: t0}))
			must(t, s.AddToken(ctx, domain.OneTimeToken{Hash: "t-" + u, Kind: domain.TokenReset, UserID: u, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
			must(t, s.ReplaceRecoveryCodes(ctx, u, []string{"c-" + u}))
			_, _, _ = s.SeeDevice(ctx, u, "d", "ip", t0)
			_, _, _ = s.RecordFailure(ctx, "k-"+u, u, 10, time.Hour, t0)
			_, _ = s.SaveGrants(ctx, domain.Grants{UserID: u, Roles: []string{"coach"}, UpdatedAt: t0})
		}
		must(t, s.DeleteUser(ctx, "u1"))
		if err := s.DeleteUser(ctx, "u1"); !errors.Is(err, domain.ErrUserNotFound) {
			t.Fatalf("second delete: %v", err)
		}
		for _, table := range []string{"users", "sessions", "refresh_tokens", "one_time_tokens", "recovery_codes", "known_devices", "lockouts", "grants"} {
			col := "user_id"
			if table == "users" {
				col = "id"
			}
			var mine, theirs int
			must(t, db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+col+" = 'u1'").Scan(&mine))
			must(t, db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+col+" = 'u2'").Scan(&theirs))
			if mine != 0 || theirs != 1 {
				t.Errorf("%s: %d rows of the deleted user, %d of the other", table, mine, theirs)
			}
		}
	})
}
