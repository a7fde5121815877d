package auth_test

import (
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// scenario is one request and what must come back.
type scenario struct {
	name   string
	method string
	path   string // under the base path
	who    string // "" anonymous, "user" the signed-in user, "bad" a forged token
	body   any
	status int
	code   string   // problem code of an error
	fields []string // fields a validation error must name
}

// TestInputIsChecked: malformed or rule-breaking input gets a clear
// problem, and anonymous callers of the signed-in routes get 401. None of
// it changes anything: no event is published.
func TestInputIsChecked(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("checked@example.com")
	h.waitEvents(authapi.EventLoggedIn, u.ID, 1) // the last event of signing up is out
	baseline := len(h.events("user.auth.>", "")) + len(h.events(notifyapi.EventRequested, ""))
	long := strings.Repeat("x", 300)
	cases := []scenario{
		{name: "register bad email", method: "POST", path: "/register", body: map[string]any{"email": "not-an-email", "password": "long enough pass"}, status: 400, code: "validation_failed", fields: []string{"email"}},
		{name: "register display name", method: "POST", path: "/register", body: map[string]any{"email": "Bob <bob@example.com>", "password": "long enough pass"}, status: 400, code: "validation_failed", fields: []string{"email"}},
		{name: "register short", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": "short"}, status: 400, code: "validation_failed", fields: []string{"password"}},
		{name: "register too long", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": long}, status: 400, code: "validation_failed", fields: []string{"password"}},
		{name: "register common", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": "Password123"}, status: 400, code: "validation_failed", fields: []string{"password"}},
		{name: "register email as password", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": "N@Example.com"}, status: 400, code: "validation_failed", fields: []string{"password"}},
		{name: "register bad language", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": "long enough pass", "language": "de"}, status: 400, code: "validation_failed", fields: []string{"language"}},
		{name: "register every problem at once", method: "POST", path: "/register", body: map[string]any{"email": "", "password": "", "language": "xx"}, status: 400, code: "validation_failed", fields: []string{"email", "password", "language"}},
		{name: "register unknown field", method: "POST", path: "/register", body: map[string]any{"email": "n@example.com", "password": "long enough pass", "admin": true}, status: 400, code: "validation_failed", fields: []string{"admin"}},
		{name: "register malformed", method: "POST", path: "/register", body: "{", status: 400, code: "malformed_json"},
		{name: "register empty", method: "POST", path: "/register", body: "", status: 400, code: "empty_body"},
		{name: "login no password", method: "POST", path: "/login", body: map[string]any{"email": "n@example.com"}, status: 400, code: "validation_failed", fields: []string{"password"}},
		{name: "login wrong type", method: "POST", path: "/login", body: map[string]any{"email": 5, "password": "x"}, status: 400, code: "validation_failed", fields: []string{"email"}},
		{name: "verify unknown token", method: "POST", path: "/verify-email", body: map[string]any{"token": "made-up"}, status: 400, code: "invalid_or_expired_token"},
		{name: "verify empty token", method: "POST", path: "/verify-email", body: map[string]any{"token": ""}, status: 400, code: "invalid_or_expired_token"},
		{name: "unlock unknown token", method: "POST", path: "/unlock", body: map[string]any{"token": "made-up"}, status: 400, code: "invalid_or_expired_token"},
		{name: "reset unknown token", method: "POST", path: "/password/reset", body: map[string]any{"token": "made-up", "new_password": "long enough pass"}, status: 400, code: "invalid_or_expired_token"},
		{name: "forgot bad email", method: "POST", path: "/password/forgot", body: map[string]any{"email": "@"}, status: 400, code: "validation_failed", fields: []string{"email"}},
		{name: "2fa login no factor", method: "POST", path: "/login/2fa", body: map[string]any{"mfa_token": "x"}, status: 400, code: "validation_failed", fields: []string{"code"}},
		{name: "2fa login unknown token", method: "POST", path: "/login/2fa", body: map[string]any{"mfa_token": "x", "code": "123456"}, status: 401, code: "invalid_mfa_token"},
		{name: "refresh nothing", method: "POST", path: "/refresh", status: 401, code: "invalid_refresh_token"},
		{name: "me anonymous", method: "GET", path: "/me", status: 401, code: "unauthenticated"},
		{name: "me forged", method: "GET", path: "/me", who: "bad", status: 401, code: "invalid_token"},
		{name: "sessions anonymous", method: "GET", path: "/sessions", status: 401, code: "unauthenticated"},
		{name: "logout anonymous", method: "POST", path: "/logout", status: 401, code: "unauthenticated"},
		{name: "2fa setup anonymous", method: "POST", path: "/2fa/setup", status: 401, code: "unauthenticated"},
		{name: "delete anonymous", method: "DELETE", path: "/me", body: map[string]any{"password": "x"}, status: 401, code: "unauthenticated"},
		{name: "enable without setup", method: "POST", path: "/2fa/enable", who: "user", body: map[string]any{"code": "123456"}, status: 409, code: "two_factor_setup_required"},
		{name: "disable when off", method: "POST", path: "/2fa/disable", who: "user", body: map[string]any{"code": "123456"}, status: 409, code: "two_factor_not_enabled"},
		{name: "codes when off", method: "POST", path: "/2fa/recovery-codes", who: "user", body: map[string]any{"code": "123456"}, status: 409, code: "two_factor_not_enabled"},
		{name: "change password weak", method: "POST", path: "/password", who: "user", body: map[string]any{"current_password": u.Password, "new_password": "qwertyuiop"}, status: 400, code: "validation_failed", fields: []string{"new_password"}},
		{name: "delete without password", method: "DELETE", path: "/me", who: "user", body: map[string]any{}, status: 403, code: "invalid_password"},
		{name: "wrong method", method: "GET", path: "/login", status: 405, code: "method_not_allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			token := ""
			switch tc.who {
			case "user":
				token = u.Tokens.AccessToken
			case "bad":
				token = u.Tokens.AccessToken[:len(u.Tokens.AccessToken)-4] + "AAAA"
			}
			r := h.api(tc.method, tc.path, token, tc.body)
			expect(t, r, tc.status, tc.code)
			p := r.problem(t)
			if r.Header.Get("Content-Type") != "application/problem+json" || p.Status != tc.status {
				t.Fatalf("not a problem document: %s", r.Body)
			}
			named := map[string]bool{}
			for _, f := range p.Errors {
				named[f.Field] = true
			}
			for _, f := range tc.fields {
				if !named[f] {
					t.Fatalf("no error for %s in %+v", f, p.Errors)
				}
			}
		})
	}
	h.noMail("n@example.com", authapi.NotifyVerifyEmail)
	if n := len(h.events("user.auth.>", "")) + len(h.events(notifyapi.EventRequested, "")); n != baseline {
		t.Fatalf("refused requests published %d events", n-baseline)
	}
}
