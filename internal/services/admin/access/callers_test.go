package access_test

import (
	"fmt"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
)

// caller names who sends a request.
type caller string

// The callers of the tests. Their tokens carry what auth would mint from
// their grants; population puts each of them in the directory.
const (
	anonymous caller = ""
	athlete   caller = "user-athlete"
	support   caller = "staff-support"
	admin     caller = "staff-admin"
	admin2    caller = "staff-admin2"
)

// supportPerms are the support role's built-in permissions.
var supportPerms = []string{accessapi.PermUsersRead, accessapi.PermUsersUnlock}

func allPerms() []string {
	out := make([]string, len(catalogPerms))
	for i, p := range catalogPerms {
		out[i] = p.Name
	}
	return out
}

func (f *fixture) token(t *testing.T, c caller) string {
	switch c {
	case anonymous:
		return ""
	case support:
		return f.Issuer.Mint(t, string(c), authntest.WithRoles("athlete", "support"), authntest.WithPermissions(supportPerms...))
	case admin, admin2:
		return f.Issuer.Mint(t, string(c), authntest.WithRoles("athlete", "admin"), authntest.WithPermissions(allPerms()...))
	}
	return f.Issuer.Mint(t, string(c), authntest.WithRoles("athlete"))
}

// population registers the callers and two targets through auth's events,
// makes admin the bootstrap admin and gives support its role.
func (f *fixture) population(t *testing.T) {
	t.Helper()
	for _, id := range []string{string(athlete), string(support), string(admin), string(admin2), "target-1", "target-2"} {
		f.register(t, id, id+"@example.com")
	}
	if err := f.Svc.GrantBootstrapAdmin(t.Context(), string(admin), string(admin)+"@example.com"); err != nil {
		t.Fatal(err)
	}
	r := f.do(t, "PUT", accessapi.BasePath+"/users/"+string(support)+"/roles", f.token(t, admin),
		map[string]any{"roles": []string{"support"}, "reason": "hired"})
	if r.Status != 200 {
		t.Fatalf("make support: %d %s", r.Status, r.Body)
	}
	f.settled(t)
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
