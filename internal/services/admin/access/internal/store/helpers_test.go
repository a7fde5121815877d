package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store/migrations"
)

// forEachEngine runs suite on a fresh, migrated SQLite and PostgreSQL
// access database holding the roles admin, support and coach.
func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store)) {
	sqldbtest.ForEachEngine(t, "access", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		s := store.New(db)
		now := time.Now()
		for _, r := range []domain.Role{
			{Name: "athlete", Builtin: true, Permissions: []string{}},
			{Name: "admin", Staff: true, Builtin: true, Permissions: []string{"access.roles.read", "access.users.read"}},
			{Name: "support", Staff: true, Builtin: true, Permissions: []string{"access.users.read"}},
			{Name: "coach", Permissions: []string{}},
		} {
			r.CreatedAt, r.UpdatedAt = now, now
			if err := s.SaveRole(context.Background(), r); err != nil {
				t.Fatal(err)
			}
		}
		suite(t, s)
	})
}

var t0 = time.Date(2026, 2, 3, 4, 5, 6, 789000000, time.UTC)

// addUser puts a user in the directory, registered n minutes after t0.
func addUser(t *testing.T, s *store.Store, id, email string, n int) {
	t.Helper()
	if err := s.UpsertUser(context.Background(), id, email, t0.Add(time.Duration(n)*time.Minute)); err != nil {
		t.Fatal(err)
	}
}

func setRoles(t *testing.T, s *store.Store, id string, roles ...string) {
	t.Helper()
	if err := s.SetUserRoles(context.Background(), id, roles, time.Now()); err != nil {
		t.Fatal(err)
	}
}

func ids(users []domain.User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.UserID
	}
	return out
}
