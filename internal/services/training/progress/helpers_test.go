package progress_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
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
	"github.com/sporthub/sporthub/internal/services/training/progress"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

const base = progressapi.BasePath

// fixture is a running progress service: its own database, a real
// embedded JetStream, its relay and consumers, and its handler behind the
// token middleware on a real HTTP server.
type fixture struct {
	url       string
	iss       *authntest.Issuer
	bus       *bus.Bus
	db        *sqldb.DB
	published int // events published to the service so far
}

func start(t *testing.T) *fixture {
	t.Helper()
	return startOn(t, sqldbtest.SQLite(t, progress.Name, nil))
}

func startOn(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{bus: bustest.Embedded(t), db: db}
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc, err := progress.New(progress.DefaultConfig(), progress.Deps{DB: db, Bus: f.bus, Blobs: blobs})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("progress stopped: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("progress not ready after 20s")
	}
	f.iss = authntest.NewIssuer(t, "sporthub", "sporthub-api")
	h := web.Chain(svc.Handler(), web.RequestIDs(), web.BodyLimit(web.DefaultMaxBody, svc.Routes()...),
		authn.Middleware(f.iss.Verifier(t)))
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("progress run: %v", err)
		}
	})
	f.url = srv.URL
	return f
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

// do sends a request as user ("" anonymous); body nil, a string or a value sent as JSON.
func (f *fixture) do(t *testing.T, user, method, path string, body any) response {
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
	req, err := http.NewRequest(method, f.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+f.iss.Mint(t, user))
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
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// get fetches path as user, wants 200 and decodes into v.
func (f *fixture) get(t *testing.T, user, path string, v any) {
	t.Helper()
	r := f.do(t, user, "GET", path, nil)
	if r.status != 200 {
		t.Fatalf("GET %s: %d %s", path, r.status, r.body)
	}
	r.json(t, v)
}

// publish puts an event on the bus as its producer would.
func (f *fixture) publish(t *testing.T, ev bus.Event) {
	t.Helper()
	if err := f.bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	f.published++
}

func event(t *testing.T, typ, source, subject string, data any) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent(typ, source, subject, data)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// settled waits until every event published so far is handled (its id
// is in the inbox) and the outbox has drained.
func (f *fixture) settled(t *testing.T) {
	t.Helper()
	eventually(t, "events handled and published", func() bool {
		var handled, pending int
		if err := f.db.SQL.QueryRow(`SELECT COUNT(*) FROM bus_inbox`).Scan(&handled); err != nil {
			t.Fatal(err)
		}
		if err := f.db.SQL.QueryRow(`SELECT COUNT(*) FROM bus_outbox`).Scan(&pending); err != nil {
			t.Fatal(err)
		}
		return handled >= f.published && pending == 0
	})
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within 15s: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// records returns the personal_record events about user.
func (f *fixture) records(t *testing.T, user string) []progressapi.PersonalRecordV1 {
	t.Helper()
	var out []progressapi.PersonalRecordV1
	for _, ev := range bustest.Events(t, f.bus, progressapi.EventPersonalRecord) {
		if ev.Subject != user {
			continue
		}
		var p progressapi.PersonalRecordV1
		if err := ev.Decode(&p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func newUser() string { return uuid.Must(uuid.NewV7()).String() }

// loop is a closed route of about lengthM around a point: a circle drawn
// through 60 points, encoded as the tracker sends it.
func loop(lat, lon, lengthM float64) (polyline string, start []float64) {
	r := lengthM / (2 * math.Pi)
	var pts []route.Point
	for i := 0; i <= 60; i++ {
		a := 2 * math.Pi * float64(i) / 60
		dLat := r * (1 - math.Cos(a)) / 111320
		dLon := r * math.Sin(a) / (111320 * math.Cos(lat*math.Pi/180))
		pts = append(pts, route.Point{Lat: lat + dLat, Lon: lon + dLon})
	}
	return route.EncodePolyline(pts), []float64{lat, lon}
}

// activity is an activity event's payload.
type activity struct {
	id, user, sport, name string
	start                 time.Time
	km, movingS, tss      float64
	efforts               map[string]float64 // name -> elapsed s
	polyline              string
	startLL               []float64
}

var effortDistance = map[string]float64{"400m": 400, "1k": 1000, "5k": 5000, "10k": 10000,
	"half_marathon": 21097.5, "marathon": 42195, "20k": 20000, "40k": 40000}

func (a activity) payload() trackerapi.ActivityV1 {
	tss := a.tss
	p := trackerapi.ActivityV1{ActivityID: a.id, UserID: a.user, Sport: a.sport, Name: a.name, StartedAt: a.start,
		TimeZone: "Europe/Moscow", Source: "live", Visibility: "private", Polyline: a.polyline,
		StartLatLng: a.startLL, EndLatLng: a.startLL,
		Analysis: analysis.Result{DistanceM: a.km * 1000, MovingS: a.movingS, ElapsedS: a.movingS + 60, ElevGainM: 20,
			Load: analysis.Load{TSS: &tss, TSSMethod: "hr"}}}
	for name, s := range a.efforts {
		p.Analysis.BestEfforts = append(p.Analysis.BestEfforts, analysis.Effort{Name: name, DistanceM: effortDistance[name], ElapsedS: s})
	}
	return p
}

func (f *fixture) complete(t *testing.T, a activity) bus.Event {
	t.Helper()
	ev := event(t, trackerapi.EventActivityCompleted, "tracker", a.id, a.payload())
	f.publish(t, ev)
	return ev
}

func (f *fixture) athlete(t *testing.T, user, sex string, born int) {
	t.Helper()
	f.publish(t, event(t, profilesapi.EventAthleteChanged, "profiles", user,
		profilesapi.AthleteChangedV1{UserID: user, Sex: &sex, BirthYear: &born, HRZones: []int{}}))
}

func (f *fixture) deleteUser(t *testing.T, user string) {
	t.Helper()
	f.publish(t, event(t, authapi.EventUserDeleted, "auth", user, authapi.UserDeletedV1{UserID: user, DeletedAt: time.Now()}))
}

// day is the calendar day in Moscow n days before now.
func day(n int) string {
	loc, _ := time.LoadLocation("Europe/Moscow")
	return time.Now().In(loc).AddDate(0, 0, -n).Format(time.DateOnly)
}

// at is noon in Moscow n days before now.
func at(n int) time.Time {
	loc, _ := time.LoadLocation("Europe/Moscow")
	d := time.Now().In(loc).AddDate(0, 0, -n)
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc).UTC()
}
