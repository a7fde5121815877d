package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store"
)

func TestRoles(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		addUser(t, s, "u1", "one@example.com", 1)
		addUser(t, s, "u2", "two@example.com", 2)
		addUser(t, s, "u3", "three@example.com", 3)
		setRoles(t, s, "u1", "admin", "support")
		setRoles(t, s, "u2", "support")

		roles, err := s.Roles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		members := map[string]int{}
		for _, r := range roles {
			members[r.Name] = r.Members
		}
		if want := map[string]int{"admin": 1, "athlete": 3, "coach": 0, "support": 2}; !mapsEqual(members, want) {
			t.Fatalf("members %v, want %v", members, want)
		}
		adm, err := s.Role(ctx, "admin")
		if err != nil || !adm.Staff || !adm.Builtin || !slices.Equal(adm.Permissions, []string{"access.roles.read", "access.users.read"}) {
			t.Fatalf("admin: %+v %v", adm, err)
		}
		if _, err := s.Role(ctx, "nobody"); !errors.Is(err, domain.ErrRoleNotFound) {
			t.Fatalf("missing role: %v", err)
		}

		t.Run("update_keeps_creation", func(t *testing.T) {
			c, _ := s.Role(ctx, "coach")
			c.Staff, c.Permissions, c.Description, c.UpdatedAt = true, []string{"access.users.read"}, "Тренер", time.Now()
			if err := s.SaveRole(ctx, c); err != nil {
				t.Fatal(err)
			}
			got, _ := s.Role(ctx, "coach")
			if !got.Staff || got.Description != "Тренер" || !slices.Equal(got.Permissions, c.Permissions) || !got.CreatedAt.Equal(c.CreatedAt) {
				t.Fatalf("after update: %+v", got)
			}
		})

		t.Run("set_roles_replaces", func(t *testing.T) {
			setRoles(t, s, "u3", "coach", "support")
			setRoles(t, s, "u3", "coach")
			u, err := s.User(ctx, "u3")
			if err != nil || !slices.Equal(u.Roles, []string{"coach"}) {
				t.Fatalf("u3 roles %v %v", u.Roles, err)
			}
			if err := s.SetUserRoles(ctx, "u3", []string{"ghost"}, time.Now()); !errors.Is(err, domain.ErrRoleNotFound) {
				t.Fatalf("unknown role: %v", err)
			}
			setRoles(t, s, "u3")
			if u, _ := s.User(ctx, "u3"); len(u.Roles) != 0 {
				t.Fatalf("roles after clearing: %v", u.Roles)
			}
		})

		t.Run("delete_role_unassigns", func(t *testing.T) {
			r := domain.Role{Name: "temp", Permissions: []string{}, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := s.SaveRole(ctx, r); err != nil {
				t.Fatal(err)
			}
			setRoles(t, s, "u2", "support", "temp")
			if m, _ := s.RoleMembers(ctx, "temp"); !slices.Equal(m, []string{"u2"}) {
				t.Fatalf("members %v", m)
			}
			if err := s.DeleteRole(ctx, "temp"); err != nil {
				t.Fatal(err)
			}
			if u, _ := s.User(ctx, "u2"); !slices.Equal(u.Roles, []string{"support"}) {
				t.Fatalf("u2 keeps a deleted role: %v", u.Roles)
			}
			if err := s.DeleteRole(ctx, "temp"); !errors.Is(err, domain.ErrRoleNotFound) {
				t.Fatalf("second delete: %v", err)
			}
		})

		t.Run("active_holders_skip_blocked", func(t *testing.T) {
			setRoles(t, s, "u2", "admin", "support")
			if n, _ := s.ActiveHolders(ctx, "admin"); n != 2 {
				t.Fatalf("%d active admins, want 2", n)
			}
			if err := s.SetBlocked(ctx, "u2", true, time.Now()); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.ActiveHolders(ctx, "admin"); n != 1 {
				t.Fatalf("%d active admins after a block, want 1", n)
			}
			if err := s.SetBlocked(ctx, "nobody", true, time.Now()); !errors.Is(err, domain.ErrUserNotFound) {
				t.Fatalf("block of a missing user: %v", err)
			}
		})
	})
}

// TestGrantLockSerialisesGuards runs two "remove an admin unless it is the
// last one" transactions at once; with LockGrants exactly one admin must
// remain, on both engines.
func TestGrantLockSerialisesGuards(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for round := range 5 {
			a, b := "a"+string(rune('0'+round)), "b"+string(rune('0'+round))
			addUser(t, s, a, a+"@example.com", round)
			addUser(t, s, b, b+"@example.com", round)
			setRoles(t, s, a, "admin")
			setRoles(t, s, b, "admin")
			var wg sync.WaitGroup
			for _, id := range []string{a, b} {
				wg.Go(func() {
					_ = s.InTx(ctx, func(ctx context.Context) error {
						if err := s.LockGrants(ctx); err != nil {
							return err
						}
						n, err := s.ActiveHolders(ctx, "admin")
						if err != nil || n <= 1 {
							return err
						}
						time.Sleep(20 * time.Millisecond) // widen the window a missing lock would lose in
						return s.SetUserRoles(ctx, id, nil, time.Now())
					})
				})
			}
			wg.Wait()
			if n, _ := s.ActiveHolders(ctx, "admin"); n != 1 {
				t.Fatalf("round %d: %d admins left, want 1", round, n)
			}
			setRoles(t, s, a)
			setRoles(t, s, b)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
