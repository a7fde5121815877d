package access_test

import (
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
)

// TestEveryRouteChecksItsPermission calls every route as an anonymous
// caller (401), an athlete (403), staff without the route's permission
// (403) and staff holding it (2xx). Refused calls must change nothing.
func TestEveryRouteChecksItsPermission(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.population(t)
	const base = accessapi.BasePath
	reason := map[string]string{"reason": "matrix"}
	routes := []struct {
		method, path string
		body         any
		allowed      caller // holds the permission
		denied       caller // staff without it ("" to skip)
		status       int
	}{
		{"GET", base + "/permissions", nil, admin, support, 200},
		{"GET", base + "/roles", nil, admin, support, 200},
		{"PUT", base + "/roles/matrix_role", map[string]any{"staff": false, "permissions": []string{}, "description": "m", "reason": "matrix"}, admin, support, 200},
		{"DELETE", base + "/roles/matrix_role?reason=matrix", nil, admin, support, 204},
		{"GET", base + "/users", nil, support, anonymous, 200},
		{"GET", base + "/users/target-1", nil, support, anonymous, 200},
		{"PUT", base + "/users/target-1/roles", map[string]any{"roles": []string{"coach"}, "reason": "matrix"}, admin, support, 200},
		{"POST", base + "/users/target-1/block", reason, admin, support, 200},
		{"POST", base + "/users/target-1/unblock", reason, admin, support, 200},
		{"POST", base + "/users/target-1/unlock", reason, support, anonymous, 200},
	}
	if len(routes) != len(accessapi.Routes) {
		t.Fatalf("%d routes tested, %d served", len(routes), len(accessapi.Routes))
	}
	for _, rt := range routes {
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			before := f.outboxTotal(t)
			for _, c := range []struct {
				who    caller
				status int
				code   string
			}{{anonymous, 401, "unauthenticated"}, {athlete, 403, "permission_denied"}, {rt.denied, 403, "permission_denied"}} {
				if c.who == anonymous && c.status == 403 {
					continue // no staff caller lacks this permission
				}
				r := f.do(t, rt.method, rt.path, f.token(t, c.who), rt.body)
				var p web.Problem
				r.json(t, &p)
				if r.Status != c.status || p.Code != c.code {
					t.Fatalf("%q: %d %s, want %d %s", c.who, r.Status, r.Body, c.status, c.code)
				}
			}
			if got := f.outboxTotal(t); got != before {
				t.Fatalf("refused calls wrote %d events", got-before)
			}
			if r := f.do(t, rt.method, rt.path, f.token(t, rt.allowed), rt.body); r.Status != rt.status {
				t.Fatalf("%s: %d %s, want %d", rt.allowed, r.Status, r.Body, rt.status)
			}
		})
	}
}

// outboxTotal is how many events the service has ever written: published
// (relayed and deleted) or still waiting.
func (f *fixture) outboxTotal(t *testing.T) int {
	t.Helper()
	f.settled(t)
	n := 0
	for _, typ := range []string{"admin.access.>", "platform.notify.requested.v1"} {
		n += len(f.events(t, typ))
	}
	return n
}
