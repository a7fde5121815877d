package access_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// fixture is a running access service: its own SQLite database, a real
// embedded JetStream, its relay and directory consumer, and its handler
// behind the token middleware on a real HTTP server.
type fixture struct {
	URL    string
	Issuer *authntest.Issuer
	Bus    *bus.Bus
	DB     *sqldb.DB
	Svc    *access.Service
	stop   func()
}

// catalogPerms is the permission catalog the tests run with: access's own
// and the catalog service's.
var catalogPerms = append(append([]accessapi.PermissionInfo{}, accessapi.Permissions...), catalogapi.Permissions...)

func start(t *testing.T) *fixture {
	t.Helper()
	return startOn(t, sqldbtest.SQLite(t, access.Name, nil), bustest.Embedded(t), catalogPerms)
}

// startOn runs the service over an existing database and bus (a restart).
func startOn(t *testing.T, db *sqldb.DB, b *bus.Bus, perms []accessapi.PermissionInfo) *fixture {
	t.Helper()
	svc, err := access.New(access.DefaultConfig(), access.Deps{DB: db, Bus: b, Permissions: perms})
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
		t.Fatalf("access failed to start: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("access not ready after 20s")
	}
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	srv := httptest.NewServer(authn.Middleware(iss.Verifier(t))(svc.Handler()))
	f := &fixture{URL: srv.URL, Issuer: iss, Bus: b, DB: db, Svc: svc}
	stopped := false
	f.stop = func() {
		if stopped {
			return
		}
		stopped = true
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("access stopped with %v", err)
		}
	}
	t.Cleanup(f.stop)
	return f
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

// settled waits until the outbox is empty, so every event committed so far
// is in JetStream.
func (f *fixture) settled(t *testing.T) {
	t.Helper()
	eventually(t, "outbox drained", func() error {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM bus_outbox`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%d events in the outbox", n)
		}
		return nil
	})
}

// events returns the published events of type typ (all subjects).
func (f *fixture) events(t *testing.T, typ string) []bus.Event {
	t.Helper()
	return bustest.Events(t, f.Bus, typ)
}

// publish puts an event on the bus as its producer would.
func (f *fixture) publish(t *testing.T, typ, subject string, data any) {
	t.Helper()
	ev, err := bus.NewEvent(typ, "test", subject, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

// register publishes auth's registration of a user and waits until the
// directory holds them.
func (f *fixture) register(t *testing.T, id, email string) {
	t.Helper()
	f.publish(t, authapi.EventUserRegistered, id,
		authapi.UserRegisteredV1{UserID: id, Email: email, Language: "ru", RegisteredAt: time.Now().UTC()})
	eventually(t, "user "+id+" in the directory", func() error { return f.inDirectory(id, true) })
}

// inDirectory reports whether the directory holds (want) or lacks the user.
func (f *fixture) inDirectory(id string, want bool) error {
	var n int
	if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM users WHERE user_id = $1`, id).Scan(&n); err != nil {
		return err
	}
	if (n == 1) != want {
		return fmt.Errorf("user %s: %d rows", id, n)
	}
	return nil
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
