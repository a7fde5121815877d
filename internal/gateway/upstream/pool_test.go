package upstream_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/gateway/upstream"
)

func TestRoundRobinSpreadsRequestsAndForwardsUnchanged(t *testing.T) {
	a, b, c := newBackend(t, "a"), newBackend(t, "b"), newBackend(t, "c")
	_, url, client := gateway(t, upstream.Config{URLs: []string{a.URL(), b.URL(), c.URL()}})

	for range 30 {
		r := do(t, client, http.MethodGet, url+"/api/v1/catalog/products?limit=5&q=a%20b", "",
			"Authorization", "Bearer tok", "X-Forwarded-For", "203.0.113.7")
		if r.status != http.StatusOK {
			t.Fatalf("status = %d, body %s", r.status, r.body)
		}
		e := r.echo
		if e.URI != "/api/v1/catalog/products?limit=5&q=a%20b" || e.Authorization != "Bearer tok" {
			t.Fatalf("forwarded request = %+v", e)
		}
		if e.XFF != "203.0.113.7, 127.0.0.1" || e.XFHost != strings.TrimPrefix(url, "http://") || e.XFProto != "http" {
			t.Fatalf("forwarding headers = %+v", e)
		}
	}
	for _, be := range []*backend{a, b, c} {
		if n := be.hits.Load(); n != 10 {
			t.Errorf("instance %s served %d of 30 requests, want 10", be.name, n)
		}
	}
}

func TestHealthChecksSkipUnhealthyInstances(t *testing.T) {
	good := newBackend(t, "good")
	var sickHealth atomic.Int64
	sickHealth.Store(http.StatusServiceUnavailable)
	sick := newBackendFunc(t, "sick", func(b *backend, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			w.WriteHeader(int(sickHealth.Load()))
			return
		}
		b.hits.Add(1)
	})
	dead := deadURL(t)
	pool, url, client := gateway(t, upstream.Config{
		URLs: []string{good.URL(), sick.URL(), dead}, HealthInterval: 20 * time.Millisecond,
	})
	if got := pool.Healthy(); got != 3 {
		t.Fatalf("Healthy() before the first check = %d, want 3", got)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- pool.Run(ctx) }()

	eventually(t, "one healthy instance", func() bool { return pool.Healthy() == 1 })
	for range 10 {
		if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusOK || r.echo.Instance != "good" {
			t.Fatalf("got %d from %q, want 200 from good", r.status, r.echo.Instance)
		}
	}
	if sick.hits.Load() != 0 {
		t.Fatalf("the unhealthy instance got %d requests", sick.hits.Load())
	}

	sickHealth.Store(http.StatusOK)
	eventually(t, "the recovered instance back", func() bool { return pool.Healthy() == 2 })
	for range 10 {
		do(t, client, http.MethodGet, url+"/x", "")
	}
	if n := sick.hits.Load(); n != 5 {
		t.Fatalf("the recovered instance got %d of 10 requests, want 5", n)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v, want nil", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Run did not stop with its context")
	}
}

func TestIdempotentRequestsRetryOnAnotherInstance(t *testing.T) {
	ok := newBackend(t, "ok")
	unavailable := newBackend(t, "unavailable")
	unavailable.status.Store(http.StatusServiceUnavailable)
	cfg := upstream.Config{URLs: []string{deadURL(t), unavailable.URL(), ok.URL()}, BreakerFailures: 1000}
	_, url, client := gateway(t, cfg)

	requests := []struct {
		method, body string
		header       []string
	}{
		{http.MethodGet, "", nil},
		{http.MethodHead, "", nil},
		{http.MethodPut, `{"name":"ball"}`, nil},
		{http.MethodDelete, "", nil},
		{http.MethodPost, `{"order":1}`, []string{"Idempotency-Key", "k-1"}},
	}
	for _, rq := range requests {
		for range 3 { // every starting instance once
			r := do(t, client, rq.method, url+"/items/1?x=1", rq.body, rq.header...)
			if r.status != http.StatusOK {
				t.Fatalf("%s: status %d body %q, want 200 after retries", rq.method, r.status, r.body)
			}
			if rq.method != http.MethodHead && (r.echo.Instance != "ok" || r.echo.Body != rq.body || r.echo.URI != "/items/1?x=1") {
				t.Fatalf("%s: echo = %+v, want the ok instance with the body %q", rq.method, r.echo, rq.body)
			}
		}
	}
	if unavailable.hits.Load() == 0 {
		t.Fatal("the 503 instance was never tried")
	}
}

func TestPostWithoutIdempotencyKeyIsNotRetriedOnceSent(t *testing.T) {
	ok := newBackend(t, "ok")
	unavailable := newBackend(t, "unavailable")
	unavailable.status.Store(http.StatusServiceUnavailable)
	_, url, client := gateway(t, upstream.Config{URLs: []string{unavailable.URL(), ok.URL()}, BreakerFailures: 1000})

	statuses := map[int]int{}
	for _, body := range []string{`{"order":1}`, `{"order":1}`, "", ""} {
		r := do(t, client, http.MethodPost, url+"/orders", body)
		statuses[r.status]++
		if r.status == http.StatusServiceUnavailable && r.body != "unavailable says 503" {
			t.Fatalf("the instance's own 503 was not passed through: %q", r.body)
		}
	}
	if statuses[200] != 2 || statuses[503] != 2 || unavailable.hits.Load() != 2 || ok.hits.Load() != 2 {
		t.Fatalf("statuses %v, hits unavailable=%d ok=%d; want each POST sent exactly once",
			statuses, unavailable.hits.Load(), ok.hits.Load())
	}
}

func TestPostIsNotRetriedAfterTheConnectionBroke(t *testing.T) {
	ok := newBackend(t, "ok")
	resets := newBackendFunc(t, "resets", func(b *backend, w http.ResponseWriter, r *http.Request) {
		b.hits.Add(1)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close() // the request arrived; the answer never comes
		}
	})
	_, url, client := gateway(t, upstream.Config{URLs: []string{resets.URL(), ok.URL()}, BreakerFailures: 1000})

	r1 := do(t, client, http.MethodPost, url+"/orders", `{"order":1}`)
	r2 := do(t, client, http.MethodPost, url+"/orders", `{"order":2}`)
	if resets.hits.Load() != 1 || ok.hits.Load() != 1 {
		t.Fatalf("hits resets=%d ok=%d, want one each (no retry)", resets.hits.Load(), ok.hits.Load())
	}
	failed := r1
	if r1.status == http.StatusOK {
		failed = r2
	}
	mustProblem(t, failed, http.StatusServiceUnavailable, "upstream_unavailable")

	// The same failure is retried for a GET.
	for range 2 {
		if r := do(t, client, http.MethodGet, url+"/orders/1", ""); r.status != http.StatusOK {
			t.Fatalf("GET after a reset: status %d, want 200", r.status)
		}
	}
}

func TestPostIsRetriedWhenNoConnectionWasMade(t *testing.T) {
	ok := newBackend(t, "ok")
	_, url, client := gateway(t, upstream.Config{URLs: []string{deadURL(t), ok.URL()}, BreakerFailures: 1000})
	for i := range 4 {
		body := `{"order":` + strconv.Itoa(i) + `}`
		r := do(t, client, http.MethodPost, url+"/orders", body)
		if r.status != http.StatusOK || r.echo.Body != body {
			t.Fatalf("POST to a refused instance then a live one: %d %+v", r.status, r.echo)
		}
	}
	if ok.hits.Load() != 4 {
		t.Fatalf("live instance hits = %d, want 4", ok.hits.Load())
	}
}

func TestLargeBodiesAreNotRetriedOnceSent(t *testing.T) {
	ok := newBackend(t, "ok")
	unavailable := newBackend(t, "unavailable")
	unavailable.status.Store(http.StatusServiceUnavailable)
	_, url, client := gateway(t, upstream.Config{URLs: []string{unavailable.URL(), ok.URL()}, BreakerFailures: 1000})

	big := strings.Repeat("x", upstream.MaxRetryBody+1)
	statuses := map[int]int{}
	for range 2 {
		r := do(t, client, http.MethodPut, url+"/blobs/1", big)
		statuses[r.status]++
		if r.status == http.StatusServiceUnavailable && r.body != "unavailable says 503" {
			t.Fatalf("want the instance's own 503 passed through, got %q", r.body)
		}
		if r.status == http.StatusOK && len(r.echo.Body) != len(big) {
			t.Fatalf("body arrived with %d bytes, want %d", len(r.echo.Body), len(big))
		}
	}
	if statuses[200] != 1 || statuses[503] != 1 {
		t.Fatalf("statuses %v, want one 200 and the 503 passed through", statuses)
	}
}

func TestAllInstancesDownAnswersProblem(t *testing.T) {
	pool, url, client := gateway(t, upstream.Config{URLs: []string{deadURL(t), deadURL(t)}, BreakerFailures: 2})
	r := do(t, client, http.MethodGet, url+"/api/v1/catalog/products", "")
	mustProblem(t, r, http.StatusServiceUnavailable, "upstream_unavailable")
	if n, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || n < 1 {
		t.Fatalf("Retry-After = %q, want whole seconds >= 1", r.header.Get("Retry-After"))
	}

	do(t, client, http.MethodGet, url+"/x", "") // second failure of each instance: both circuits open
	if got := pool.Healthy(); got != 0 {
		t.Fatalf("Healthy() = %d after both circuits opened, want 0", got)
	}
	r = do(t, client, http.MethodPost, url+"/orders", `{}`)
	mustProblem(t, r, http.StatusServiceUnavailable, "upstream_unavailable")
	if got := r.header.Get("Retry-After"); got != "5" {
		t.Fatalf("Retry-After = %q, want the breaker cooldown 5", got)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	slow := newBackendFunc(t, "slow", func(b *backend, w http.ResponseWriter, r *http.Request) {
		b.hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the gateway hanging up
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	fast := newBackend(t, "fast")

	_, url, client := gateway(t, upstream.Config{URLs: []string{slow.URL()}, Timeout: 100 * time.Millisecond})
	start := time.Now()
	r := do(t, client, http.MethodGet, url+"/slow", "")
	mustProblem(t, r, http.StatusServiceUnavailable, "upstream_timeout")
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("timed out after %s, want about 100ms", took)
	}

	_, url, client = gateway(t, upstream.Config{URLs: []string{slow.URL(), fast.URL()}, Timeout: 100 * time.Millisecond})
	for range 2 {
		if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusOK || r.echo.Instance != "fast" {
			t.Fatalf("GET after a timed-out attempt: %d from %q, want 200 from fast", r.status, r.echo.Instance)
		}
	}
	r = do(t, client, http.MethodPost, url+"/x", "{}")
	r2 := do(t, client, http.MethodPost, url+"/x", "{}")
	if r.status == http.StatusOK {
		r = r2
	}
	mustProblem(t, r, http.StatusServiceUnavailable, "upstream_timeout") // a sent POST is not retried
}
