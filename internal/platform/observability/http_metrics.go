package observability

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// HTTPMiddleware records sporthub_http_requests_total, sporthub_http_request_duration_seconds
// and sporthub_http_requests_in_flight for service. The route label is the ServeMux
// pattern that matched ("GET /api/v1/commerce/products/{id}"), or "unmatched"; the code
// label is the exact status sent; a handler that panicked before writing counts as 500.
func (m *Metrics) HTTPMiddleware(service string) func(http.Handler) http.Handler {
	requests := m.requests.MustCurryWith(prometheus.Labels{"service": service})
	duration := m.duration.MustCurryWith(prometheus.Labels{"service": service})
	inFlight := m.inFlight.WithLabelValues(service)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			inFlight.Inc()
			ex, w, ctx := enter(r.Context(), w, service)
			if ctx != r.Context() {
				r = r.WithContext(ctx)
			}
			returned := false
			// Deferred so a panicking handler still leaves the in-flight gauge and a sample.
			defer func() {
				inFlight.Dec()
				status := ex.code()
				if !returned && ex.status == 0 {
					status = http.StatusInternalServerError
				}
				method, route := methodLabel(r.Method), ex.route(r)
				requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
				duration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
			}()
			next.ServeHTTP(w, r)
			returned = true
		})
	}
}

// methodLabel bounds the method label: any non-standard method becomes "_OTHER", as in
// the OpenTelemetry HTTP conventions.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	default:
		return "_OTHER"
	}
}
