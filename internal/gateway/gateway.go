// Package gateway is SportHub's API gateway: it serves the web app at / and
// the public API at /api/v1/<domain>/... through one router per domain
// (router_<domain>.go), so services can be split or merged without the
// public API changing. Services running in the same process are mounted
// in-process; the others are proxied to their configured instances
// (internal/gateway/upstream). It authenticates access tokens, refuses
// anonymous calls to routes that need a caller, rate-limits per client, and
// serves the OpenAPI document and its docs page.
package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/gateway/upstream"
	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// Name is the gateway's target name.
const Name = "gateway"

// Config is the gateway's configuration.
type Config struct {
	Upstreams       map[string][]string `yaml:"upstreams" doc:"instances of services running in other processes, e.g. catalog=http://10.0.0.5:8081|http://10.0.0.6:8081"`
	UpstreamTimeout time.Duration       `yaml:"upstream_timeout" doc:"time limit for one proxied attempt until the response headers"`
	RateLimit       float64             `yaml:"rate_limit" doc:"requests per second each client (user, or IP when anonymous) may make; 0 turns limiting off"`
	RateBurst       int                 `yaml:"rate_burst" doc:"requests a client may make at once above the steady rate"`
	TrustedProxies  []string            `yaml:"trusted_proxies" doc:"addresses or CIDRs of load balancers whose X-Forwarded-For names the client"`
	CORSOrigins     []string            `yaml:"cors_origins" doc:"origins allowed to call the API from a browser (* for any)"`
	ContentSecurity string              `yaml:"content_security_policy" doc:"Content-Security-Policy of the web app"`
	MapTileURL      string              `yaml:"map_tile_url" doc:"map tiles for the web app ({z}/{x}/{y} template); empty draws routes on a blank map (offline)"`
	MapAttribution  string              `yaml:"map_attribution" doc:"attribution the web app shows under map tiles"`
}

// DefaultConfig returns the gateway's defaults.
func DefaultConfig() Config {
	return Config{
		UpstreamTimeout: 10 * time.Second,
		RateLimit:       50,
		RateBurst:       100,
		ContentSecurity: "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; " +
			"connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
		MapTileURL:     "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
		MapAttribution: "© OpenStreetMap contributors",
	}
}

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error {
	var errs []error
	if c.RateLimit < 0 || c.RateBurst < 0 {
		errs = append(errs, errors.New("gateway.rate_limit and gateway.rate_burst must not be negative"))
	}
	if c.RateLimit > 0 && c.RateBurst < 1 {
		errs = append(errs, errors.New("gateway.rate_burst must be at least 1 when rate limiting is on"))
	}
	for name, urls := range c.Upstreams {
		if err := (upstream.Config{URLs: urls}).Validate(); err != nil {
			errs = append(errs, fmt.Errorf("gateway.upstreams.%s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

// Deps are what the gateway is built from.
type Deps struct {
	// Local maps each service running in this process to its routes.
	Local map[string][]web.Route
	// Verifier checks access tokens (nil: no auth service configured, so
	// bearer tokens are refused and only anonymous routes work).
	Verifier *authn.Verifier
	// Limiter limits requests per client (nil: no limit).
	Limiter    ratelimit.Limiter
	Logger     *slog.Logger
	Registerer prometheus.Registerer
}

// Gateway is the API gateway service.
type Gateway struct {
	cfg     Config
	deps    Deps
	pools   map[string]*upstream.Pool
	ipKey   func(*http.Request) string
	handler http.Handler
	logger  *slog.Logger
}

// New builds the gateway: a router per domain with every service mounted
// locally, proxied, or answering 503 when it runs nowhere known.
func New(cfg Config, deps Deps) (*Gateway, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	g := &Gateway{cfg: cfg, deps: deps, pools: map[string]*upstream.Pool{}, logger: deps.Logger.With("service", Name)}
	trusted, err := ratelimit.ParsePrefixes(cfg.TrustedProxies...)
	if err != nil {
		return nil, fmt.Errorf("gateway.trusted_proxies: %w", err)
	}
	g.ipKey = ratelimit.RemoteIPKey(ratelimit.TrustedProxies(trusted...))
	names := make([]string, 0, len(cfg.Upstreams))
	for n := range cfg.Upstreams {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, local := deps.Local[name]; local {
			return nil, fmt.Errorf("gateway.upstreams.%s: the service also runs in this process; configure one or the other", name)
		}
		var opts []upstream.Option
		if deps.Registerer != nil {
			opts = append(opts, upstream.WithRegisterer(deps.Registerer))
		}
		p, err := upstream.New(name, upstream.Config{URLs: cfg.Upstreams[name], Timeout: cfg.UpstreamTimeout}, g.logger, opts...)
		if err != nil {
			return nil, fmt.Errorf("gateway upstream %s: %w", name, err)
		}
		g.pools[name] = p
	}
	h, err := g.routes()
	if err != nil {
		return nil, err
	}
	g.handler = h
	return g, nil
}

// Name implements lifecycle.Service.
func (g *Gateway) Name() string { return Name }

// Handler serves the web app and the public API.
func (g *Gateway) Handler() http.Handler { return g.handler }

// Run runs the upstream health checks until ctx is cancelled.
func (g *Gateway) Run(ctx context.Context, ready func()) error {
	errc := make(chan error, len(g.pools))
	for _, p := range g.pools {
		go func() { errc <- p.Run(ctx) }()
	}
	ready()
	<-ctx.Done()
	for range g.pools {
		<-errc
	}
	for _, p := range g.pools {
		p.Close()
	}
	return nil
}

// clientKey identifies the client for rate limiting: the user when the
// request is authenticated, else the client IP.
func (g *Gateway) clientKey(r *http.Request) string {
	if p, ok := authn.FromContext(r.Context()); ok {
		return "user:" + p.Subject
	}
	return "ip:" + g.ipKey(r)
}

// requireCaller refuses anonymous requests with 401 before they reach a
// service; the service still checks the caller's permissions itself.
func requireCaller(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := authn.FromContext(r.Context()); !ok {
			w.Header().Set("WWW-Authenticate", `Bearer`)
			web.WriteError(w, r, apperr.New(apperr.Unauthorized, "unauthenticated", "this route needs an access token"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
