package devices_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// fixture is a running devices service: its own SQLite database, blob
// directory, a real embedded JetStream, and its handler behind the token
// middleware on a real HTTP server.
type fixture struct {
	URL     string
	Issuer  *authntest.Issuer
	Bus     *bus.Bus
	DB      *sqldb.DB
	Blobs   *blob.Dir
	BlobDir string
	Svc     *devices.Service
	Reg     *prometheus.Registry
	stop    func()
}

func start(t *testing.T, edit ...func(*devices.Config)) *fixture {
	t.Helper()
	cfg := devices.DefaultConfig()
	for _, e := range edit {
		e(&cfg)
	}
	db := sqldbtest.SQLite(t, devices.Name, nil) // Run migrates
	b := bustest.Embedded(t)
	dir := t.TempDir()
	blobs, err := blob.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	v := iss.Verifier(t)
	reg := prometheus.NewRegistry()
	svc, err := devices.New(cfg, devices.Deps{DB: db, Bus: b, Blobs: blobs, Verifier: v, Registerer: reg})
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
		t.Fatalf("devices failed to start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("devices not ready after 30s")
	}
	srv := httptest.NewServer(web.BodyLimit(1<<20, svc.Routes()...)(authn.Middleware(v)(svc.Handler())))
	f := &fixture{URL: srv.URL, Issuer: iss, Bus: b, DB: db, Blobs: blobs, BlobDir: dir, Svc: svc, Reg: reg}
	stopped := false
	f.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("devices stopped with %v", err)
		}
	}
	t.Cleanup(func() {
		srv.Close()
		f.stop()
	})
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
		t.Fatalf("decode %d %s: %v", r.Status, r.Body, err)
	}
}

func (r response) problem(t *testing.T) web.Problem {
	t.Helper()
	var p web.Problem
	r.json(t, &p)
	if r.Header.Get("Content-Type") != web.ProblemContentType {
		t.Fatalf("content type %q for %d %s", r.Header.Get("Content-Type"), r.Status, r.Body)
	}
	return p
}

// cred says who calls: a user's access token, a device token, or both.
type cred struct {
	user   string // minted into an access token
	device string // sent as X-Device-Token
	bearer string // a raw Authorization bearer value
}

func (f *fixture) send(t *testing.T, method, path string, c cred, body io.Reader, contentType string) response {
	t.Helper()
	req, err := http.NewRequest(method, f.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.user != "" {
		req.Header.Set("Authorization", "Bearer "+f.Issuer.Mint(t, c.user))
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	if c.device != "" {
		req.Header.Set(devicesapi.DeviceTokenHeader, c.device)
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

// do sends body (nil, a string as is, or a value as JSON).
func (f *fixture) do(t *testing.T, method, path string, c cred, body any) response {
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
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return f.send(t, method, path, c, rd, ct)
}

const base = devicesapi.BasePath

// pairDevice makes a pairing code as user and pairs a device with it.
func (f *fixture) pairDevice(t *testing.T, user, kind, name string) devicesapi.PairResult {
	t.Helper()
	r := f.do(t, "POST", base+"/me/pairings", cred{user: user}, devicesapi.PairingRequest{Kind: kind, Name: name})
	if r.Status != 201 {
		t.Fatalf("pairing: %d %s", r.Status, r.Body)
	}
	var p devicesapi.Pairing
	r.json(t, &p)
	r = f.do(t, "POST", base+"/pair", cred{}, devicesapi.PairRequest{Code: p.Code, Manufacturer: "Garmin", Model: "Forerunner 965", Serial: "3345", Firmware: "19.2"})
	if r.Status != 201 {
		t.Fatalf("pair: %d %s", r.Status, r.Body)
	}
	var res devicesapi.PairResult
	r.json(t, &res)
	return res
}

// upload posts files as multipart "file" parts.
func (f *fixture) upload(t *testing.T, c cred, files map[string][]byte, order ...string) response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if len(order) == 0 {
		for name := range files {
			order = append(order, name)
		}
	}
	for _, name := range order {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(files[name])
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return f.send(t, "POST", base+"/imports", c, &buf, mw.FormDataContentType())
}

// batches returns every live batch published so far.
func (f *fixture) batches(t *testing.T) []devicesapi.BatchV1 {
	t.Helper()
	var out []devicesapi.BatchV1
	for _, ev := range bustest.Events(t, f.Bus, devicesapi.EventSamplesReceived) {
		var p devicesapi.SamplesReceivedV1
		if err := ev.Decode(&p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Batches...)
	}
	return out
}

// batch returns the published batch with the id, failing when there is
// not exactly one.
func (f *fixture) batch(t *testing.T, id string) devicesapi.BatchV1 {
	t.Helper()
	var found []devicesapi.BatchV1
	for _, b := range f.batches(t) {
		if b.BatchID == id {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d batches with id %s", len(found), id)
	}
	return found[0]
}

// settled waits until the outbox is empty.
func (f *fixture) settled(t *testing.T) {
	t.Helper()
	eventually(t, "outbox empty", func() error {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM bus_outbox`).Scan(&n); err != nil {
			return err
		}
		if n != 0 {
			return fmt.Errorf("%d events in the outbox", n)
		}
		return nil
	})
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

func ptr[T any](v T) *T { return &v }

func hasField(p web.Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}
