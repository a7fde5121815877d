package ratelimit_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/testkit"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
)

func serve(t *testing.T, l ratelimit.Limiter, logger *slog.Logger) (string, *http.Client) {
	t.Helper()
	h := ratelimit.Middleware(l, ratelimit.RemoteIPKey(), logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, srv.Client()
}

func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestMiddlewareDeniesWith429Problem(t *testing.T) {
	clock := newFakeClock()
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 0.4, Burst: 2}, ratelimit.WithClock(clock.Now))
	url, client := serve(t, l, nil)

	for _, remaining := range []string{"1", "0"} {
		res, body := get(t, client, url+"/api/v1/x")
		if res.StatusCode != http.StatusOK || body != "ok" {
			t.Fatalf("allowed request: %d %q", res.StatusCode, body)
		}
		if res.Header.Get("RateLimit-Limit") != "2" || res.Header.Get("RateLimit-Remaining") != remaining {
			t.Fatalf("headers %v, want limit 2 remaining %s", res.Header, remaining)
		}
	}
	res, body := get(t, client, url+"/api/v1/x")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("denied request: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if got := res.Header.Get("Retry-After"); got != "3" { // 2.5 s rounded up
		t.Fatalf("Retry-After = %q, want 3", got)
	}
	if res.Header.Get("RateLimit-Remaining") != "0" {
		t.Fatalf("RateLimit-Remaining = %q on a denial", res.Header.Get("RateLimit-Remaining"))
	}
	var p struct {
		Type, Title, Detail, Code string
		Status                    int
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Code != "rate_limited" || p.Status != 429 || p.Detail == "" || p.Title == "" {
		t.Fatalf("problem = %+v", p)
	}

	clock.Advance(2500 * time.Millisecond)
	if res, _ := get(t, client, url+"/api/v1/x"); res.StatusCode != http.StatusOK {
		t.Fatalf("after Retry-After: %d, want 200", res.StatusCode)
	}
	clock.Advance(100 * time.Millisecond) // Retry-After never says 0
	if res, _ := get(t, client, url+"/api/v1/x"); res.Header.Get("Retry-After") != "3" {
		t.Fatalf("Retry-After = %q, want 3", res.Header.Get("Retry-After"))
	}
}

func TestMiddlewareSkipsEmptyKeys(t *testing.T) {
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 1, Burst: 1})
	h := ratelimit.Middleware(l, func(*http.Request) string { return "" }, nil)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	for range 3 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != http.StatusOK || rec.Header().Get("RateLimit-Limit") != "" {
			t.Fatalf("unkeyed request: %d %v", rec.Code, rec.Header())
		}
	}
}

func TestMiddlewareFailsOpenWhenRedisIsUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	t.Cleanup(func() { _ = client.Close() })
	l := ratelimit.NewRedis(client, "rl:", ratelimit.Rule{Rate: 1, Burst: 1})

	began := time.Now()
	if _, err := l.Allow(t.Context(), "203.0.113.9"); err == nil {
		t.Fatal("Allow against a closed port succeeded")
	}
	if took := time.Since(began); took > time.Second {
		t.Fatalf("a failing call took %s, want it bounded by the call timeout", took)
	}
	var logs testkit.SyncBuffer
	url, c := serve(t, l, slog.New(slog.NewTextHandler(&logs, nil)))
	start := time.Now()
	for range 20 {
		res, body := get(t, c, url+"/api/v1/x")
		if res.StatusCode != http.StatusOK || body != "ok" {
			t.Fatalf("with Redis down: %d %q, want the request let through", res.StatusCode, body)
		}
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("20 requests took %s with Redis down", took)
	}
	if n := strings.Count(logs.String(), "rate limiter failed"); n != 1 {
		t.Fatalf("logged %d fail-open warnings for 20 requests, want 1:\n%s", n, logs.String())
	}
	if _, err := l.Allow(t.Context(), "x"); err == nil || !strings.Contains(err.Error(), ratelimit.ErrBackoff.Error()) {
		t.Fatalf("right after a failure Allow should fail fast with ErrBackoff, got %v", err)
	}
}
