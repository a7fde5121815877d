package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store"
)

func TestSingleUseTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		must(t, s.CreateUser(ctx, account("u1", "a@example.com")))
		tok := domain.OneTimeToken{Hash: "t1", Kind: domain.TokenReset, UserID: "u1", Data: "d", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		must(t, s.AddToken(ctx, tok))
		if _, err := s.TakeToken(ctx, "t1", domain.TokenVerifyEmail, t0); !errors.Is(err, domain.ErrInvalidLinkToken) {
			t.Fatal("taken as another kind")
		}
		if _, err := s.TakeToken(ctx, "t1", domain.TokenReset, t0.Add(time.Hour)); !errors.Is(err, domain.ErrInvalidLinkToken) {
			t.Fatal("taken after expiry")
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Go(func() {
				got, err := s.TakeToken(ctx, "t1", domain.TokenReset, t0.Add(time.Minute))
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					wins++
					if got.UserID != "u1" || got.Data != "d" {
						t.Errorf("taken %+v", got)
					}
				} else if !errors.Is(err, domain.ErrInvalidLinkToken) {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d takes of one token won", wins)
		}
		if _, err := s.Token(ctx, "t1", domain.TokenReset, t0); !errors.Is(err, domain.ErrInvalidLinkToken) {
			t.Fatal("a used token reads as usable")
		}

		must(t, s.AddToken(ctx, domain.OneTimeToken{Hash: "m1", Kind: domain.TokenMFA, UserID: "u1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		for i := 1; i <= 3; i++ {
			if n, _ := s.FailToken(ctx, "m1", 3, t0); n != i {
				t.Fatalf("attempt %d counted as %d", i, n)
			}
		}
		if _, err := s.Token(ctx, "m1", domain.TokenMFA, t0); !errors.Is(err, domain.ErrInvalidLinkToken) {
			t.Fatal("a token survived its attempts")
		}
		must(t, s.AddToken(ctx, domain.OneTimeToken{Hash: "v1", Kind: domain.TokenVerifyEmail, UserID: "u1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		must(t, s.DeleteTokens(ctx, "u1", domain.TokenVerifyEmail))
		if _, err := s.Token(ctx, "v1", domain.TokenVerifyEmail, t0); err == nil {
			t.Fatal("deleted token readable")
		}
		if n, _ := s.PruneTokens(ctx, t0.Add(2*time.Hour)); n != 2 {
			t.Fatalf("pruned %d", n)
		}

		must(t, s.ReplaceRecoveryCodes(ctx, "u1", []string{"c1", "c2"}))
		if ok, _ := s.UseRecoveryCode(ctx, "u1", "c1", t0); !ok {
			t.Fatal("code refused")
		}
		if ok, _ := s.UseRecoveryCode(ctx, "u1", "c1", t0); ok {
			t.Fatal("code used twice")
		}
		if n, _ := s.UnusedRecoveryCodes(ctx, "u1"); n != 1 {
			t.Fatalf("%d unused", n)
		}
		must(t, s.ReplaceRecoveryCodes(ctx, "u1", []string{"c3"}))
		if ok, _ := s.UseRecoveryCode(ctx, "u1", "c2", t0); ok {
			t.Fatal("a replaced code works")
		}
	})
}

func TestLockouts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		for i := 1; i <= 2; i++ {
			l, locked, err := s.RecordFailure(ctx, "k1", "u1", 3, time.Hour, t0)
			if err != nil || locked || l.Failures != i {
				t.Fatalf("failure %d: %+v %v %v", i, l, locked, err)
			}
		}
		l, locked, _ := s.RecordFailure(ctx, "k1", "u1", 3, time.Hour, t0)
		if !locked || !l.LockedUntil.Equal(t0.Add(time.Hour)) || !l.Locked(t0.Add(59*time.Minute)) || l.Locked(t0.Add(time.Hour)) {
			t.Fatalf("third failure %+v %v", l, locked)
		}
		if got, _ := s.Lockout(ctx, "k1"); !got.Locked(t0) || got.UserID != "u1" {
			t.Fatalf("lockout %+v", got)
		}
		if got, _ := s.Lockout(ctx, "unknown"); got.Locked(t0) || got.Failures != 0 {
			t.Fatalf("no lockout %+v", got)
		}
		// Concurrent failures are all counted.
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				if _, _, err := s.RecordFailure(ctx, "k2", "", 100, time.Hour, t0); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if got, _ := s.Lockout(ctx, "k2"); got.Failures != 5 {
			t.Fatalf("%d of 5 concurrent failures counted", got.Failures)
		}
		ended, err := s.ExpireLockouts(ctx, t0.Add(time.Hour), t0.Add(time.Second))
		if err != nil || len(ended) != 1 || ended[0].Key != "k1" {
			t.Fatalf("expired %+v %v", ended, err)
		}
		if got, _ := s.Lockout(ctx, "k2"); got.Failures != 0 {
			t.Fatal("stale failure counts kept")
		}
		_, _, _ = s.RecordFailure(ctx, "k3", "u1", 1, time.Hour, t0)
		cleared, _ := s.ClearLockout(ctx, "k3")
		if !cleared.Locked(t0) {
			t.Fatalf("cleared %+v", cleared)
		}
		if got, _ := s.Lockout(ctx, "k3"); got.Locked(t0) {
			t.Fatal("still locked")
		}
	})
}
