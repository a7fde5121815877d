package tracker_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

const base = trackerapi.BasePath

// fixture is a running tracker: real SQLite (or PostgreSQL), embedded
// JetStream, a blob directory, and a real token issuer in front of its
// handler (request ids, body limits, tokens: the server's order).
type fixture struct {
	svc      *tracker.Service
	bus      *bus.Bus
	db       *sqldb.DB
	blobs    blob.Store
	blobDir  string
	iss      *authntest.Issuer
	url      string
	users    map[string]string // name -> user id
	handled0 int
}

func start(t *testing.T, opts ...func(*tracker.Config)) *fixture {
	t.Helper()
	return startOn(t, sqldbtest.SQLite(t, tracker.Name, nil), opts...)
}

func startOn(t *testing.T, db *sqldb.DB, opts ...func(*tracker.Config)) *fixture {
	t.Helper()
	cfg := tracker.DefaultConfig()
	cfg.SweepInterval = time.Hour // tests sweep by hand
	for _, o := range opts {
		o(&cfg)
	}
	f := &fixture{bus: bustest.Embedded(t), db: db, blobDir: t.TempDir(), users: map[string]string{}}
	var err error
	if f.blobs, err = blob.NewDir(f.blobDir); err != nil {
		t.Fatal(err)
	}
	f.svc, err = tracker.New(cfg, tracker.Deps{DB: db, Bus: f.bus, Blobs: f.blobs})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- f.svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("service stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("service not ready")
	}
	f.iss = authntest.NewIssuer(t, "sporthub", "sporthub-api")
	h := web.Chain(f.svc.Handler(), web.RequestIDs(), web.BodyLimit(web.DefaultMaxBody, f.svc.Routes()...),
		authn.Middleware(f.iss.Verifier(t)))
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service run: %v", err)
		}
	})
	f.url = srv.URL
	return f
}

// user makes a user reachable as name.
func (f *fixture) user(name string) string {
	id := uuid.Must(uuid.NewV7()).String()
	f.users[name] = id
	return id
}

func (f *fixture) token(t *testing.T, name string) string {
	t.Helper()
	id, ok := f.users[name]
	if !ok {
		return ""
	}
	return f.iss.Mint(t, id)
}

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

func (r response) problem(t *testing.T) web.Problem {
	t.Helper()
	var p web.Problem
	r.json(t, &p)
	return p
}

// do sends a request as name ("" for anonymous); body is nil, a string
// sent as is, or a value sent as JSON.
func (f *fixture) do(t *testing.T, name, method, path string, body any) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, f.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok := f.token(t, name); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
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

func (f *fixture) mustDo(t *testing.T, name, method, path string, body any, status int) response {
	t.Helper()
	r := f.do(t, name, method, path, body)
	if r.status != status {
		t.Fatalf("%s %s as %q: %d, want %d: %s", method, path, name, r.status, status, r.body)
	}
	return r
}

// wantProblem checks an error answer's status and code.
func (f *fixture) wantProblem(t *testing.T, name, method, path string, body any, status int, code string) web.Problem {
	t.Helper()
	r := f.mustDo(t, name, method, path, body, status)
	p := r.problem(t)
	if p.Code != code {
		t.Fatalf("%s %s as %q: code %q, want %q (%s)", method, path, name, p.Code, code, r.body)
	}
	return p
}

// publish puts an event on the bus as another service would and waits
// until the tracker handled it.
func (f *fixture) publish(t *testing.T, typ, source, subject string, data any) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent(typ, source, subject, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	eventually(t, "event "+typ+" handled", func() bool {
		var n int
		if err := f.db.SQL.QueryRow(`SELECT count(*) FROM bus_inbox WHERE event_id = $1`, ev.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	})
	return ev
}

// followed says follower follows followee (as profiles would).
func (f *fixture) follow(t *testing.T, follower, followee string) {
	t.Helper()
	f.publish(t, profilesapi.EventFollowed, "profiles", f.users[followee],
		profilesapi.FollowV1{FollowerID: f.users[follower], FolloweeID: f.users[followee], At: time.Now()})
}

func (f *fixture) unfollow(t *testing.T, follower, followee string) {
	t.Helper()
	f.publish(t, profilesapi.EventUnfollowed, "profiles", f.users[followee],
		profilesapi.FollowV1{FollowerID: f.users[follower], FolloweeID: f.users[followee], At: time.Now()})
}

// privacy sets a user's activity defaults (profile public).
func (f *fixture) privacy(t *testing.T, name, mapV, hr, pace string) {
	t.Helper()
	f.publish(t, profilesapi.EventPrivacyChanged, "profiles", f.users[name], profilesapi.PrivacyChangedV1{
		UserID: f.users[name], ProfileVisibility: profilesapi.VisibilityPublic,
		ActivityDefaults: profilesapi.ActivityDefaults{Map: mapV, HeartRate: hr, Pace: pace}})
}

// zone gives a user one privacy zone.
func (f *fixture) zone(t *testing.T, name string, lat, lon float64, radius int) {
	t.Helper()
	f.publish(t, profilesapi.EventPrivacyZonesChanged, "profiles", f.users[name], profilesapi.PrivacyZonesChangedV1{
		UserID: f.users[name], Zones: []profilesapi.ZoneV1{{ID: uuid.NewString(), Lat: lat, Lon: lon, RadiusM: radius}}})
}

// ingest sends live samples as the devices service would (one group
// commit holding one batch) and waits until they are applied.
func (f *fixture) ingest(t *testing.T, name, sessionID string, samples []devicesapi.SampleV1, frames ...devicesapi.FrameV1) {
	t.Helper()
	f.ingestBatches(t, devicesapi.BatchV1{BatchID: uuid.NewString(), UserID: f.users[name], SessionID: sessionID,
		Sport: "running", Samples: samples, Frames: frames, ReceivedAt: time.Now()})
}

func (f *fixture) ingestBatches(t *testing.T, batches ...devicesapi.BatchV1) {
	t.Helper()
	f.publish(t, devicesapi.EventSamplesReceived, "devices", "ingest", devicesapi.SamplesReceivedV1{Batches: batches})
}

// Home is where the test athletes live; the track leaves it eastwards.
const (
	homeLat = 55.7500
	homeLon = 37.6000
)

// track returns n samples, 1 s apart from start, running east from home
// at 3 m/s with heart rate and cadence.
func track(start time.Time, n int) []devicesapi.SampleV1 {
	out := make([]devicesapi.SampleV1, n)
	for i := range out {
		lat, lon := homeLat, homeLon+float64(i)*3/(111_195*math.Cos(homeLat*math.Pi/180))
		hr, cad, speed, acc, alt := 130+float64(i%20), 170.0, 3.0, 4.0, 150.0
		out[i] = devicesapi.SampleV1{T: start.Add(time.Duration(i) * time.Second).UnixMilli(), Lat: &lat, Lon: &lon,
			Alt: &alt, HR: &hr, Cadence: &cad, Speed: &speed, Acc: &acc}
	}
	return out
}

// recorded returns an activity like track's, for StoreActivity and imports.
func recorded(start time.Time, n int) *activity.Activity {
	a := &activity.Activity{Sport: activity.Running, Start: start, Totals: activity.NoTotals(), Name: "Test run"}
	for _, s := range track(start, n) {
		x := activity.NewSample(time.UnixMilli(s.T).UTC())
		x.Lat, x.Lon, x.Alt, x.HR, x.Cadence, x.Speed = *s.Lat, *s.Lon, *s.Alt, *s.HR, *s.Cadence, *s.Speed
		x.Dist = float64(len(a.Samples)) * 3
		a.Samples = append(a.Samples, x)
	}
	return a
}

// events returns the stored events of a type about subject ("" for all).
func (f *fixture) events(t *testing.T, typ, subject string) []bus.Event {
	t.Helper()
	var out []bus.Event
	for _, ev := range bustest.Events(t, f.bus, typ) {
		if subject == "" || ev.Subject == subject {
			out = append(out, ev)
		}
	}
	return out
}

// settled waits until the outbox is empty.
func (f *fixture) settled(t *testing.T) {
	t.Helper()
	eventually(t, "outbox empty", func() bool {
		var n int
		if err := f.db.SQL.QueryRow(`SELECT count(*) FROM bus_outbox`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}

// waitEvent waits for an event of typ about subject and decodes it.
func (f *fixture) waitEvent(t *testing.T, typ, subject string, v any) bus.Event {
	t.Helper()
	var ev bus.Event
	eventually(t, typ+" about "+subject, func() bool {
		evs := f.events(t, typ, subject)
		if len(evs) == 0 {
			return false
		}
		ev = evs[len(evs)-1]
		return true
	})
	if v != nil {
		if err := ev.Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return ev
}

// notices returns the notification requests of a type to a user.
func (f *fixture) notices(t *testing.T, typ, to string) []notifyapi.RequestedV1 {
	t.Helper()
	var out []notifyapi.RequestedV1
	for _, ev := range f.events(t, notifyapi.EventRequested, "") {
		var r notifyapi.RequestedV1
		if err := ev.Decode(&r); err != nil {
			t.Fatal(err)
		}
		if r.Type == typ && r.UserID == to {
			out = append(out, r)
		}
	}
	return out
}

// blobFiles lists the blob store's objects (without metadata files).
func (f *fixture) blobFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(f.blobDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".meta") {
			rel, _ := filepath.Rel(f.blobDir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.SQL.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := f.db.SQL.Exec(query, args...); err != nil {
		t.Fatal(err)
	}
}

// startSession starts a running session for name and returns it.
func (f *fixture) startSession(t *testing.T, name string) trackerapi.Session {
	t.Helper()
	var s trackerapi.Session
	f.mustDo(t, name, "POST", base+"/sessions", map[string]any{"sport": "running"}, 201).json(t, &s)
	return s
}

// dial opens a live view WebSocket at path.
func (f *fixture) dial(t *testing.T, path string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(f.url, "http")+path, nil)
	if c != nil {
		c.SetReadLimit(1 << 20)
		t.Cleanup(func() { c.CloseNow() })
	}
	return c, resp, err
}

// watch opens the live view of a session as name with a fresh ticket.
func (f *fixture) watch(t *testing.T, name, sessionID string) *websocket.Conn {
	t.Helper()
	var tk trackerapi.Ticket
	f.mustDo(t, name, "POST", base+"/sessions/"+sessionID+"/watch-tickets", nil, 200).json(t, &tk)
	c, _, err := f.dial(t, base+"/sessions/"+sessionID+"/live?ticket="+tk.Ticket)
	if err != nil {
		t.Fatalf("watch as %s: %v", name, err)
	}
	return c
}

// next reads one live message.
func next(t *testing.T, c *websocket.Conn) trackerapi.LiveMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read live message: %v", err)
	}
	var m trackerapi.LiveMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("live message %s: %v", b, err)
	}
	return m
}

// closed waits for the server to close the connection and returns the
// close status.
func closed(t *testing.T, c *websocket.Conn) websocket.StatusCode {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			if ctx.Err() != nil {
				t.Fatal("the connection stayed open")
			}
			return websocket.CloseStatus(err)
		}
		_ = b
	}
}

// eventually waits up to 10s for cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within 10s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fl(v float64) *float64 { return &v }

// archive reads a session archive and counts its lines by kind.
func (f *fixture) archive(t *testing.T, key string) map[string]int {
	t.Helper()
	rc, _, err := f.blobs.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	zr, err := gzip.NewReader(rc)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	dec := json.NewDecoder(zr)
	for dec.More() {
		var line struct {
			Kind string `json:"kind"`
			T    int64  `json:"t"`
			Data []byte `json:"data"`
		}
		if err := dec.Decode(&line); err != nil {
			t.Fatal(err)
		}
		if line.Kind == "frame" && len(line.Data) == 0 || line.Kind == "sample" && line.T == 0 {
			t.Fatalf("archive line %+v", line)
		}
		kinds[line.Kind]++
	}
	return kinds
}
