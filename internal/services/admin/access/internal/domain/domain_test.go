package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

func catalog(t *testing.T) *domain.Catalog {
	t.Helper()
	c, err := domain.NewCatalog(accessapi.Permissions, []accessapi.PermissionInfo{
		{Name: "catalog.products.write"}, {Name: "access.users.read", Description: map[string]string{"en": "dup"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCatalog(t *testing.T) {
	c := catalog(t)
	names := c.Names()
	if len(names) != len(accessapi.Permissions)+1 || !slices.IsSorted(names) || !c.Has("catalog.products.write") || c.Has("catalog.products") {
		t.Fatalf("catalog %v", names)
	}
	for _, p := range c.Items() {
		if p.Name == "access.users.read" && p.Description["en"] == "dup" {
			t.Fatal("a duplicate replaced the first description")
		}
	}
	if m := c.Missing([]string{"access.users.read"}); len(m) != len(names)-1 || slices.Contains(m, "access.users.read") {
		t.Fatalf("missing %v", m)
	}
	for _, bad := range []string{"Catalog.products.write", "catalog.products", "catalog..write", "catalog.products.write.x", ""} {
		if _, err := domain.NewCatalog([]accessapi.PermissionInfo{{Name: bad}}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, p := range accessapi.Permissions {
		if p.Description["ru"] == "" || p.Description["en"] == "" {
			t.Errorf("%s lacks a description", p.Name)
		}
	}
}

func codes(t *testing.T, err error) []string {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
		t.Fatalf("want a validation error, got %v", err)
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestCheckRole(t *testing.T) {
	c := catalog(t)
	if err := domain.CheckRole(domain.Role{Name: "editor", Permissions: []string{"catalog.products.write"}}, c); err != nil {
		t.Fatalf("valid role refused: %v", err)
	}
	all := c.Names()
	if err := domain.CheckRole(domain.Role{Name: "admin", Staff: true, Permissions: all}, c); err != nil {
		t.Fatalf("complete admin refused: %v", err)
	}
	cases := []struct {
		name string
		role domain.Role
		want []string
	}{
		{"name too short", domain.Role{Name: "a"}, []string{"name:invalid_format"}},
		{"name capital", domain.Role{Name: "Editor"}, []string{"name:invalid_format"}},
		{"name digit first", domain.Role{Name: "1editor"}, []string{"name:invalid_format"}},
		{"name too long", domain.Role{Name: "a" + strings.Repeat("b", 31)}, []string{"name:invalid_format"}},
		{"unknown permission", domain.Role{Name: "editor", Permissions: []string{"catalog.products.write", "root.all.do"}}, []string{"permissions[1]:unknown_permission"}},
		{"long description", domain.Role{Name: "editor", Description: strings.Repeat("я", 501)}, []string{"description:too_long"}},
		{"athlete with permissions", domain.Role{Name: "athlete", Permissions: []string{"access.users.read"}}, []string{"permissions:implicit_role"}},
		{"athlete staff", domain.Role{Name: "athlete", Staff: true}, []string{"permissions:implicit_role"}},
		{"admin missing one", domain.Role{Name: "admin", Staff: true, Permissions: all[1:]}, []string{"permissions:admin_holds_all"}},
		{"admin not staff", domain.Role{Name: "admin", Permissions: all}, []string{"permissions:admin_holds_all"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := codes(t, domain.CheckRole(tc.role, c)); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGrantsOf(t *testing.T) {
	roles := map[string]domain.Role{
		"support": {Name: "support", Staff: true, Permissions: []string{"access.users.unlock", "access.users.read"}},
		"coach":   {Name: "coach"},
		"editor":  {Name: "editor", Permissions: []string{"catalog.products.write", "access.users.read"}},
	}
	g := domain.GrantsOf([]string{"coach", "editor", "support"}, roles)
	if !slices.Equal(g.Roles, []string{"athlete", "coach", "editor", "support"}) || !g.Staff ||
		!slices.Equal(g.Permissions, []string{"access.users.read", "access.users.unlock", "catalog.products.write"}) {
		t.Fatalf("grants %+v", g)
	}
	g = domain.GrantsOf(nil, roles)
	if !slices.Equal(g.Roles, []string{"athlete"}) || g.Staff || g.Permissions == nil || len(g.Permissions) != 0 {
		t.Fatalf("athlete-only grants %+v", g)
	}
	if g := domain.GrantsOf([]string{"coach"}, roles); g.Staff {
		t.Fatal("coach made staff")
	}
}

func TestCheckReason(t *testing.T) {
	if r, err := domain.CheckReason("reason", "  spam  "); err != nil || r != "spam" {
		t.Fatalf("%q %v", r, err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", 501)} {
		if _, err := domain.CheckReason("reason", bad); err == nil {
			t.Errorf("reason of %d chars accepted", len(bad))
		}
	}
	if _, err := domain.CheckReason("reason", strings.Repeat("я", 500)); err != nil {
		t.Errorf("500 Cyrillic characters refused: %v", err)
	}
}
