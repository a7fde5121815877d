package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
)

// readyTimeout bounds the start of every server the benchmark runs.
const readyTimeout = 60 * time.Second

// server is something the benchmark started and must stop.
type server struct {
	URL  string
	stop func() error
}

// Stop shuts the server down and releases what it holds.
func (s *server) Stop() error {
	if s == nil || s.stop == nil {
		return nil
	}
	err := s.stop()
	s.stop = nil
	return err
}

// productionLogger logs like `sporthub` does (JSON at info level) into a
// sink that discards the bytes, so every access-log line is still built.
func productionLogger() (*slog.Logger, error) {
	return observability.NewLogger(observability.LogConfig{Level: "info", Format: "json"}, io.Discard)
}

// platformConfig is the embedded-defaults configuration of one process
// running targets, on a free loopback port, trusting iss, with the rate
// limiter on but far above what the load can reach.
func platformConfig(dir string, iss *benchkit.Issuer, targets ...string) app.Config {
	cfg := app.DefaultConfig()
	cfg.Target = targets
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	return cfg
}

// startPlatform runs a whole SportHub process (app.New + Run) in-process.
func startPlatform(cfg app.Config) (*server, error) {
	logger, err := productionLogger()
	if err != nil {
		return nil, err
	}
	a, err := app.New(context.Background(), cfg, logger, observability.NewMetrics())
	if err != nil {
		return nil, fmt.Errorf("build platform %v: %w", cfg.Target, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() { done <- a.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		return nil, fmt.Errorf("start platform %v: %w", cfg.Target, err)
	case <-time.After(readyTimeout):
		cancel()
		return nil, fmt.Errorf("start platform %v: not ready after %s", cfg.Target, readyTimeout)
	}
	return &server{URL: "http://" + a.Addr(), stop: func() error {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return fmt.Errorf("stop platform %v: %w", cfg.Target, err)
		}
		return nil
	}}, nil
}

// startBareCatalog runs the catalog service (its database migrated and the
// demo catalog loaded, as in the platform) and serves its bare handler,
// catalog.Service.Handler(), with a plain net/http server: no gateway, no
// middleware.
func startBareCatalog(dir string) (*server, error) {
	ctx, cancel := context.WithCancel(context.Background())
	var closers []func()
	fail := func(err error) (*server, error) {
		cancel()
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
		return nil, fmt.Errorf("start bare catalog: %w", err)
	}
	db, err := sqldb.Open(ctx, sqldb.Options{DataDir: dir, Service: catalog.Name})
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() { _ = db.Close() })
	b, err := bus.Open(ctx, bus.Config{DataDir: filepath.Join(dir, "nats")}, nil, nil)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, b.Close)
	blobs, err := blob.NewDir(filepath.Join(dir, "blobs"))
	if err != nil {
		return fail(err)
	}
	svc, err := catalog.New(catalog.DefaultConfig(), catalog.Deps{DB: db, Bus: b, Blobs: blobs})
	if err != nil {
		return fail(err)
	}
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		return fail(err)
	case <-time.After(readyTimeout):
		return fail(fmt.Errorf("not ready after %s", readyTimeout))
	}
	closers = append(closers, func() { cancel(); <-done })
	srv, err := serve(svc.Handler())
	if err != nil {
		return fail(err)
	}
	return &server{URL: srv.URL, stop: func() error {
		err := srv.Stop()
		cancel()
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
		return err
	}}, nil
}

// startBareProxy serves a bare httputil.ReverseProxy to target with a tuned
// connection pool (256 idle connections to the one host).
func startBareProxy(target string) (*server, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("start bare proxy: %w", err)
	}
	tr := benchkit.NewTransport(256)
	rp := &httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetURL(u); pr.SetXForwarded() },
		Transport: tr,
	}
	s, err := serve(rp)
	if err != nil {
		return nil, fmt.Errorf("start bare proxy: %w", err)
	}
	stop := s.stop
	s.stop = func() error { err := stop(); tr.CloseIdleConnections(); return err }
	return s, nil
}

// serve runs a plain net/http server for h on a free loopback port.
func serve(h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return &server{URL: "http://" + ln.Addr().String(), stop: func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(ctx)
		<-done
		return err
	}}, nil
}
