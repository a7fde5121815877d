package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store"
)

func TestSearchUsers(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		people := []struct{ id, email, name string }{
			{"s01", "anna.smirnova@example.com", "Анна Смирнова"},
			{"s02", "ivan_petrov@example.com", "Иван Петров"},
			{"s03", "ivanpetrov@example.com", "ИВАН Сидоров"},
			{"s04", "100%club@example.com", "Club"},
			{"s05", "boris@mail.example", "Boris Ivanov"},
			{"s06", "olga@example.com", ""},
		}
		for i, p := range people {
			addUser(t, s, p.id, p.email, i)
			if p.name != "" {
				if _, err := s.SetDisplayName(ctx, p.id, p.name); err != nil {
					t.Fatal(err)
				}
			}
		}
		setRoles(t, s, "s02", "support")
		setRoles(t, s, "s05", "support", "coach")
		if err := s.SetBlocked(ctx, "s03", true, time.Now()); err != nil {
			t.Fatal(err)
		}
		future, past := t0.Add(2*time.Hour), t0.Add(-time.Hour)
		if _, err := s.SetLockedUntil(ctx, "s04", &future); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetLockedUntil(ctx, "s06", &past); err != nil {
			t.Fatal(err)
		}
		search := func(q domain.UserQuery) []string {
			t.Helper()
			if q.Limit == 0 {
				q.Limit = 50
			}
			q.Now = t0
			page, err := s.SearchUsers(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return ids(page.Items)
		}
		cases := []struct {
			name string
			q    domain.UserQuery
			want []string
		}{
			{"everyone newest first", domain.UserQuery{}, []string{"s06", "s05", "s04", "s03", "s02", "s01"}},
			{"email substring any case", domain.UserQuery{Text: "PETROV"}, []string{"s03", "s02"}},
			{"underscore is literal", domain.UserQuery{Text: "ivan_"}, []string{"s02"}},
			{"percent is literal", domain.UserQuery{Text: "100%"}, []string{"s04"}},
			{"lone percent matches only a percent", domain.UserQuery{Text: "%"}, []string{"s04"}},
			{"cyrillic name any case", domain.UserQuery{Text: "иван"}, []string{"s03", "s02"}},
			{"cyrillic upper query", domain.UserQuery{Text: "СМИРН"}, []string{"s01"}},
			{"name prefix", domain.UserQuery{Text: "bor"}, []string{"s05"}},
			{"surrounding spaces", domain.UserQuery{Text: "  olga  "}, []string{"s06"}},
			{"role", domain.UserQuery{Role: "support"}, []string{"s05", "s02"}},
			{"role and text", domain.UserQuery{Role: "support", Text: "ivan"}, []string{"s05", "s02"}},
			{"athlete is everyone", domain.UserQuery{Role: "athlete"}, []string{"s06", "s05", "s04", "s03", "s02", "s01"}},
			{"blocked", domain.UserQuery{Status: domain.StatusBlocked}, []string{"s03"}},
			{"locked now, not expired locks", domain.UserQuery{Status: domain.StatusLocked}, []string{"s04"}},
			{"active", domain.UserQuery{Status: domain.StatusActive}, []string{"s06", "s05", "s02", "s01"}},
			{"nothing", domain.UserQuery{Text: "nobody-at-all"}, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if got := search(tc.q); !slices.Equal(got, tc.want) {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			})
		}
		page, _ := s.SearchUsers(ctx, domain.UserQuery{Text: "ivan", Limit: 5, Now: t0})
		if u := page.Items[0]; !slices.Equal(u.Roles, []string{"coach", "support"}) {
			t.Fatalf("roles in results: %+v", u)
		}
	})
}

// TestSearchPaging walks the directory a page at a time, with users
// registered at the same instant, and must see each user exactly once.
func TestSearchPaging(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var want []string
		for i := range 23 {
			id := fmt.Sprintf("p%02d", i)
			addUser(t, s, id, id+"@example.com", i/3) // three users per instant
			want = append(want, id)
		}
		slices.Reverse(want) // newest first; ties by id, descending
		for _, limit := range []int{1, 4, 7, 23, 100} {
			var got []string
			var after *domain.UserCursor
			for pages := 0; ; pages++ {
				if pages > 30 {
					t.Fatal("paging does not end")
				}
				page, err := s.SearchUsers(ctx, domain.UserQuery{Limit: limit, After: after, Now: t0})
				if err != nil {
					t.Fatal(err)
				}
				if len(page.Items) > limit {
					t.Fatalf("%d items on a page of %d", len(page.Items), limit)
				}
				got = append(got, ids(page.Items)...)
				if page.Next == nil {
					break
				}
				after = page.Next
			}
			if !slices.Equal(got, want) {
				t.Fatalf("limit %d: got %v, want %v", limit, got, want)
			}
		}
	})
}
