package access_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

const (
	grants    = accessapi.EventGrantsChanged
	requested = notifyapi.EventRequested
)

func roles(rs ...string) map[string]any {
	return map[string]any{"roles": append([]string{}, rs...), "reason": "test"}
}

func TestGrantsAndGuards(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.population(t)
	f.run(t, []scenario{
		{name: "reason required", who: admin, method: "PUT", path: "/users/target-1/roles", body: map[string]any{"roles": []string{"coach"}, "reason": " "},
			status: 400, code: "validation_failed", fields: []string{"reason"}},
		{name: "roles required", who: admin, method: "PUT", path: "/users/target-1/roles", body: map[string]any{"reason": "x"},
			status: 400, code: "validation_failed", fields: []string{"roles"}},
		{name: "unknown role", who: admin, method: "PUT", path: "/users/target-1/roles", body: roles("ghost"),
			status: 400, code: "validation_failed", fields: []string{"roles"}},
		{name: "malformed role", who: admin, method: "PUT", path: "/users/target-1/roles", body: roles("Bad Name"),
			status: 400, code: "validation_failed", fields: []string{"roles[0]"}},
		{name: "unknown user", who: admin, method: "PUT", path: "/users/nobody/roles", body: roles("coach"), status: 404, code: "user_not_found"},
		{name: "assign coach", who: admin, method: "PUT", path: "/users/target-1/roles",
			body: map[string]any{"roles": []string{"athlete", "coach"}, "reason": "certified coach"}, status: 200, events: ev(grants, 1, requested, 1),
			check: func(t *testing.T, r response) {
				d := detail(t, r)
				if !slices.Equal(d.Roles, []string{"athlete", "coach"}) || len(d.Actions) == 0 ||
					d.Actions[0].Action != "roles_changed" || d.Actions[0].Reason != "certified coach" ||
					d.Actions[0].ActorID != string(admin) || d.Actions[0].ActorEmail == nil || *d.Actions[0].ActorEmail != "staff-admin@example.com" {
					t.Fatalf("detail: %+v", d)
				}
				var g accessapi.GrantsChangedV1
				if sub := f.lastEvent(t, grants, &g); sub != "target-1" || g.UserID != "target-1" ||
					!slices.Equal(g.Roles, []string{"athlete", "coach"}) || g.Staff || len(g.Permissions) != 0 ||
					g.ActorID != string(admin) || g.Reason != "certified coach" || time.Since(g.At) > time.Minute {
					t.Fatalf("grants_changed about %s: %+v", sub, g)
				}
				var n notifyapi.RequestedV1
				if f.lastEvent(t, requested, &n); n.Type != accessapi.NotifyRolesChanged || n.UserID != "target-1" ||
					n.Data["roles"] != "athlete, coach" || n.Data["reason"] != "certified coach" || n.Critical {
					t.Fatalf("notification: %+v", n)
				}
			}},
		{name: "same roles change nothing", who: admin, method: "PUT", path: "/users/target-1/roles", body: roles("coach"), status: 200},
		{name: "make a second admin", who: admin, method: "PUT", path: "/users/staff-admin2/roles", body: roles("admin"), status: 200,
			events: ev(grants, 1, requested, 1), check: func(t *testing.T, r response) {
				var g accessapi.GrantsChangedV1
				f.lastEvent(t, grants, &g)
				if !g.Staff || !slices.Equal(g.Permissions, sorted(allPerms())) || !slices.Equal(g.Roles, []string{"athlete", "admin"}) {
					t.Fatalf("admin grants: %+v", g)
				}
			}},
		{name: "own admin cannot be removed", who: admin, method: "PUT", path: "/users/staff-admin/roles", body: roles(), status: 403, code: "cannot_remove_own_admin"},
		{name: "another admin may remove it", who: admin2, method: "PUT", path: "/users/staff-admin/roles", body: roles(), status: 200, events: ev(grants, 1, requested, 1)},
		{name: "the last admin keeps admin", who: admin, method: "PUT", path: "/users/staff-admin2/roles", body: roles("coach"), status: 409, code: "last_admin"},
		{name: "admin restored", who: admin2, method: "PUT", path: "/users/staff-admin/roles", body: roles("admin"), status: 200, events: ev(grants, 1, requested, 1)},

		{name: "no self-block", who: admin, method: "POST", path: "/users/staff-admin/block", body: map[string]string{"reason": "oops"}, status: 403, code: "cannot_block_self"},
		{name: "block needs a reason", who: admin, method: "POST", path: "/users/target-2/block", body: map[string]string{}, status: 400, code: "validation_failed", fields: []string{"reason"}},
		{name: "block needs a body", who: admin, method: "POST", path: "/users/target-2/block", status: 400, code: "empty_body"},
		{name: "block an unknown user", who: admin, method: "POST", path: "/users/nobody/block", body: map[string]string{"reason": "x"}, status: 404, code: "user_not_found"},
		{name: "block", who: admin, method: "POST", path: "/users/target-2/block", body: map[string]string{"reason": "spam"}, status: 200,
			events: ev(accessapi.EventUserBlocked, 1, requested, 1), check: func(t *testing.T, r response) {
				if d := detail(t, r); !d.Blocked || d.Actions[0].Action != "user_blocked" || d.Actions[0].Reason != "spam" {
					t.Fatalf("after block: %+v", d)
				}
				var b accessapi.UserBlockedV1
				if sub := f.lastEvent(t, accessapi.EventUserBlocked, &b); sub != "target-2" || b.UserID != "target-2" || b.ActorID != string(admin) || b.Reason != "spam" || b.At.IsZero() {
					t.Fatalf("user_blocked: %+v", b)
				}
				var n notifyapi.RequestedV1
				if f.lastEvent(t, requested, &n); n.Type != accessapi.NotifyUserBlocked || !n.Critical || n.UserID != "target-2" || n.Data["reason"] != "spam" {
					t.Fatalf("notification: %+v", n)
				}
			}},
		{name: "block twice", who: admin, method: "POST", path: "/users/target-2/block", body: map[string]string{"reason": "spam"}, status: 409, code: "already_blocked"},
		{name: "unblock", who: admin, method: "POST", path: "/users/target-2/unblock", body: map[string]string{"reason": "appeal accepted"}, status: 200,
			events: ev(accessapi.EventUserUnblocked, 1, requested, 1), check: func(t *testing.T, r response) {
				if d := detail(t, r); d.Blocked {
					t.Fatalf("still blocked: %+v", d)
				}
				var n notifyapi.RequestedV1
				if f.lastEvent(t, requested, &n); n.Type != accessapi.NotifyUserUnblocked || n.Critical {
					t.Fatalf("notification: %+v", n)
				}
			}},
		{name: "unblock twice", who: admin, method: "POST", path: "/users/target-2/unblock", body: map[string]string{"reason": "x"}, status: 409, code: "not_blocked"},
		{name: "block the other admin", who: admin, method: "POST", path: "/users/staff-admin2/block", body: map[string]string{"reason": "test"}, status: 200,
			events: ev(accessapi.EventUserBlocked, 1, requested, 1)},
		{name: "the last active admin cannot be blocked", who: admin2, method: "POST", path: "/users/staff-admin/block", body: map[string]string{"reason": "revenge"}, status: 409, code: "last_admin"},
		{name: "nor lose admin", who: admin2, method: "PUT", path: "/users/staff-admin/roles", body: roles(), status: 409, code: "last_admin"},
		{name: "a blocked admin may lose admin", who: admin, method: "PUT", path: "/users/staff-admin2/roles", body: roles(), status: 200, events: ev(grants, 1, requested, 1)},
	})

	t.Run("unlock", func(t *testing.T) {
		f.publish(t, authapi.EventAccountLocked, "target-2", authapi.AccountLockedV1{UserID: "target-2", Until: time.Now().Add(time.Hour), At: time.Now()})
		eventually(t, "lockout projected", func() error {
			if d := detail(t, f.do(t, "GET", accessapi.BasePath+"/users/target-2", f.token(t, support), nil)); !d.Locked {
				return errorf("not locked yet")
			}
			return nil
		})
		f.run(t, []scenario{
			{name: "support unlocks", who: support, method: "POST", path: "/users/target-2/unlock", body: map[string]string{"reason": "called support"},
				status: 200, events: ev(accessapi.EventUserUnlocked, 1), check: func(t *testing.T, r response) {
					d := detail(t, r)
					if d.Locked || d.Actions[0].Action != "user_unlocked" || d.Actions[0].ActorID != string(support) {
						t.Fatalf("after unlock: %+v", d)
					}
					var u accessapi.UserUnlockedV1
					if f.lastEvent(t, accessapi.EventUserUnlocked, &u); u.UserID != "target-2" || u.Reason != "called support" || u.ActorID != string(support) {
						t.Fatalf("user_unlocked: %+v", u)
					}
				}},
			{name: "history newest first", who: support, method: "GET", path: "/users/target-2", status: 200, check: func(t *testing.T, r response) {
				d := detail(t, r)
				var got []string
				for _, a := range d.Actions {
					got = append(got, a.Action+":"+a.Reason)
				}
				want := []string{"user_unlocked:called support", "user_unblocked:appeal accepted", "user_blocked:spam"}
				if !slices.Equal(got, want) {
					t.Fatalf("actions %v, want %v", got, want)
				}
			}},
			{name: "bootstrap is recorded as the system's", who: support, method: "GET", path: "/users/staff-admin", status: 200, check: func(t *testing.T, r response) {
				d := detail(t, r)
				last := d.Actions[len(d.Actions)-1]
				if last.ActorID != accessapi.SystemActor || last.Reason != "bootstrap" || last.ActorEmail != nil || last.Action != "roles_changed" {
					t.Fatalf("first action on the admin: %+v", last)
				}
			}},
			{name: "unknown user", who: support, method: "GET", path: "/users/nobody", status: 404, code: "user_not_found"},
		})
	})
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
