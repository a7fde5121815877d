package access_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestBuiltinsAreSeededOnce starts the service three times on one database:
// the built-in roles are created once; a permission added to the catalog
// reaches admin (and its holders) on the next start.
func TestBuiltinsAreSeededOnce(t *testing.T) {
	t.Parallel()
	db, b := sqldbtest.SQLite(t, access.Name, nil), bustest.Embedded(t)
	f := startOn(t, db, b, catalogPerms)
	f.settled(t)
	saved := f.events(t, roleSaved)
	if len(saved) != 6 {
		t.Fatalf("%d role_saved events on first start, want 6", len(saved))
	}
	for _, e := range saved {
		var r accessapi.RoleSavedV1
		if err := e.Decode(&r); err != nil || r.ActorID != accessapi.SystemActor || r.Reason != "built-in role" {
			t.Fatalf("seed event %+v (%v)", r, err)
		}
	}
	f.register(t, string(admin), "staff-admin@example.com")
	if err := f.Svc.GrantBootstrapAdmin(context.Background(), string(admin), "staff-admin@example.com"); err != nil {
		t.Fatal(err)
	}
	f.settled(t)
	f.stop()

	f = startOn(t, db, b, catalogPerms)
	f.settled(t)
	if n := len(f.events(t, roleSaved)); n != 6 {
		t.Fatalf("a restart saved roles again: %d events", n)
	}
	f.stop()

	extra := accessapi.PermissionInfo{Name: "reports.sales.read", Description: map[string]string{"ru": "Отчёты о продажах", "en": "Sales reports"}}
	f = startOn(t, db, b, append(slices.Clone(catalogPerms), extra))
	f.settled(t)
	if n := len(f.events(t, roleSaved)); n != 7 {
		t.Fatalf("%d role_saved events after the catalog grew, want 7", n)
	}
	var g accessapi.GrantsChangedV1
	if sub := f.lastEvent(t, grants, &g); sub != string(admin) || !slices.Contains(g.Permissions, extra.Name) ||
		g.ActorID != accessapi.SystemActor || g.Reason != "permission catalog changed" {
		t.Fatalf("admin's grants after the catalog grew: %+v", g)
	}
	r := f.do(t, "GET", accessapi.BasePath+"/roles", f.token(t, admin), nil)
	if role := roleList(t, r)["admin"]; !slices.Contains(role.Permissions, extra.Name) {
		t.Fatalf("admin lacks the new permission: %+v", role)
	}
}

// TestBootstrapAdmin covers the CLI's path: a service without a bus grants
// admin to a user auth has not announced yet; the events wait in the
// outbox, and the later registration completes the directory entry.
func TestBootstrapAdmin(t *testing.T) {
	t.Parallel()
	db := sqldbtest.SQLite(t, access.Name, nil)
	ctx := context.Background()
	offline, err := access.New(access.DefaultConfig(), access.Deps{DB: db, Permissions: catalogPerms})
	if err != nil {
		t.Fatal(err)
	}
	if err := offline.Run(ctx, func() {}); err == nil {
		t.Fatal("a service without a bus ran")
	}
	for range 2 {
		if err := offline.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := offline.GrantBootstrapAdmin(ctx, "first-admin", "root@example.com"); err != nil {
			t.Fatal(err)
		}
	}
	if err := offline.GrantBootstrapAdmin(ctx, "", "x@example.com"); err == nil {
		t.Fatal("bootstrap without a user id")
	}
	f := startOn(t, db, bustest.Embedded(t), catalogPerms)
	f.settled(t)
	gs := f.events(t, grants)
	if len(gs) != 1 {
		t.Fatalf("%d grants_changed events, want 1 (a second bootstrap changes nothing)", len(gs))
	}
	var g accessapi.GrantsChangedV1
	if err := gs[0].Decode(&g); err != nil || g.UserID != "first-admin" || !g.Staff || g.ActorID != "system" || g.Reason != "bootstrap" ||
		!slices.Equal(g.Permissions, sorted(allPerms())) {
		t.Fatalf("bootstrap grants: %+v (%v)", g, err)
	}
	if n := len(f.events(t, requested)); n != 1 {
		t.Fatalf("%d notification requests, want 1", n)
	}
	registered := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	f.publish(t, authapi.EventUserRegistered, "first-admin", authapi.UserRegisteredV1{UserID: "first-admin", Email: "Root@Example.com", RegisteredAt: registered})
	eventually(t, "registration applied", func() error {
		d := detail(t, f.do(t, "GET", accessapi.BasePath+"/users/first-admin", f.token(t, admin), nil))
		if d.Email != "Root@Example.com" || !d.RegisteredAt.Equal(registered) || !slices.Equal(d.Roles, []string{"athlete", "admin"}) {
			return errorf("detail %+v", d)
		}
		return nil
	})
}
