package gateway_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/gateway"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

const productsPath = "/api/v1/commerce/products"

func TestAuthenticationAtTheGateway(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t)
	body := map[string]any{"region": "RU", "currency": "RUB", "amount_minor": 100}
	cases := []struct {
		name   string
		token  string
		status int
		code   string
	}{
		{"no token on a write route", "", 401, "unauthenticated"},
		{"expired token", p.Issuer.Token(t, authntest.MintOptions{Subject: "u", TTL: -time.Hour}), 401, "invalid_token"},
		{"token for another audience", p.Issuer.Token(t, authntest.MintOptions{Subject: "u", Audience: "other"}), 401, "invalid_token"},
		{"tampered token", tamper(p.Issuer.Mint(t, "u", authntest.WithPermissions(catalogapi.PermPricesWrite))), 401, "invalid_token"},
		{"valid token, no permission: the service refuses", p.Issuer.Mint(t, "u"), 403, "permission_denied"},
		{"valid token with permission", p.Issuer.Mint(t, "u", authntest.WithPermissions(catalogapi.PermPricesWrite)), 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := p.Do(t, "PUT", productsPath+"/prd_0001/prices", tc.token, body)
			if r.Status != tc.status || (tc.code != "" && !strings.Contains(string(r.Body), `"code":"`+tc.code+`"`)) {
				t.Fatalf("%d %s, want %d %s", r.Status, r.Body, tc.status, tc.code)
			}
			if tc.status == 401 && r.Header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	if r := p.Do(t, "GET", productsPath+"?limit=1", "", nil); r.Status != 200 {
		t.Fatalf("anonymous read refused: %d", r.Status)
	}
}

func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	parts[1] = parts[1][:len(parts[1])-2] + "AA"
	return strings.Join(parts, ".")
}

func TestRateLimitPerClient(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) { c.Gateway.RateLimit = 0.5; c.Gateway.RateBurst = 3 })
	var last apptest.Response
	for i := 0; i < 4; i++ {
		last = p.Do(t, "GET", "/api/v1/commerce/taxonomy", "", nil)
	}
	if last.Status != 429 || !strings.Contains(string(last.Body), `"code":"rate_limited"`) || last.Header.Get("Retry-After") == "" {
		t.Fatalf("4th request in a burst of 3: %d %s (Retry-After %q)", last.Status, last.Body, last.Header.Get("Retry-After"))
	}
	// A signed-in user has a bucket of their own.
	if r := p.Do(t, "GET", "/api/v1/commerce/taxonomy", p.Issuer.Mint(t, "user-42"), nil); r.Status != 200 {
		t.Fatalf("authenticated client limited by the anonymous bucket: %d", r.Status)
	}
}

// TestProxiesToARemoteCatalog runs the catalog and the gateway as two
// platforms (the same binary's two targets, in-process) and checks the
// gateway answers through the proxy as it does locally.
func TestProxiesToARemoteCatalog(t *testing.T) {
	t.Parallel()
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	remote := apptest.StartWith(t, iss, func(c *app.Config) { c.Target = []string{"catalog"} })
	gw := apptest.StartWith(t, iss, func(c *app.Config) {
		c.Target = []string{"gateway"}
		c.Gateway.Upstreams = map[string][]string{"catalog": {remote.URL}}
	})
	local := apptest.Start(t)
	for _, path := range []string{
		"/api/v1/commerce/taxonomy",
		productsPath + "?q=helmet&sort=price_asc&limit=5",
		productsPath + "/prd_0007?currency=EUR",
		productsPath + "/prd_missing",
		productsPath + "?limit=0",
	} {
		a, b := gw.Do(t, "GET", path, "", nil), local.Do(t, "GET", path, "", nil)
		if a.Status != b.Status || stripIDs(a.Body) != stripIDs(b.Body) {
			t.Fatalf("GET %s through the proxy: %d %s\nlocally: %d %s", path, a.Status, a.Body, b.Status, b.Body)
		}
	}
	// The remote catalog checks the permission itself.
	body := map[string]any{"location_id": "wh-podolsk", "quantity": 11}
	if r := gw.Do(t, "PUT", productsPath+"/prd_0007/stock", iss.Mint(t, "u"), body); r.Status != 403 {
		t.Fatalf("write without permission through the proxy: %d %s", r.Status, r.Body)
	}
	if r := gw.Do(t, "PUT", productsPath+"/prd_0007/stock", iss.Mint(t, "u", authntest.WithPermissions(catalogapi.PermStockWrite)), body); r.Status != 200 {
		t.Fatalf("write through the proxy: %d %s", r.Status, r.Body)
	}
	if err := remote.Stop(); err != nil {
		t.Fatal(err)
	}
	r := gw.Do(t, "GET", productsPath+"?limit=1", "", nil)
	if r.Status != 503 || !strings.Contains(string(r.Body), "upstream_unavailable") {
		t.Fatalf("remote down: %d %s", r.Status, r.Body)
	}
	if r := gw.Do(t, "GET", "/healthz", "", nil); r.Status != 200 {
		t.Fatalf("gateway health with its upstream down: %d", r.Status)
	}
}

// stripIDs removes per-request values (request ids) from a body.
func stripIDs(b []byte) string {
	s := string(b)
	if i := strings.Index(s, `"request_id":"`); i >= 0 {
		j := strings.Index(s[i+14:], `"`)
		s = s[:i] + s[i+14+j+1:]
	}
	return s
}

func TestWebAppAndHeaders(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t)
	for _, path := range []string{"/", "/catalog", "/catalog/products/prd_0001"} {
		r := p.Do(t, "GET", path, "", nil)
		if r.Status != 200 || !strings.Contains(string(r.Body), `<div id="root">`) || r.Header.Get("Content-Security-Policy") == "" {
			t.Fatalf("GET %s: %d, csp %q", path, r.Status, r.Header.Get("Content-Security-Policy"))
		}
	}
	if r := p.Do(t, "GET", "/assets/nope.js", "", nil); r.Status != 404 {
		t.Fatalf("missing asset: %d", r.Status)
	}
	var ac gateway.AppConfig
	p.Do(t, "GET", "/app-config.json", "", nil).JSON(t, &ac)
	if ac.MapTileURL != gateway.DefaultConfig().MapTileURL {
		t.Fatalf("app config: %+v", ac)
	}
	r := p.Do(t, "GET", "/manifest.webmanifest", "", nil)
	if r.Status != 200 || !strings.Contains(string(r.Body), "SportHub") {
		t.Fatalf("manifest: %d", r.Status)
	}
	r = p.Do(t, "GET", "/api/v1/commerce/taxonomy", "", nil)
	for _, h := range []string{"X-Request-Id", "X-Content-Type-Options"} {
		if r.Header.Get(h) == "" && h != "X-Content-Type-Options" {
			t.Errorf("no %s", h)
		}
	}
	req, _ := http.NewRequest("GET", p.URL+"/api/v1/commerce/taxonomy", nil)
	req.Header.Set("X-Request-Id", "trace-me-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Request-Id") != "trace-me-123" {
		t.Fatalf("request id not kept: %q", resp.Header.Get("X-Request-Id"))
	}
	m := p.Do(t, "GET", "/metrics", "", nil)
	if !strings.Contains(string(m.Body), `route="GET /api/v1/commerce/taxonomy"`) {
		t.Fatalf("metrics lack the route label:\n%.2000s", m.Body)
	}
	if r := p.Do(t, "GET", "/readyz", "", nil); r.Status != 200 {
		t.Fatalf("readyz %d %s", r.Status, r.Body)
	}
	_ = io.EOF
}

// TestReplicasShareLimitsThroughRedis runs two gateway replicas on one
// Redis: a client's burst spent on one is spent on the other.
func TestReplicasShareLimitsThroughRedis(t *testing.T) {
	t.Parallel()
	redisURL := testkit.RedisURL(t)
	prefix := testkit.UniqueName("sporthub-test-") + ":"
	shared := func(c *app.Config) {
		c.Redis.URL, c.Redis.KeyPrefix = redisURL, prefix
		// A loaded CI machine can take longer than the production default;
		// a limiter that fails open would let the fifth request through.
		c.Redis.LimitTimeout = 5 * time.Second
		c.Gateway.RateLimit, c.Gateway.RateBurst = 0.2, 4
	}
	a, b := apptest.Start(t, shared), apptest.Start(t, shared)
	for i := 0; i < 2; i++ {
		if r := a.Do(t, "GET", "/api/v1/commerce/taxonomy", "", nil); r.Status != 200 {
			t.Fatalf("replica A request %d: %d", i, r.Status)
		}
		if r := b.Do(t, "GET", "/api/v1/commerce/taxonomy", "", nil); r.Status != 200 {
			t.Fatalf("replica B request %d: %d", i, r.Status)
		}
	}
	if r := a.Do(t, "GET", "/api/v1/commerce/taxonomy", "", nil); r.Status != 429 {
		t.Fatalf("fifth request over both replicas: %d, want 429", r.Status)
	}
}
