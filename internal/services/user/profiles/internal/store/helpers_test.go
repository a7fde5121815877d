package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store/migrations"
)

// forEachEngine runs suite on a fresh, migrated SQLite and PostgreSQL store.
func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store)) {
	sqldbtest.ForEachEngine(t, "profiles", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		suite(t, store.New(db))
	})
}

var ctx = context.Background()

// t0 has nanoseconds the store drops (it keeps microseconds).
var t0 = time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.UTC)

func ptr[T any](v T) *T { return &v }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// mustProfile creates a profile named name and returns it as stored.
func mustProfile(t *testing.T, s *store.Store, name string) domain.Profile {
	t.Helper()
	p := domain.NewProfile(newID(), name, t0)
	if ok, err := s.CreateProfile(ctx, p); err != nil || !ok {
		t.Fatalf("create %s: %v %v", name, ok, err)
	}
	got, err := s.Profile(ctx, p.UserID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func mustFollow(t *testing.T, s *store.Store, follower, followee string, st domain.FollowStatus, at time.Time) {
	t.Helper()
	if err := s.InsertFollow(ctx, domain.Follow{FollowerID: follower, FolloweeID: followee, Status: st, RequestedAt: at, Since: at}); err != nil {
		t.Fatal(err)
	}
}
