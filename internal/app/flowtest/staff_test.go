package flowtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

const pw = "a long enough passphrase"

// problemCode returns the problem document's code.
func problemCode(t *testing.T, r apptest.Response) string {
	t.Helper()
	var p struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.Body, &p)
	return p.Code
}

// TestStaffRoutesRefusedToNonStaff calls every access route and notify's
// staff route as an athlete (403) and anonymously (401), with bodies a
// staff member could send, and checks nothing happened to the target.
func TestStaffRoutesRefusedToNonStaff(t *testing.T) {
	p := apptest.Start(t, apptest.RealAuth())
	ann := p.SignUp(t, "ann@example.test", pw)
	bob := p.SignUp(t, "bob@example.test", pw)
	routes := append([]web.Route(nil), accessapi.Routes...)
	routes = append(routes, web.Route{Pattern: "GET " + notifyapi.BasePath + "/admin/deliveries"})
	bodies := map[string]any{
		"PUT " + accessapi.BasePath + "/roles/{name}":     map[string]any{"staff": true, "permissions": []string{}, "description": "x", "reason": "try"},
		"PUT " + accessapi.BasePath + "/users/{id}/roles": map[string]any{"roles": []string{"admin"}, "reason": "try"},
	}
	for _, r := range routes {
		method, tmpl, _ := strings.Cut(r.Pattern, " ")
		path := strings.NewReplacer("{id}", bob.ID, "{name}", "admin").Replace(tmpl)
		var b any
		if method == http.MethodPost || method == http.MethodPut {
			b = map[string]string{"reason": "try"}
			if v, ok := bodies[r.Pattern]; ok {
				b = v
			}
		}
		if got := p.Do(t, method, path, ann.Access, b); got.Status != http.StatusForbidden || problemCode(t, got) != "permission_denied" {
			t.Errorf("athlete %s %s: %d %s, want 403 permission_denied", method, path, got.Status, got.Body)
		}
		// A body with fields no route accepts gets the same answer: the
		// permission is checked before the input is read.
		if b != nil {
			odd := map[string]any{"unexpected": true}
			if got := p.Do(t, method, path, ann.Access, odd); got.Status != http.StatusForbidden {
				t.Errorf("athlete %s %s with an odd body: %d %s, want 403", method, path, got.Status, got.Body)
			}
		}
		if got := p.Do(t, method, path, "", b); got.Status != http.StatusUnauthorized {
			t.Errorf("anonymous %s %s: %d, want 401", method, path, got.Status)
		}
	}
	// Bob still signs in: nothing was blocked, and ann gained no role.
	p.Login(t, bob.Email, pw)
	if m := p.Me(t, ann.Access); m.Staff || len(m.Permissions) != 0 {
		t.Fatalf("ann gained grants: %+v", m)
	}
}

// TestStaffBlocksUser: an administrator made by the CLI signs in with
// 2FA, finds a user and blocks them with a reason. The user's current
// access token stops working at once, the refresh token is refused, and
// signing in says the account is blocked; unblocking lets them back in.
func TestStaffBlocksUser(t *testing.T) {
	p := apptest.Start(t, apptest.RealAuth())
	admin := p.Admin(t, "root@example.test")
	ann := p.SignUp(t, "ann.runner@example.test", pw)
	if r := p.Do(t, "GET", "/api/v1/user/auth/me", ann.Access, nil); r.Status != 200 {
		t.Fatalf("ann's token before the block: %d", r.Status)
	}

	var page struct {
		Items []struct {
			UserID string `json:"user_id"`
			Email  string `json:"email"`
		} `json:"items"`
	}
	apptest.Eventually(t, "staff search finds ann", func() (bool, string) {
		r := p.Do(t, "GET", accessapi.BasePath+"/users?q=ANN.RUN", admin.Access, nil)
		r.JSON(t, &page)
		return len(page.Items) == 1 && page.Items[0].UserID == ann.ID, string(r.Body)
	})

	if r := p.Do(t, "POST", accessapi.BasePath+"/users/"+ann.ID+"/block", admin.Access, map[string]string{}); r.Status != 400 {
		t.Fatalf("block without a reason: %d %s, want 400", r.Status, r.Body)
	}
	if r := p.Do(t, "POST", accessapi.BasePath+"/users/"+ann.ID+"/block", admin.Access, map[string]string{"reason": "spam in comments"}); r.Status != 200 {
		t.Fatalf("block: %d %s", r.Status, r.Body)
	}
	apptest.Eventually(t, "ann's old access token is refused", func() (bool, string) {
		r := p.Do(t, "GET", "/api/v1/user/auth/me", ann.Access, nil)
		return r.Status == 401, string(r.Body)
	})
	if r := p.Do(t, "POST", "/api/v1/user/auth/refresh", "", map[string]string{"refresh_token": ann.Refresh}); r.Status != 401 {
		t.Fatalf("refresh after the block: %d %s, want 401", r.Status, r.Body)
	}
	r := p.Do(t, "POST", "/api/v1/user/auth/login", "", map[string]string{"email": ann.Email, "password": pw})
	if r.Status != 403 || problemCode(t, r) != "user_blocked" {
		t.Fatalf("login while blocked: %d %s, want 403 user_blocked", r.Status, r.Body)
	}
	// A wrong password says nothing about the block.
	r = p.Do(t, "POST", "/api/v1/user/auth/login", "", map[string]string{"email": ann.Email, "password": "wrong password here"})
	if r.Status != 401 {
		t.Fatalf("wrong password while blocked: %d %s, want 401", r.Status, r.Body)
	}

	// The action is on record with who and why.
	r = p.Do(t, "GET", accessapi.BasePath+"/users/"+ann.ID, admin.Access, nil)
	var detail struct {
		Blocked bool `json:"blocked"`
		Actions []struct {
			ActorID string `json:"actor_id"`
			Action  string `json:"action"`
			Reason  string `json:"reason"`
		} `json:"actions"`
	}
	r.JSON(t, &detail)
	if !detail.Blocked || len(detail.Actions) == 0 || detail.Actions[0].ActorID != admin.ID || detail.Actions[0].Reason != "spam in comments" {
		t.Fatalf("user detail after the block: %s", r.Body)
	}

	if r := p.Do(t, "POST", accessapi.BasePath+"/users/"+ann.ID+"/unblock", admin.Access, map[string]string{"reason": "appeal accepted"}); r.Status != 200 {
		t.Fatalf("unblock: %d %s", r.Status, r.Body)
	}
	apptest.Eventually(t, "ann signs in again", func() (bool, string) {
		r := p.Do(t, "POST", "/api/v1/user/auth/login", "", map[string]string{"email": ann.Email, "password": pw})
		return r.Status == 200, string(r.Body)
	})
}
