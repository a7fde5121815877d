package observability

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics owns the process's Prometheus registry and the HTTP metrics every service's
// middleware records into. Create one per process and share it.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight *prometheus.GaugeVec
}

// durationBuckets spans 1ms to 10s: the fast in-process calls and the slow remote ones.
var durationBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// NewMetrics returns a registry holding the Go runtime and process collectors and the
// sporthub_http_* metrics recorded by HTTPMiddleware.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_http_requests_total",
			Help: "HTTP requests served, by service, method, route pattern and status code.",
		}, []string{"service", "method", "route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sporthub_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by service, method and route pattern.",
			Buckets: durationBuckets,
		}, []string{"service", "method", "route"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sporthub_http_requests_in_flight",
			Help: "HTTP requests being served, by service.",
		}, []string{"service"}),
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.duration, m.inFlight,
	)
	return m
}

// Registerer is where components register their own collectors.
func (m *Metrics) Registerer() prometheus.Registerer { return m.registry }

// Handler serves the registry in the Prometheus exposition format, for /metrics.
// A failing collector drops its own metrics from the scrape, not the whole scrape.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// RegisterDBStats registers a collector of db's connection pool statistics on reg,
// labelled db_name=name: go_sql_open_connections, go_sql_in_use_connections,
// go_sql_idle_connections, go_sql_max_open_connections, go_sql_wait_count_total,
// go_sql_wait_duration_seconds_total and the go_sql_*_closed_total counters.
// Each name may be registered once per registry.
func RegisterDBStats(reg prometheus.Registerer, name string, db *sql.DB) error {
	if err := reg.Register(collectors.NewDBStatsCollector(db, name)); err != nil {
		return fmt.Errorf("register db stats %s: %w", name, err)
	}
	return nil
}
