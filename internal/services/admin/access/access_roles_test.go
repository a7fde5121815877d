package access_test

import (
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

const (
	roleSaved   = accessapi.EventRoleSaved
	roleDeleted = accessapi.EventRoleDeleted
)

func roleBody(staff bool, desc string, perms ...string) map[string]any {
	return map[string]any{"staff": staff, "permissions": append([]string{}, perms...), "description": desc, "reason": "new team"}
}

func roleList(t *testing.T, r response) map[string]accessapi.Role {
	var l accessapi.RoleList
	r.json(t, &l)
	out := map[string]accessapi.Role{}
	for _, role := range l.Items {
		out[role.Name] = role
	}
	return out
}

func TestRoles(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.population(t)
	editor := []string{catalogapi.PermProductsWrite, catalogapi.PermPricesWrite}
	f.run(t, []scenario{
		{name: "permission catalog", who: admin, method: "GET", path: "/permissions", status: 200, check: func(t *testing.T, r response) {
			var l accessapi.PermissionList
			r.json(t, &l)
			var names []string
			for _, p := range l.Items {
				names = append(names, p.Name)
				if p.Description["ru"] == "" || p.Description["en"] == "" {
					t.Errorf("%s without ru/en description", p.Name)
				}
			}
			if !slices.Equal(names, sorted(allPerms())) {
				t.Fatalf("catalog %v", names)
			}
		}},
		{name: "built-in roles", who: admin, method: "GET", path: "/roles", status: 200, check: func(t *testing.T, r response) {
			roles := roleList(t, r)
			want := map[string]struct {
				staff   bool
				perms   []string
				members int
			}{
				"athlete":   {false, []string{}, 6},
				"coach":     {false, []string{}, 0},
				"moderator": {true, []string{accessapi.PermUsersRead}, 0},
				"marketer":  {true, []string{accessapi.PermUsersRead}, 0},
				"support":   {true, sorted(supportPerms), 1},
				"admin":     {true, sorted(allPerms()), 1},
			}
			if len(roles) != len(want) {
				t.Fatalf("roles %v", roles)
			}
			for name, w := range want {
				got := roles[name]
				if !got.Builtin || got.Staff != w.staff || !slices.Equal(got.Permissions, w.perms) || got.Members != w.members || got.Description == "" {
					t.Errorf("%s: %+v, want %+v", name, got, w)
				}
			}
		}},
		{name: "create a role", who: admin, method: "PUT", path: "/roles/editor", body: roleBody(true, "Редактор каталога", editor...), status: 200,
			events: ev(roleSaved, 1), check: func(t *testing.T, r response) {
				var role accessapi.Role
				r.json(t, &role)
				if role.Name != "editor" || !role.Staff || role.Builtin || role.Members != 0 || !slices.Equal(role.Permissions, sorted(editor)) || role.Description != "Редактор каталога" {
					t.Fatalf("role %+v", role)
				}
				var e accessapi.RoleSavedV1
				if sub := f.lastEvent(t, roleSaved, &e); sub != "editor" || e.Role != "editor" || !e.Staff || e.ActorID != string(admin) || e.Reason != "new team" {
					t.Fatalf("role_saved %+v", e)
				}
			}},
		{name: "saving the same role changes nothing", who: admin, method: "PUT", path: "/roles/editor", body: roleBody(true, "Редактор каталога", editor[1], editor[0], editor[0]), status: 200},
		{name: "assign it", who: admin, method: "PUT", path: "/users/target-1/roles", body: roles("editor"), status: 200, events: ev(grants, 1, requested, 1)},
		{name: "description only: no grants change", who: admin, method: "PUT", path: "/roles/editor", body: roleBody(true, "Каталог", editor...), status: 200, events: ev(roleSaved, 1)},
		{name: "new permission reaches members", who: admin, method: "PUT", path: "/roles/editor", body: roleBody(true, "Каталог", append(editor, catalogapi.PermStockWrite)...),
			status: 200, events: ev(roleSaved, 1, grants, 1), check: func(t *testing.T, r response) {
				var g accessapi.GrantsChangedV1
				if sub := f.lastEvent(t, grants, &g); sub != "target-1" || !g.Staff || !slices.Contains(g.Permissions, catalogapi.PermStockWrite) || g.Reason != "new team" {
					t.Fatalf("grants_changed %+v", g)
				}
			}},
		{name: "unknown permission", who: admin, method: "PUT", path: "/roles/editor", body: roleBody(true, "", "catalog.everything.delete"),
			status: 400, code: "validation_failed", fields: []string{"permissions[0]"}},
		{name: "bad name", who: admin, method: "PUT", path: "/roles/Editor", body: roleBody(false, ""), status: 400, code: "validation_failed", fields: []string{"name"}},
		{name: "reason required", who: admin, method: "PUT", path: "/roles/editor", body: map[string]any{"staff": true, "permissions": editor},
			status: 400, code: "validation_failed", fields: []string{"reason"}},
		{name: "unknown field", who: admin, method: "PUT", path: "/roles/editor", body: map[string]any{"staff": true, "reason": "x", "builtin": true},
			status: 400, code: "validation_failed", fields: []string{"builtin"}},
		{name: "admin keeps every permission", who: admin, method: "PUT", path: "/roles/admin", body: roleBody(true, "x", accessapi.PermUsersRead),
			status: 400, code: "validation_failed", fields: []string{"permissions"}},
		{name: "athlete holds nothing", who: admin, method: "PUT", path: "/roles/athlete", body: roleBody(false, "x", accessapi.PermUsersRead),
			status: 400, code: "validation_failed", fields: []string{"permissions"}},
		{name: "built-in roles are editable", who: admin, method: "PUT", path: "/roles/support", body: roleBody(true, "Support", append(supportPerms, accessapi.PermUsersBlock)...),
			status: 200, events: ev(roleSaved, 1, grants, 1), check: func(t *testing.T, r response) {
				var role accessapi.Role
				if r.json(t, &role); !role.Builtin || role.Members != 1 || len(role.Permissions) != 3 {
					t.Fatalf("support %+v", role)
				}
			}},
		{name: "built-in roles cannot be deleted", who: admin, method: "DELETE", path: "/roles/support?reason=x", status: 409, code: "builtin_role"},
		{name: "delete unknown", who: admin, method: "DELETE", path: "/roles/ghost?reason=x", status: 404, code: "role_not_found"},
		{name: "delete needs a reason", who: admin, method: "DELETE", path: "/roles/editor", status: 400, code: "validation_failed", fields: []string{"reason"}},
		{name: "delete refuses unknown parameters", who: admin, method: "DELETE", path: "/roles/editor?reason=x&force=1", status: 400, code: "validation_failed", fields: []string{"force"}},
		{name: "delete", who: admin, method: "DELETE", path: "/roles/editor?reason=team+disbanded", status: 204, events: ev(roleDeleted, 1, grants, 1),
			check: func(t *testing.T, r response) {
				var g accessapi.GrantsChangedV1
				if sub := f.lastEvent(t, grants, &g); sub != "target-1" || g.Staff || !slices.Equal(g.Roles, []string{"athlete"}) || g.Reason != "team disbanded" {
					t.Fatalf("grants_changed %+v", g)
				}
				var d accessapi.RoleDeletedV1
				if f.lastEvent(t, roleDeleted, &d); d.Role != "editor" || d.ActorID != string(admin) {
					t.Fatalf("role_deleted %+v", d)
				}
			}},
		{name: "member lost the role", who: admin, method: "GET", path: "/users/target-1", status: 200, check: func(t *testing.T, r response) {
			if d := detail(t, r); !slices.Equal(d.Roles, []string{"athlete"}) {
				t.Fatalf("roles %v", d.Roles)
			}
		}},
	})
}
