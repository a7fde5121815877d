package upstream

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the pool's Prometheus collectors. They always exist (so the
// hot path never checks for nil) and are registered only when an Option
// gives a Registerer.
type metrics struct {
	attempts    *prometheus.CounterVec // upstream, endpoint, result
	retries     *prometheus.CounterVec // upstream
	rejected    *prometheus.CounterVec // upstream, code: requests answered by the pool itself
	breaker     *prometheus.GaugeVec   // upstream, endpoint
	healthyInst *prometheus.GaugeVec   // upstream, endpoint
}

// instanceMetrics are one instance's curried collectors.
type instanceMetrics struct {
	ok, failed, canceled prometheus.Counter
	breaker, healthy     prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "sporthub", Subsystem: "upstream", Name: "attempts_total",
			Help: "Attempts to forward a request to an upstream instance, by result (ok, failed, canceled).",
		}, []string{"upstream", "endpoint", "result"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "sporthub", Subsystem: "upstream", Name: "retries_total",
			Help: "Requests sent again to another instance after a failed attempt.",
		}, []string{"upstream"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "sporthub", Subsystem: "upstream", Name: "failed_requests_total",
			Help: "Requests the pool answered itself with an error, by problem code.",
		}, []string{"upstream", "code"}),
		breaker: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: "sporthub", Subsystem: "upstream", Name: "breaker_state",
			Help: "Circuit breaker state per instance: 0 closed, 1 half-open, 2 open.",
		}, []string{"upstream", "endpoint"}),
		healthyInst: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: "sporthub", Subsystem: "upstream", Name: "instance_healthy",
			Help: "1 when the instance passed its last active health check.",
		}, []string{"upstream", "endpoint"}),
	}
	if reg == nil {
		return m, nil
	}
	// Several pools share one registry: the first registers the vectors and
	// later ones reuse them.
	var err error
	m.attempts, err = register(reg, m.attempts)
	if err != nil {
		return nil, err
	}
	if m.retries, err = register(reg, m.retries); err != nil {
		return nil, err
	}
	if m.rejected, err = register(reg, m.rejected); err != nil {
		return nil, err
	}
	if m.breaker, err = register(reg, m.breaker); err != nil {
		return nil, err
	}
	if m.healthyInst, err = register(reg, m.healthyInst); err != nil {
		return nil, err
	}
	return m, nil
}

func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	err := reg.Register(c)
	if err == nil {
		return c, nil
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, nil
		}
	}
	var zero C
	return zero, err
}

func (m *metrics) forInstance(upstream, instance string) instanceMetrics {
	return instanceMetrics{
		ok:       m.attempts.WithLabelValues(upstream, instance, "ok"),
		failed:   m.attempts.WithLabelValues(upstream, instance, "failed"),
		canceled: m.attempts.WithLabelValues(upstream, instance, "canceled"),
		breaker:  m.breaker.WithLabelValues(upstream, instance),
		healthy:  m.healthyInst.WithLabelValues(upstream, instance),
	}
}
