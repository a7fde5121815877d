package main

import (
	"context"
	"fmt"
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
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
)

// server is something the benchmark started and must stop.
type server = benchkit.Server

// readyTimeout bounds the start of every server the benchmark runs.
const readyTimeout = benchkit.ReadyTimeout

// platformConfig is the embedded-defaults configuration of one process
// running targets, on a free loopback port, trusting iss, with the rate
// limiter on but far above what the load can reach.
func platformConfig(dir string, iss *benchkit.Issuer, targets ...string) app.Config {
	cfg := app.DefaultConfig()
	cfg.Target = targets
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Demo.Athletes = false
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	return cfg
}

// startPlatform runs a whole SportHub process (app.New + Run) in-process.
func startPlatform(cfg app.Config) (*server, error) {
	s, _, err := benchkit.StartPlatform(cfg)
	return s, err
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
	return &server{URL: srv.URL, StopFunc: func() error {
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
	stop := s.StopFunc
	s.StopFunc = func() error { err := stop(); tr.CloseIdleConnections(); return err }
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
	return &server{URL: "http://" + ln.Addr().String(), StopFunc: func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(ctx)
		<-done
		return err
	}}, nil
}
