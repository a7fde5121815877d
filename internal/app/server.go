package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/gateway"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// server is the process's one HTTP server: health, readiness and metrics
// for operators, and either the gateway (web app and public API) or, in a
// process without a gateway, the routes of its services for a remote
// gateway to proxy to.
type server struct {
	a    *App
	srv  *http.Server
	addr atomic.Value // string
}

func (a *App) registerer() prometheus.Registerer {
	if a.metrics == nil {
		return nil
	}
	return a.metrics.Registerer()
}

func newServer(a *App, v *authn.Verifier) (*server, error) {
	s := &server{a: a}
	var api http.Handler
	if a.gateway != nil {
		api = a.gateway
	} else {
		mux := http.NewServeMux()
		names := make([]string, 0, len(a.routes))
		for n := range a.routes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for _, r := range a.routes[n] {
				mux.Handle(r.Pattern, r.Handler)
			}
		}
		// Without a gateway in front in this process, the services verify
		// access tokens themselves.
		api = web.Chain(observability.CaptureRoute(web.ProblemMux(mux)), authn.Middleware(v))
	}
	cfg := a.cfg.HTTP
	chain := []web.Middleware{web.Recover(), web.RequestIDs()}
	if a.metrics != nil {
		chain = append(chain, observability.TraceMiddleware("sporthub"), a.metrics.HTTPMiddleware("sporthub"))
	}
	chain = append(chain, web.AccessLog(a.logger, observability.Route), web.BodyLimit(cfg.MaxBodyBytes, a.bodyLimitRoutes()...), web.Timeout(cfg.RequestTimeout))
	main := web.Chain(observability.CaptureRoute(api), chain...)

	ops := http.NewServeMux()
	ops.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	ops.HandleFunc("GET /readyz", s.readyz)
	if a.metrics != nil {
		ops.Handle("GET /metrics", a.metrics.Handler())
	}
	ops.Handle("/", main)
	s.srv = &http.Server{
		Addr: cfg.Addr, Handler: ops,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout, IdleTimeout: cfg.IdleTimeout,
		ErrorLog: nil,
	}
	return s, nil
}

// bodyLimitRoutes are the routes this process serves, public (gateway)
// and local, so those declaring a larger body limit get it.
func (a *App) bodyLimitRoutes() []web.Route {
	var out []web.Route
	if a.gateway != nil {
		out = append(out, gateway.PublicRoutes()...)
	}
	for _, rs := range a.routes {
		out = append(out, rs...)
	}
	return out
}

// readyz answers 200 when every module runs, else 503 naming those that do not.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	not := s.a.manager.NotRunning()
	if len(not) == 0 {
		web.WriteJSON(w, http.StatusOK, map[string]any{"status": "ready", "services": s.a.Services()})
		return
	}
	web.WriteJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "not_running": not})
}

func (s *server) Name() string { return modServer }

// Addr returns the listening address once the server runs.
func (s *server) Addr() string {
	v, _ := s.addr.Load().(string)
	return v
}

// Run listens, serves until ctx is cancelled, then stops accepting and
// waits for in-flight requests (up to http.shutdown_timeout).
func (s *server) Run(ctx context.Context, ready func()) error {
	ln, err := net.Listen("tcp", s.srv.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.srv.Addr, err)
	}
	s.addr.Store(ln.Addr().String())
	s.a.logger.Info("http server listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	ready()
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.a.cfg.HTTP.ShutdownTimeout)
	defer cancel()
	start := time.Now()
	err = s.srv.Shutdown(sctx)
	<-errc
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("drain http requests: %w", err)
	}
	s.a.logger.Info("http server drained", "took", time.Since(start).Round(time.Millisecond).String())
	return nil
}
