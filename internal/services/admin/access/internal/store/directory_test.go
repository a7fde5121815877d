package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store"
)

func TestDirectory(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("projection_updates", func(t *testing.T) {
			addUser(t, s, "p1", "Old@Example.com", 1)
			until := t0.Add(time.Hour)
			for _, step := range []func() (bool, error){
				func() (bool, error) { return s.SetEmailVerified(ctx, "p1", "New@Example.com") },
				func() (bool, error) { return s.SetTwoFactor(ctx, "p1", true) },
				func() (bool, error) { return s.SetDisplayName(ctx, "p1", "Иван Петров") },
				func() (bool, error) { return s.SetLockedUntil(ctx, "p1", &until) },
			} {
				if ok, err := step(); err != nil || !ok {
					t.Fatalf("update: %v %v", ok, err)
				}
			}
			u, err := s.User(ctx, "p1")
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != "New@Example.com" || !u.EmailVerified || !u.TwoFactor || u.DisplayName != "Иван Петров" ||
				u.LockedUntil == nil || !u.LockedUntil.Equal(until) || !u.Locked(t0) || u.Locked(until) ||
				!u.RegisteredAt.Equal(t0.Add(time.Minute)) || u.RegisteredAt.Location() != time.UTC {
				t.Fatalf("projected user: %+v", u)
			}
			if ok, err := s.SetEmailVerified(ctx, "p1", ""); err != nil || !ok {
				t.Fatal(err)
			}
			if u, _ := s.User(ctx, "p1"); u.Email != "New@Example.com" {
				t.Fatalf("an event without email blanked it: %q", u.Email)
			}
			if ok, err := s.SetLockedUntil(ctx, "p1", nil); err != nil || !ok {
				t.Fatal(err)
			}
			if u, _ := s.User(ctx, "p1"); u.LockedUntil != nil {
				t.Fatalf("still locked: %v", u.LockedUntil)
			}
			if ok, err := s.SetTwoFactor(ctx, "ghost", true); err != nil || ok {
				t.Fatalf("update of a missing user: %v %v", ok, err)
			}
			if _, err := s.User(ctx, "ghost"); !errors.Is(err, domain.ErrUserNotFound) {
				t.Fatalf("missing user: %v", err)
			}
		})

		t.Run("ensure_then_register", func(t *testing.T) {
			if err := s.EnsureUser(ctx, "boot", "boot@example.com", t0); err != nil {
				t.Fatal(err)
			}
			if err := s.EnsureUser(ctx, "boot", "other@example.com", t0.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if u, _ := s.User(ctx, "boot"); u.Email != "boot@example.com" {
				t.Fatalf("ensure overwrote: %+v", u)
			}
			addUser(t, s, "boot", "real@example.com", 30)
			if u, _ := s.User(ctx, "boot"); u.Email != "real@example.com" || !u.RegisteredAt.Equal(t0.Add(30*time.Minute)) {
				t.Fatalf("registration after bootstrap: %+v", u)
			}
		})

		t.Run("delete_anonymises_actions", func(t *testing.T) {
			addUser(t, s, "gone", "gone@example.com", 40)
			addUser(t, s, "staff", "staff@example.com", 41)
			setRoles(t, s, "gone", "support")
			for i, act := range []domain.StaffAction{
				{ID: "act-1", ActorID: "staff", Target: "gone", Action: domain.ActionRolesChanged, Reason: "promotion", Details: json.RawMessage(`{"roles":["support"]}`), At: t0},
				{ID: "act-2", ActorID: "staff", Target: "gone", Action: domain.ActionUserBlocked, Reason: "spam", At: t0.Add(time.Minute)},
				{ID: "act-3", ActorID: "gone", Target: "staff", Action: domain.ActionUserUnlocked, Reason: "asked", At: t0},
				{ID: "act-4", ActorID: "system", Action: domain.ActionRoleSaved, Reason: "built-in role", At: t0},
			} {
				if err := s.AddAction(ctx, act); err != nil {
					t.Fatalf("action %d: %v", i, err)
				}
			}
			acts, err := s.Actions(ctx, "gone", 10)
			if err != nil || len(acts) != 2 || acts[0].ID != "act-2" || acts[0].ActorEmail != "staff@example.com" ||
				string(acts[0].Details) != "{}" || acts[1].Reason != "promotion" {
				t.Fatalf("actions on gone: %+v %v", acts, err)
			}
			var d map[string][]string
			if err := json.Unmarshal(acts[1].Details, &d); err != nil || !slices.Equal(d["roles"], []string{"support"}) {
				t.Fatalf("details %s: %v", acts[1].Details, err)
			}
			if err := s.DeleteUser(ctx, "gone", "deleted-x"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.User(ctx, "gone"); !errors.Is(err, domain.ErrUserNotFound) {
				t.Fatalf("deleted user still in the directory: %v", err)
			}
			if m, _ := s.RoleMembers(ctx, "support"); slices.Contains(m, "gone") {
				t.Fatalf("deleted user keeps grants: %v", m)
			}
			if acts, _ := s.Actions(ctx, "gone", 10); len(acts) != 0 {
				t.Fatalf("actions still name the deleted user: %+v", acts)
			}
			if acts, _ := s.Actions(ctx, "deleted-x", 10); len(acts) != 2 {
				t.Fatalf("actions under the tombstone: %+v", acts)
			}
			acts, _ = s.Actions(ctx, "staff", 10)
			if len(acts) != 1 || acts[0].ActorID != "gone" || acts[0].ActorEmail != "" {
				t.Fatalf("actions the deleted user took: %+v", acts)
			}
		})
	})
}
