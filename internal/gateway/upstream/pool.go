// Package upstream forwards the gateway's requests to the remote instances of
// one service: round-robin over healthy instances, active health checks plus
// a circuit breaker per instance fed by passive failures, and retries only
// where they are safe (idempotent requests, nothing sent to the client yet).
//
// A Pool is an http.Handler: mount it where the service's routes live and run
// its health checks with Run for as long as it serves.
package upstream

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Option tunes a Pool.
type Option func(*options)

type options struct {
	registerer prometheus.Registerer
}

// WithRegisterer registers the pool's metrics (attempts, retries, failures
// answered by the pool, breaker state and health per instance) with reg.
// Pools sharing reg share the metric families, told apart by label.
func WithRegisterer(reg prometheus.Registerer) Option {
	return func(o *options) { o.registerer = reg }
}

// Pool proxies requests to the instances of one remote service.
type Pool struct {
	name      string
	cfg       Config
	log       *slog.Logger
	transport *http.Transport
	instances []*instance
	next      atomic.Uint64 // round-robin cursor
	m         *metrics
	rejectedUnavailable,
	rejectedTimeout prometheus.Counter
	retries prometheus.Counter
}

// instance is one remote process of the service.
type instance struct {
	idx     int
	name    string // host:port, used in logs and metric labels
	url     *url.URL
	proxy   *httputil.ReverseProxy
	healthy atomic.Bool // result of the last active check; true until the first
	breaker *breaker
	m       instanceMetrics
}

// New builds a pool named name (the service, used in logs, metrics and
// problem details) over cfg.URLs. Instances count as healthy until the
// first health check of Run says otherwise.
func New(name string, cfg Config, logger *slog.Logger, opts ...Option) (*Pool, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("new upstream pool %s: %w", name, err)
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	m, err := newMetrics(o.registerer)
	if err != nil {
		return nil, fmt.Errorf("new upstream pool %s: register metrics: %w", name, err)
	}
	cfg = cfg.withDefaults()
	p := &Pool{
		name:                name,
		cfg:                 cfg,
		log:                 logger.With("upstream", name),
		transport:           newTransport(cfg.Timeout),
		m:                   m,
		rejectedUnavailable: m.rejected.WithLabelValues(name, codeUnavailable),
		rejectedTimeout:     m.rejected.WithLabelValues(name, codeTimeout),
		retries:             m.retries.WithLabelValues(name),
	}
	errorLog := slog.NewLogLogger(p.log.Handler(), slog.LevelWarn)
	buffers := &bufferPool{}
	for i, raw := range cfg.URLs {
		u, _ := parseInstanceURL(raw) // Validate accepted it
		inst := &instance{idx: i, name: u.Host, url: u, m: m.forInstance(name, u.Host)}
		inst.healthy.Store(true)
		inst.m.healthy.Set(1)
		inst.breaker = newBreaker(cfg.BreakerFailures, cfg.BreakerCooldown, time.Now, func(from, to BreakerState) {
			inst.m.breaker.Set(float64(to))
			p.log.Warn("upstream circuit breaker changed", "instance", inst.name, "from", from.String(), "to", to.String())
		})
		inst.proxy = &httputil.ReverseProxy{
			Rewrite:        rewriteTo(u),
			Transport:      p.transport,
			BufferPool:     buffers,
			ErrorLog:       errorLog,
			ErrorHandler:   p.errorHandler,
			ModifyResponse: p.modifyResponse,
		}
		p.instances = append(p.instances, inst)
	}
	return p, nil
}

// newTransport returns the pool's connection pool: many idle connections
// per instance (the default two make a busy proxy redial constantly),
// HTTP/1.1 only, no transparent compression (bodies pass through as sent).
func newTransport(timeout time.Duration) *http.Transport {
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: timeout,
		TLSHandshakeTimeout:   min(timeout, 10*time.Second),
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
	}
}

// rewriteTo sends requests to target with their path and query unchanged and
// sets X-Forwarded-For (appending to the client's chain), -Host and -Proto.
func rewriteTo(target *url.URL) func(*httputil.ProxyRequest) {
	return func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		if prior, ok := pr.In.Header["X-Forwarded-For"]; ok {
			pr.Out.Header["X-Forwarded-For"] = prior
		}
		pr.SetXForwarded()
	}
}

// pick returns the next usable instance not yet tried for st, and whether
// the request is its breaker's half-open trial. A first attempt advances the
// shared cursor once per instance it looks at, so the instances after a
// skipped one share its load evenly; a retry scans on from the instance that
// failed without moving the cursor, so retries do not skew the rotation.
func (p *Pool) pick(st *attempt) (*instance, bool) {
	n := len(p.instances)
	for i := range n {
		var inst *instance
		if len(st.tried) == 0 {
			inst = p.instances[(p.next.Add(1)-1)%uint64(n)]
		} else {
			inst = p.instances[(st.tried[len(st.tried)-1]+1+i)%n]
		}
		if !inst.healthy.Load() || st.hasTried(inst.idx) {
			continue
		}
		if ok, trial := inst.breaker.allow(); ok {
			return inst, trial
		}
	}
	return nil, false
}

// hasCandidate reports whether an instance is left for another attempt of st.
func (p *Pool) hasCandidate(st *attempt) bool {
	for _, inst := range p.instances {
		if inst.healthy.Load() && !st.hasTried(inst.idx) && inst.breaker.ready() {
			return true
		}
	}
	return false
}

// Healthy returns how many instances can take requests now: they passed
// their last health check and their circuit is not open.
func (p *Pool) Healthy() int {
	n := 0
	for _, inst := range p.instances {
		if inst.healthy.Load() && inst.breaker.ready() {
			n++
		}
	}
	return n
}

// Name returns the pool's service name.
func (p *Pool) Name() string { return p.name }

// Close closes the pool's idle connections. Requests in flight finish.
func (p *Pool) Close() { p.transport.CloseIdleConnections() }

// bufferPool recycles the 32 KiB buffers ReverseProxy copies bodies with.
type bufferPool struct{ pool sync.Pool }

func (b *bufferPool) Get() []byte {
	if buf, ok := b.pool.Get().(*[]byte); ok {
		return *buf
	}
	return make([]byte, 32<<10)
}

func (b *bufferPool) Put(buf []byte) { b.pool.Put(&buf) }
