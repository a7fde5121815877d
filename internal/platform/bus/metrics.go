package bus

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the bus's Prometheus collectors, shared by every relay
// (labelled by service) and consumer (labelled by consumer) of one process.
type metrics struct {
	published     *prometheus.CounterVec
	publishErrors *prometheus.CounterVec
	outboxDepth   *prometheus.GaugeVec
	commitLatency *prometheus.HistogramVec

	consumed     *prometheus.CounterVec
	failed       *prometheus.CounterVec
	deadLettered *prometheus.CounterVec
	lag          *prometheus.GaugeVec
	handleTime   *prometheus.HistogramVec
}

var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		published: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_bus_outbox_published_total",
			Help: "Outbox events the relay published and JetStream acknowledged, by service.",
		}, []string{"service"}),
		publishErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_bus_outbox_publish_errors_total",
			Help: "Outbox events whose publish failed and will be retried, by service.",
		}, []string{"service"}),
		outboxDepth: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sporthub_bus_outbox_depth",
			Help: "Events committed to the outbox and not yet published, by service.",
		}, []string{"service"}),
		commitLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sporthub_bus_outbox_commit_to_publish_seconds",
			Help:    "Time from writing an event to the outbox to JetStream acknowledging it, by service.",
			Buckets: latencyBuckets,
		}, []string{"service"}),
		consumed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_bus_consumer_consumed_total",
			Help: "Events a consumer handled successfully, by consumer.",
		}, []string{"consumer"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_bus_consumer_failed_total",
			Help: "Handler failures (each will be retried or dead-lettered), by consumer.",
		}, []string{"consumer"}),
		deadLettered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporthub_bus_consumer_dead_lettered_total",
			Help: "Events a consumer gave up on and moved to the dead-letter stream, by consumer.",
		}, []string{"consumer"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sporthub_bus_consumer_lag",
			Help: "Events waiting for a consumer: not yet delivered plus delivered and not acknowledged.",
		}, []string{"consumer"}),
		handleTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sporthub_bus_consumer_handle_seconds",
			Help:    "Time a consumer's handler took per delivery, by consumer.",
			Buckets: latencyBuckets,
		}, []string{"consumer"}),
	}
	if reg == nil {
		return m, nil
	}
	var errs []error
	m.published = register(reg, m.published, &errs)
	m.publishErrors = register(reg, m.publishErrors, &errs)
	m.outboxDepth = register(reg, m.outboxDepth, &errs)
	m.commitLatency = register(reg, m.commitLatency, &errs)
	m.consumed = register(reg, m.consumed, &errs)
	m.failed = register(reg, m.failed, &errs)
	m.deadLettered = register(reg, m.deadLettered, &errs)
	m.lag = register(reg, m.lag, &errs)
	m.handleTime = register(reg, m.handleTime, &errs)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("register bus metrics: %w", err)
	}
	return m, nil
}

// register adds c to reg, or returns the collector already registered under
// the same name (a second Bus in the same process shares the metrics).
func register[C prometheus.Collector](reg prometheus.Registerer, c C, errs *[]error) C {
	err := reg.Register(c)
	if err == nil {
		return c
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	*errs = append(*errs, err)
	return c
}
