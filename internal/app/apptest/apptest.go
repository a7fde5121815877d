// Package apptest starts a whole SportHub process inside a test: the real
// modules, a real HTTP server on a free loopback port, embedded NATS and
// SQLite in a temp dir (or the external servers a test asks for), and an
// access-token issuer whose JWKS the platform trusts. Tests then speak HTTP
// to it as a user would.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

// Platform is a running SportHub process.
type Platform struct {
	URL    string // http://127.0.0.1:port
	Issuer *authntest.Issuer
	App    *app.App
	Config app.Config
	stop   context.CancelFunc
	done   chan error
}

// Option changes the configuration before the process starts.
type Option func(*app.Config)

// Start runs a platform for the test and stops it when the test ends.
func Start(t testing.TB, opts ...Option) *Platform {
	t.Helper()
	return StartWith(t, authntest.NewIssuer(t, "sporthub", "sporthub-api"), opts...)
}

// StartWith runs a platform that trusts the tokens of iss (so several
// platforms of one test share an issuer).
func StartWith(t testing.TB, iss *authntest.Issuer, opts ...Option) *Platform {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Log.Level = "warn"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Gateway.RateLimit = 0
	cfg.Demo.Athletes = false // tests that want the demo athletes turn them on
	for _, o := range opts {
		o(&cfg)
	}
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.New(context.Background(), cfg, logger, observability.NewMetrics())
	if err != nil {
		t.Fatalf("build platform: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Platform{Issuer: iss, App: a, Config: cfg, stop: cancel, done: make(chan error, 1)}
	ready := make(chan struct{})
	go func() { p.done <- a.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-p.done:
		cancel()
		t.Fatalf("platform failed to start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("platform not ready after 30s")
	}
	p.URL = "http://" + a.Addr()
	t.Cleanup(func() {
		if err := p.Stop(); err != nil {
			t.Errorf("platform stop: %v", err)
		}
	})
	return p
}

// Stop shuts the platform down (idempotent) and returns Run's error.
func (p *Platform) Stop() error {
	if p.stop == nil {
		return nil
	}
	p.stop()
	p.stop = nil
	return <-p.done
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// Response is an HTTP answer with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on error.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Do sends a request to the platform. body may be nil, a string (sent as
// is) or any value (sent as JSON); token may be "".
func (p *Platform) Do(t testing.TB, method, path, token string, body any) Response {
	t.Helper()
	return Do(t, p.URL, method, path, token, body)
}

// Do sends a request to base+path (see Platform.Do).
func Do(t testing.TB, base, method, path, token string, body any) Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// Events subscribes to events of type typ (e.g.
// "commerce.catalog.price_changed.v1") as the platform publishes them to
// JetStream, and returns a function that waits for the next one about the
// given entity (the envelope's subject), skipping others.
func (p *Platform) Events(t testing.TB, typ string) func(subject string) bus.Event {
	t.Helper()
	b := p.App.Bus()
	ch := make(chan *nats.Msg, 1<<14)
	sub, err := b.Conn().ChanSubscribe(b.Subject(typ), ch)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	_ = sub.SetPendingLimits(-1, -1)
	return func(subject string) bus.Event {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case m := <-ch:
				var ev bus.Event
				if err := json.Unmarshal(m.Data, &ev); err != nil {
					t.Fatalf("decode event: %v", err)
				}
				if ev.Subject == subject {
					return ev
				}
			case <-deadline:
				t.Fatalf("no %s event about %s within 10s", typ, subject)
				return bus.Event{}
			}
		}
	}
}
