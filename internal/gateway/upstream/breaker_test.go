package upstream_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/sporthub/sporthub/internal/gateway/upstream"
)

func TestBreakerOpensAfterFailuresAndHalfOpensAfterCooldown(t *testing.T) {
	flaky := newBackend(t, "flaky")
	flaky.status.Store(http.StatusServiceUnavailable)
	reg := prometheus.NewRegistry()
	const cooldown = 150 * time.Millisecond
	pool, url, client := gateway(t, upstream.Config{
		URLs: []string{flaky.URL()}, BreakerFailures: 3, BreakerCooldown: cooldown,
	}, upstream.WithRegisterer(reg))
	instance := strings.TrimPrefix(flaky.URL(), "http://")

	for i := range 3 {
		if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusServiceUnavailable || r.body != "flaky says 503" {
			t.Fatalf("failure %d: got %d %q, want the instance's own 503", i+1, r.status, r.body)
		}
	}
	// Open: the pool answers without sending anything to the instance.
	mustProblem(t, do(t, client, http.MethodGet, url+"/x", ""), http.StatusServiceUnavailable, "upstream_unavailable")
	if flaky.hits.Load() != 3 || pool.Healthy() != 0 {
		t.Fatalf("open circuit: hits %d healthy %d, want 3 and 0", flaky.hits.Load(), pool.Healthy())
	}
	if got := gauge(t, reg, "sporthub_upstream_breaker_state", instance); got != float64(upstream.Open) {
		t.Fatalf("breaker_state = %v, want open", got)
	}

	// Half-open after the cooldown: one trial goes through, fails, re-opens.
	time.Sleep(cooldown + 20*time.Millisecond)
	if pool.Healthy() != 1 {
		t.Fatalf("Healthy() after cooldown = %d, want 1 (a trial may go)", pool.Healthy())
	}
	if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusServiceUnavailable || flaky.hits.Load() != 4 {
		t.Fatalf("trial: %d, hits %d; want the instance's 503 and 4 hits", r.status, flaky.hits.Load())
	}
	mustProblem(t, do(t, client, http.MethodGet, url+"/x", ""), http.StatusServiceUnavailable, "upstream_unavailable")
	if flaky.hits.Load() != 4 {
		t.Fatalf("a failed trial must re-open the circuit; hits %d", flaky.hits.Load())
	}

	// The instance recovers: the next trial closes the circuit.
	flaky.status.Store(0)
	time.Sleep(cooldown + 20*time.Millisecond)
	for range 5 {
		if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusOK {
			t.Fatalf("after recovery: %d %q", r.status, r.body)
		}
	}
	if got := gauge(t, reg, "sporthub_upstream_breaker_state", instance); got != float64(upstream.Closed) {
		t.Fatalf("breaker_state = %v, want closed", got)
	}
	if got := counter(t, reg, "sporthub_upstream_attempts_total", instance, "failed"); got != 4 {
		t.Fatalf("failed attempts = %v, want 4", got)
	}
	if got := counter(t, reg, "sporthub_upstream_attempts_total", instance, "ok"); got != 5 {
		t.Fatalf("ok attempts = %v, want 5", got)
	}
}

func TestBreakerAdmitsOneTrialAtATime(t *testing.T) {
	release := make(chan struct{})
	var slowMode = make(chan bool, 1)
	slowMode <- false
	b := newBackendFunc(t, "b", func(b *backend, w http.ResponseWriter, r *http.Request) {
		b.hits.Add(1)
		slow := <-slowMode
		slowMode <- slow
		if !slow {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		<-release
	})
	const cooldown = 100 * time.Millisecond
	_, url, client := gateway(t, upstream.Config{URLs: []string{b.URL()}, BreakerFailures: 1, BreakerCooldown: cooldown})
	do(t, client, http.MethodGet, url+"/x", "") // opens
	<-slowMode
	slowMode <- true
	time.Sleep(cooldown + 20*time.Millisecond)

	trial := make(chan result, 1)
	go func() { trial <- do(t, client, http.MethodGet, url+"/trial", "") }()
	eventually(t, "the trial to reach the instance", func() bool { return b.hits.Load() == 2 })
	mustProblem(t, do(t, client, http.MethodGet, url+"/x", ""), http.StatusServiceUnavailable, "upstream_unavailable")
	close(release)
	if r := <-trial; r.status != http.StatusOK {
		t.Fatalf("trial status %d", r.status)
	}
	if r := do(t, client, http.MethodGet, url+"/x", ""); r.status != http.StatusOK {
		t.Fatalf("after a successful trial: %d, want 200", r.status)
	}
}

func TestMetricsCountRetriesAndShareARegistry(t *testing.T) {
	ok := newBackend(t, "ok")
	reg := prometheus.NewRegistry()
	dead := deadURL(t)
	_, url, client := gateway(t, upstream.Config{URLs: []string{dead, ok.URL()}}, upstream.WithRegisterer(reg))
	if _, err := upstream.New("other", upstream.Config{URLs: []string{ok.URL()}}, nil, upstream.WithRegisterer(reg)); err != nil {
		t.Fatalf("a second pool on the same registry: %v", err)
	}
	for range 4 {
		do(t, client, http.MethodGet, url+"/x", "")
	}
	if got := counter(t, reg, "sporthub_upstream_retries_total"); got != 2 {
		t.Fatalf("retries = %v, want 2 (half the requests started on the dead instance)", got)
	}
	if got := counter(t, reg, "sporthub_upstream_attempts_total", strings.TrimPrefix(dead, "http://"), "failed"); got != 2 {
		t.Fatalf("failed attempts on the dead instance = %v, want 2", got)
	}
}

// metric finds the sample of family name whose label values include all of values.
func metric(t *testing.T, reg *prometheus.Registry, name string, values ...string) *dto.Metric {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	next:
		for _, m := range f.GetMetric() {
			for _, v := range values {
				found := false
				for _, l := range m.GetLabel() {
					found = found || l.GetValue() == v
				}
				if !found {
					continue next
				}
			}
			return m
		}
	}
	t.Fatalf("no sample of %s with labels %v", name, values)
	return nil
}

func gauge(t *testing.T, reg *prometheus.Registry, name string, values ...string) float64 {
	t.Helper()
	return metric(t, reg, name, values...).GetGauge().GetValue()
}

func counter(t *testing.T, reg *prometheus.Registry, name string, values ...string) float64 {
	t.Helper()
	return metric(t, reg, name, values...).GetCounter().GetValue()
}
