package observability

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
)

const productRoute = "GET /api/v1/commerce/products/{id}"

// commerceMux is a real ServeMux with the kinds of routes services register.
func commerceMux(t *testing.T, m *Metrics) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc(productRoute, func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			http.Error(w, "no such product", http.StatusNotFound)
			return
		}
		_, _ = io.WriteString(w, `{"id":"`+r.PathValue("id")+`"}`)
	})
	mux.HandleFunc("POST /api/v1/commerce/products", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /api/v1/commerce/inflight", func(w http.ResponseWriter, r *http.Request) {
		// Gather directly: t.Fatal, which scrape may call, is for the test goroutine only.
		families, err := m.registry.Gather()
		if err != nil {
			t.Errorf("gather: %v", err)
		}
		byName := map[string]*dto.MetricFamily{}
		for _, f := range families {
			byName[f.GetName()] = f
		}
		if got, _ := sample(byName, "sporthub_http_requests_in_flight", map[string]string{"service": "commerce"}); got != 1 {
			t.Errorf("in flight while serving = %v, want 1", got)
		}
	})
	mux.HandleFunc("GET /api/v1/commerce/teapot", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints) // informational, precedes the final status
		w.WriteHeader(http.StatusTeapot)
	})
	return mux
}

func do(t *testing.T, client *http.Client, method, url string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestHTTPMiddlewareLabelsByRoutePattern(t *testing.T) {
	m := NewMetrics()
	srv := httptest.NewServer(m.HTTPMiddleware("commerce")(commerceMux(t, m)))
	defer srv.Close()

	requests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/api/v1/commerce/products/1", 200},
		{"GET", "/api/v1/commerce/products/2", 200},
		{"GET", "/api/v1/commerce/products/3", 200},
		{"GET", "/api/v1/commerce/products/missing", 404},
		{"POST", "/api/v1/commerce/products", 201},
		{"GET", "/api/v1/commerce/teapot", 418},
		{"GET", "/api/v1/commerce/inflight", 200},
		{"GET", "/no/such/page", 404},
		{"DELETE", "/api/v1/commerce/products/1", 405},
	}
	for _, r := range requests {
		if got := do(t, srv.Client(), r.method, srv.URL+r.path); got != r.status {
			t.Fatalf("%s %s: status %d, want %d", r.method, r.path, got, r.status)
		}
	}

	families := scrape(t, m.Handler())
	counts := []struct {
		method, route, code string
		want                float64
	}{
		{"GET", productRoute, "200", 3},
		{"GET", productRoute, "404", 1},
		{"POST", "POST /api/v1/commerce/products", "201", 1},
		{"GET", "GET /api/v1/commerce/teapot", "418", 1},
		{"GET", "unmatched", "404", 1},
		{"DELETE", "unmatched", "405", 1},
	}
	for _, c := range counts {
		labels := map[string]string{"service": "commerce", "method": c.method, "route": c.route, "code": c.code}
		if got, ok := sample(families, "sporthub_http_requests_total", labels); !ok || got != c.want {
			t.Errorf("requests_total%v = %v (present %v), want %v", labels, got, ok, c.want)
		}
	}
	durations := map[string]string{"service": "commerce", "method": "GET", "route": productRoute}
	if got, _ := sample(families, "sporthub_http_request_duration_seconds", durations); got != 4 {
		t.Errorf("duration histogram count = %v, want 4", got)
	}
	if got, _ := sample(families, "sporthub_http_requests_in_flight", map[string]string{"service": "commerce"}); got != 0 {
		t.Errorf("in flight after serving = %v, want 0", got)
	}
	for _, metric := range families["sporthub_http_requests_total"].GetMetric() {
		for _, l := range metric.GetLabel() {
			if l.GetName() == "route" && strings.Contains(l.GetValue(), "/products/1") {
				t.Errorf("raw path leaked into the route label: %q", l.GetValue())
			}
		}
	}
}

// withTenant stands for middlewares (authentication, rate limits) that replace the
// request on its way to the mux, hiding the pattern the mux sets from outer middlewares.
func withTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), tenantKey{}, "t1")))
	})
}

type tenantKey struct{}

func TestCaptureRouteSeesThroughReplacedRequests(t *testing.T) {
	m := NewMetrics()
	mux := commerceMux(t, m)
	srv := httptest.NewServer(m.HTTPMiddleware("commerce")(withTenant(CaptureRoute(mux))))
	defer srv.Close()
	do(t, srv.Client(), "GET", srv.URL+"/api/v1/commerce/products/7")

	labels := map[string]string{"service": "commerce", "method": "GET", "route": productRoute, "code": "200"}
	if got, _ := sample(scrape(t, m.Handler()), "sporthub_http_requests_total", labels); got != 1 {
		t.Errorf("requests_total%v = %v, want 1", labels, got)
	}
}

func TestHTTPMiddlewareCountsPanicsAsServerErrors(t *testing.T) {
	m := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := m.HTTPMiddleware("commerce")(mux)
	func() {
		defer func() { _ = recover() }()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/boom", nil))
	}()
	families := scrape(t, m.Handler())
	labels := map[string]string{"service": "commerce", "method": "GET", "route": "GET /boom", "code": "500"}
	if got, _ := sample(families, "sporthub_http_requests_total", labels); got != 1 {
		t.Errorf("requests_total%v = %v, want 1", labels, got)
	}
	if got, _ := sample(families, "sporthub_http_requests_in_flight", map[string]string{"service": "commerce"}); got != 0 {
		t.Errorf("in flight after a panic = %v, want 0", got)
	}
}

func TestHTTPMiddlewareKeepsStreamingAndHijacking(t *testing.T) {
	m := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "data: 1\n\n")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush through middleware: %v", err)
		}
	})
	mux.HandleFunc("GET /upgrade", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusSwitchingProtocols)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack through middleware: %v", err)
			return
		}
		_ = conn.Close()
	})
	srv := httptest.NewServer(m.HTTPMiddleware("messenger")(mux))
	defer srv.Close()
	do(t, srv.Client(), "GET", srv.URL+"/events")
	req, _ := http.NewRequest("GET", srv.URL+"/upgrade", nil)
	if resp, err := srv.Client().Do(req); err == nil {
		_ = resp.Body.Close()
	}

	for route, code := range map[string]string{"GET /events": "200", "GET /upgrade": "101"} {
		labels := map[string]string{"service": "messenger", "method": "GET", "route": route, "code": code}
		// The client may see the hijacked connection close before the handler returns.
		deadline := time.Now().Add(2 * time.Second)
		for {
			got, _ := sample(scrape(t, m.Handler()), "sporthub_http_requests_total", labels)
			if got == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("requests_total%v = %v, want 1", labels, got)
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}
