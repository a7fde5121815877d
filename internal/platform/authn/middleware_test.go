package authn_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// testRoutes is a small service: a public route that greets whoever calls,
// a route for any signed-in user and one needing a permission.
func testRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /hello", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		who := "anonymous"
		if p, ok := authn.FromContext(r.Context()); ok {
			who = p.Subject
		}
		web.WriteJSON(w, http.StatusOK, map[string]string{"who": who})
		return nil
	}))
	mux.Handle("GET /me", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		p, err := authn.Require(r.Context())
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, map[string]string{"who": p.Subject})
		return nil
	}))
	mux.Handle("POST /products", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		p, err := authn.RequirePermission(r.Context(), "catalog.products.write")
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusCreated, map[string]string{"who": p.Subject})
		return nil
	}))
	return mux
}

type response struct {
	status   int
	wwwAuth  string
	ctype    string
	who      string // from a success body
	code     string // from a problem body
	hasRetry bool
}

func do(t *testing.T, srvURL, method, path, authorization string) response {
	t.Helper()
	req, err := http.NewRequest(method, srvURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var doc struct{ Who, Code string }
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	return response{status: resp.StatusCode, wwwAuth: resp.Header.Get("WWW-Authenticate"),
		ctype: resp.Header.Get("Content-Type"), who: doc.Who, code: doc.Code,
		hasRetry: resp.Header.Get("Retry-After") != ""}
}

func TestMiddleware(t *testing.T) {
	iss := newIssuer(t)
	down := authntest.NewIssuer(t, testIssuer, testAudience)
	down.SetDown(true)
	servers := map[string]string{}
	for name, v := range map[string]*authn.Verifier{"ok": iss.Verifier(t), "nil": nil, "down": down.Verifier(t)} {
		srv := httptest.NewServer(authn.Middleware(v)(testRoutes()))
		t.Cleanup(srv.Close)
		servers[name] = srv.URL
	}
	writer := "Bearer " + iss.Mint(t, "writer", authntest.WithPermissions("catalog.products.write"))
	reader := "Bearer " + iss.Mint(t, "reader", authntest.WithPermissions("catalog.products.read"))
	expired := "Bearer " + iss.Mint(t, "late", authntest.WithTTL(-time.Hour))
	const invalidToken = `Bearer error="invalid_token"`

	tests := []struct {
		name, server, method, path, auth string
		want                             response
	}{
		{"anonymous public", "ok", "GET", "/hello", "", response{status: 200, who: "anonymous"}},
		{"anonymous needs login", "ok", "GET", "/me", "", response{status: 401, code: "unauthenticated"}},
		{"anonymous needs permission", "ok", "POST", "/products", "", response{status: 401, code: "unauthenticated"}},
		{"signed in public", "ok", "GET", "/hello", reader, response{status: 200, who: "reader"}},
		{"signed in", "ok", "GET", "/me", reader, response{status: 200, who: "reader"}},
		{"lowercase scheme", "ok", "GET", "/me", "bearer" + reader[len("Bearer"):], response{status: 200, who: "reader"}},
		{"permission held", "ok", "POST", "/products", writer, response{status: 201, who: "writer"}},
		{"permission missing", "ok", "POST", "/products", reader, response{status: 403, code: "permission_denied"}},
		{"garbage token", "ok", "GET", "/hello", "Bearer nonsense", response{status: 401, code: "invalid_token", wwwAuth: invalidToken}},
		{"empty bearer", "ok", "GET", "/hello", "Bearer", response{status: 401, code: "invalid_token", wwwAuth: invalidToken}},
		{"expired token", "ok", "GET", "/me", expired, response{status: 401, code: "invalid_token", wwwAuth: invalidToken}},
		{"basic auth", "ok", "GET", "/hello", "Basic dXNlcjpwYXNz", response{status: 401, code: "unsupported_auth_scheme", wwwAuth: `Bearer error="invalid_request"`}},
		{"no verifier anonymous", "nil", "GET", "/hello", "", response{status: 200, who: "anonymous"}},
		{"no verifier bearer", "nil", "GET", "/hello", writer, response{status: 401, code: "auth_not_configured", wwwAuth: invalidToken}},
		{"jwks down", "down", "GET", "/hello", "Bearer " + down.Mint(t, "u"), response{status: 503, code: "jwks_unavailable", hasRetry: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := do(t, servers[tc.server], tc.method, tc.path, tc.auth)
			if tc.want.code != "" {
				tc.want.ctype = web.ProblemContentType
			} else {
				tc.want.ctype = "application/json"
			}
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestMiddlewareTrustsPrincipalInContext(t *testing.T) {
	// The in-process gateway verified the token already and put the principal
	// into the context; the service must neither re-verify nor refuse it.
	h := authn.Middleware(nil)(testRoutes())
	req := httptest.NewRequest("POST", "/products", nil)
	req.Header.Set("Authorization", "Bearer already-verified-by-gateway")
	req = req.WithContext(authn.WithPrincipal(context.Background(),
		&authn.Principal{Subject: "gw-user", Permissions: []string{"catalog.products.write"}}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d, body %s", rec.Code, rec.Body)
	}
}

// The verified token rides along in the context, so a service's clients can
// call other services on the caller's behalf (web.DoJSON forwards it).
func TestMiddlewareKeepsTheTokenForOnwardCalls(t *testing.T) {
	iss := newIssuer(t)
	var got string
	srv := httptest.NewServer(authn.Middleware(iss.Verifier(t))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = web.BearerToken(r.Context())
	})))
	t.Cleanup(srv.Close)
	tok := iss.Mint(t, "u1")
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got != tok {
		t.Fatalf("token in context = %q, want the request's", got)
	}
}
