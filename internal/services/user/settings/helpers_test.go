package settings_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/user/settings"
)

// fixture is a running settings service: its own SQLite database, a real
// embedded JetStream, its relay and consumer, and its handler behind the
// token middleware on a real HTTP server.
type fixture struct {
	URL    string
	Issuer *authntest.Issuer
	Bus    *bus.Bus
	DB     *sqldb.DB
}

func start(t *testing.T) *fixture {
	t.Helper()
	db := sqldbtest.SQLite(t, settings.Name, nil) // Run migrates
	b := bustest.Embedded(t)
	svc, err := settings.New(settings.DefaultConfig(), settings.Deps{DB: db, Bus: b})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done, ready := make(chan error, 1), make(chan struct{})
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("settings failed to start: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("settings not ready after 20s")
	}
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	srv := httptest.NewServer(authn.Middleware(iss.Verifier(t))(svc.Handler()))
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("settings stopped with %v", err)
		}
	})
	return &fixture{URL: srv.URL, Issuer: iss, Bus: b, DB: db}
}

// response is an HTTP answer with its body read.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// do sends a request; body is nil, a string sent as is, or a value sent as JSON.
func (f *fixture) do(t *testing.T, method, path, token string, body any) response {
	t.Helper()
	var rd io.Reader
	switch v := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(v))
	default:
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, f.URL+path, rd)
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
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// settled waits until the outbox is empty: every event committed so far is
// then in JetStream, and counting them tells what a request emitted.
func (f *fixture) settled(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM bus_outbox`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d events still in the outbox after 10s", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// eventsAbout returns the published events of type typ about subject.
func (f *fixture) eventsAbout(t *testing.T, typ, subject string) []bus.Event {
	t.Helper()
	var out []bus.Event
	for _, ev := range bustest.Events(t, f.Bus, typ) {
		if ev.Subject == subject {
			out = append(out, ev)
		}
	}
	return out
}

// publish puts an event on the bus as its producer would.
func (f *fixture) publish(t *testing.T, typ, source, subject string, data any) {
	t.Helper()
	ev, err := bus.NewEvent(typ, source, subject, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

// eventually retries check until it returns nil or 10s pass.
func eventually(t *testing.T, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
