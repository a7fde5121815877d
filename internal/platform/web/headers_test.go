package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
)

func ok() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
}

func TestSecurityHeaders(t *testing.T) {
	srv := serve(t, web.SecurityHeaders("default-src 'self'", true)(ok()))
	resp, _ := get(t, srv, "/", nil)
	want := map[string]string{
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "strict-origin-when-cross-origin",
		"X-Frame-Options":            "DENY",
		"Cross-Origin-Opener-Policy": "same-origin",
		"Content-Security-Policy":    "default-src 'self'",
		"Strict-Transport-Security":  "max-age=63072000; includeSubDomains",
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	srv = serve(t, web.SecurityHeaders("", false)(ok()))
	resp, _ = get(t, srv, "/", nil)
	if resp.Header.Get("Content-Security-Policy") != "" || resp.Header.Get("Strict-Transport-Security") != "" {
		t.Fatalf("CSP/HSTS set when off: %v", resp.Header)
	}
	if resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatal("base headers missing when CSP/HSTS are off")
	}
}

func TestCORS(t *testing.T) {
	srv := serve(t, web.CORS([]string{"https://app.sporthub.dev"})(ok()))

	resp, _ := get(t, srv, "/v1/x", http.Header{"Origin": {"https://app.sporthub.dev"}})
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "https://app.sporthub.dev" ||
		resp.Header.Get("Vary") != "Origin" || !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "X-Request-Id") {
		t.Fatalf("allowed origin: %d %v", resp.StatusCode, resp.Header)
	}
	if resp.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Fatal("a simple request got preflight headers")
	}

	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/v1/x", nil)
	req.Header.Set("Origin", "https://app.sporthub.dev")
	req.Header.Set("Access-Control-Request-Method", "PATCH")
	resp, _ = send(t, req)
	if resp.StatusCode != http.StatusNoContent || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "PATCH") ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Idempotency-Key") || resp.Header.Get("Access-Control-Max-Age") != "600" {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}

	for _, origin := range []string{"https://evil.example", ""} {
		resp, _ = get(t, srv, "/v1/x", http.Header{"Origin": {origin}})
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("origin %q got CORS headers: %v", origin, resp.Header)
		}
	}
	// A preflight from another origin is not answered here: it reaches the handler.
	req, _ = http.NewRequest(http.MethodOptions, srv.URL+"/v1/x", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Access-Control-Request-Method", "DELETE")
	resp, _ = send(t, req)
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Fatalf("foreign preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestCORSAnyOriginAndNone(t *testing.T) {
	srv := serve(t, web.CORS([]string{"*"})(ok()))
	resp, _ := get(t, srv, "/", http.Header{"Origin": {"https://anything.example"}})
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://anything.example" {
		t.Fatalf("* did not allow: %v", resp.Header)
	}
	srv = serve(t, web.CORS(nil)(ok()))
	resp, _ = get(t, srv, "/", http.Header{"Origin": {"https://anything.example"}})
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("no origins configured but allowed: %v", resp.Header)
	}
}
