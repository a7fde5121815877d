package profiles_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// fixture is a running profiles service: real SQLite, embedded JetStream,
// a blob directory, and a real token issuer in front of its handler (the
// same middleware order as the server: request ids, body limits, tokens).
type fixture struct {
	bus   *bus.Bus
	db    *sqldb.DB
	blobs blob.Store
	iss   *authntest.Issuer
	url   string
	users map[string]string // caller name -> user id
}

const base = profilesapi.BasePath

// start runs the service on SQLite.
func start(t *testing.T) *fixture {
	t.Helper()
	return startOn(t, sqldbtest.SQLite(t, "profiles", migrations.FS))
}

// startOn runs the service on db.
func startOn(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{bus: bustest.Embedded(t), db: db, users: map[string]string{}}
	var err error
	if f.blobs, err = blob.NewDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	svc, err := profiles.New(profiles.DefaultConfig(), profiles.Deps{DB: f.db, Bus: f.bus, Blobs: f.blobs})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("service stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("service not ready")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service run: %v", err)
		}
	})
	f.iss = authntest.NewIssuer(t, "sporthub", "sporthub-api")
	h := web.Chain(svc.Handler(), web.RequestIDs(), web.BodyLimit(web.DefaultMaxBody, svc.Routes()...),
		authn.Middleware(f.iss.Verifier(t)))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// user makes a signed-in user with a profile named name, reachable as who.
func (f *fixture) user(t *testing.T, who, name string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	f.users[who] = id
	f.mustDo(t, who, "PATCH", base+"/me", map[string]any{"display_name": name}, 200)
	return id
}

// raw is a request body sent as is with its content type.
type raw struct {
	contentType string
	data        []byte
}

// response is an HTTP answer with its body read.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// do sends a request as who ("anonymous" or "" for none). body is nil,
// raw, or any value sent as JSON.
func (f *fixture) do(t *testing.T, who, method, path string, body any) response {
	t.Helper()
	token := ""
	if id, ok := f.users[who]; ok {
		token = f.iss.Mint(t, id)
	}
	return f.doToken(t, token, method, path, body)
}

// doToken sends a request with a bearer token ("" for none).
func (f *fixture) doToken(t *testing.T, token, method, path string, body any) response {
	t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case raw:
		rd, ct = bytes.NewReader(b.data), b.contentType
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ct = bytes.NewReader(js), "application/json"
	}
	req, err := http.NewRequest(method, f.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
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
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

func (f *fixture) mustDo(t *testing.T, who, method, path string, body any, status int) response {
	t.Helper()
	r := f.do(t, who, method, path, body)
	if r.status != status {
		t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, who, r.status, status, r.body)
	}
	return r
}

func (f *fixture) me(t *testing.T, who string) profilesapi.Profile {
	t.Helper()
	var p profilesapi.Profile
	f.mustDo(t, who, "GET", base+"/me", nil, 200).json(t, &p)
	return p
}

// events returns the stored events of a type (or filter).
func (f *fixture) events(t *testing.T, filter string) []bus.Event {
	t.Helper()
	return bustest.Events(t, f.bus, filter)
}

// notifications returns the notification requests of a type.
func (f *fixture) notifications(t *testing.T, typ string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, ev := range f.events(t, "platform.notify.requested.v1") {
		var req map[string]any
		if err := ev.Decode(&req); err != nil {
			t.Fatal(err)
		}
		if req["type"] == typ {
			out = append(out, req)
		}
	}
	return out
}

// eventually waits up to 10s for cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within 10s: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// publish puts an event on the bus as another service would.
func (f *fixture) publish(t *testing.T, typ, subject string, data any) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent(typ, "auth", subject, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func replace(path string, users map[string]string) string {
	for who, id := range users {
		path = strings.ReplaceAll(path, "{"+who+"}", id)
	}
	return path
}
