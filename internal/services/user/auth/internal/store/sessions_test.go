package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store"
)

func TestSessionsAndRefreshTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, _ *sqldb.DB) {
		ctx := context.Background()
		must(t, s.CreateUser(ctx, account("u1", "a@example.com")))
		must(t, s.CreateUser(ctx, account("u2", "b@example.com")))
		for i, id := range []string{"s1", "s2", "s3"} {
			must(t, s.CreateSession(ctx, domain.Session{ID: id, UserID: "u1", Device: "Chrome on Linux", IP: "192.0.2.1",
				CreatedAt: t0.Add(time.Duration(i) * time.Minute), LastSeenAt: t0.Add(time.Duration(i) * time.Minute)}))
		}
		must(t, s.CreateSession(ctx, domain.Session{ID: "b1", UserID: "u2", CreatedAt: t0, LastSeenAt: t0}))
		list, err := s.Sessions(ctx, "u1")
		if err != nil || len(list) != 3 || list[0].ID != "s3" {
			t.Fatalf("sessions %+v %v", list, err)
		}
		must(t, s.TouchSession(ctx, "s1", "198.51.100.1", t0.Add(time.Hour)))
		must(t, s.SetSessionTwoFactor(ctx, "s1", true))
		s1, _ := s.Session(ctx, "s1")
		if s1.IP != "198.51.100.1" || !s1.LastSeenAt.Equal(t0.Add(time.Hour)) || !s1.TwoFactor {
			t.Fatalf("touched %+v", s1)
		}
		must(t, s.ClearTwoFactor(ctx, "u1"))
		if s1, _ = s.Session(ctx, "s1"); s1.TwoFactor {
			t.Fatal("2FA flag kept")
		}

		must(t, s.AddRefreshToken(ctx, domain.RefreshToken{Hash: "h1", SessionID: "s1", UserID: "u1", CreatedAt: t0}))
		if ok, _ := s.ReplaceRefreshToken(ctx, "h1", t0.Add(time.Minute)); !ok {
			t.Fatal("first replace refused")
		}
		if ok, _ := s.ReplaceRefreshToken(ctx, "h1", t0.Add(2*time.Minute)); ok {
			t.Fatal("a token was replaced twice")
		}
		rt, err := s.RefreshToken(ctx, "h1")
		if err != nil || !rt.ReplacedAt.Equal(t0.Add(time.Minute)) || rt.SessionID != "s1" {
			t.Fatalf("token %+v %v", rt, err)
		}
		if _, err := s.RefreshToken(ctx, "nope"); !errors.Is(err, domain.ErrInvalidRefresh) {
			t.Fatalf("unknown token: %v", err)
		}
		must(t, s.AddRefreshToken(ctx, domain.RefreshToken{Hash: "h2", SessionID: "s1", UserID: "u1", CreatedAt: t0}))
		must(t, s.DropCurrentRefreshToken(ctx, "s1"))
		if _, err := s.RefreshToken(ctx, "h2"); !errors.Is(err, domain.ErrInvalidRefresh) {
			t.Fatal("the current token survived")
		}
		if _, err := s.RefreshToken(ctx, "h1"); err != nil {
			t.Fatal("a replaced token was dropped: reuse would go unnoticed")
		}
		if n, _ := s.PruneRefreshTokens(ctx, t0.Add(90*time.Second)); n != 1 {
			t.Fatalf("pruned %d", n)
		}

		// Ending sessions is scoped to their owner.
		if ok, _ := s.DeleteSession(ctx, "u2", "s2"); ok {
			t.Fatal("another user's session ended")
		}
		must(t, s.AddRefreshToken(ctx, domain.RefreshToken{Hash: "h3", SessionID: "s2", UserID: "u1", CreatedAt: t0}))
		if ok, _ := s.DeleteSession(ctx, "u1", "s2"); !ok {
			t.Fatal("own session not ended")
		}
		if _, err := s.RefreshToken(ctx, "h3"); !errors.Is(err, domain.ErrInvalidRefresh) {
			t.Fatal("a refresh token outlived its session")
		}
		ended, err := s.DeleteSessions(ctx, "u1", "s1")
		if err != nil || !slices.Equal(ended, []string{"s3"}) {
			t.Fatalf("ended %v %v", ended, err)
		}
		if _, err := s.Session(ctx, "b1"); err != nil {
			t.Fatal("another user's session ended")
		}
		if n, _ := s.DeleteExpiredSessions(ctx, t0.Add(30*time.Minute), t0.Add(-time.Hour)); n != 1 { // b1 idle since t0
			t.Fatalf("expired %d", n)
		}

		isNew, hadAny, _ := s.SeeDevice(ctx, "u1", "Chrome on Linux", "192.0.2.1", t0)
		if !isNew || hadAny {
			t.Fatal("first device")
		}
		isNew, hadAny, _ = s.SeeDevice(ctx, "u1", "Chrome on Linux", "192.0.2.1", t0)
		if isNew || !hadAny {
			t.Fatal("known device")
		}
		if isNew, hadAny, _ = s.SeeDevice(ctx, "u1", "Chrome on Linux", "192.0.2.2", t0); !isNew || !hadAny {
			t.Fatal("same device, new address")
		}
	})
}
