package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store)) {
	sqldbtest.ForEachEngine(t, "tracker", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		if err := bus.Migrate(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		suite(t, store.New(db))
	})
}

func id() string { return uuid.Must(uuid.NewV7()).String() }

var t0 = time.Date(2025, 6, 1, 7, 0, 0, 0, time.UTC)

func session(user string) domain.Session {
	s := domain.Session{ID: id(), UserID: user, Sport: "running", Status: trackerapi.StatusActive, StartedAt: t0, UpdatedAt: t0}
	s.Live.LastMovingT = t0.UnixMilli()
	return s
}

func sample(t int64) domain.Sample {
	return domain.Sample{Point: domain.NaNPoint(t), Acc: math.NaN()}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSessions(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user := id()
		a := session(user)
		if ok, err := s.InsertSession(ctx, a); err != nil || !ok {
			t.Fatalf("insert: %v %v", ok, err)
		}
		// One open session per user.
		if ok, err := s.InsertSession(ctx, session(user)); err != nil || ok {
			t.Fatalf("second open session: %v %v", ok, err)
		}
		got, err := s.OpenSession(ctx, user)
		if err != nil || got.ID != a.ID || !got.StartedAt.Equal(t0) || got.Live.LastMovingT != t0.UnixMilli() {
			t.Fatalf("open session: %+v %v", got, err)
		}
		// State round trip.
		got.Live.DistanceM()
		last := domain.NaNPoint(t0.UnixMilli() + 5000)
		last.HR = 151
		got.Live.Last, got.Live.LastT, got.Live.MovingS = &last, last.T, 4
		now := t0.Add(time.Minute)
		got.Status, got.EndedAt, got.ActivityID, got.UpdatedAt = trackerapi.StatusFinished, &now, id(), now
		must(t, s.SaveSession(ctx, got))
		back, err := s.Session(ctx, a.ID)
		if err != nil || back.Live.Last == nil || back.Live.Last.HR != 151 || !math.IsNaN(back.Live.Last.Lat) ||
			back.Live.MovingS != 4 || back.EndedAt == nil || !back.EndedAt.Equal(now) || back.ActivityID != got.ActivityID {
			t.Fatalf("saved session: %+v %v", back, err)
		}
		if _, err := s.OpenSession(ctx, user); !errors.Is(err, domain.ErrSessionNotFound) {
			t.Fatalf("finished session still open: %v", err)
		}
		// A new one may start now.
		if ok, err := s.InsertSession(ctx, session(user)); err != nil || !ok {
			t.Fatalf("session after the end: %v %v", ok, err)
		}
		if ended, err := s.LastEndedSession(ctx, user); err != nil || ended.ID != a.ID {
			t.Fatalf("last ended: %+v %v", ended, err)
		}
		must(t, s.AddLateSamples(ctx, a.ID, 3))
		if back, _ := s.Session(ctx, a.ID); back.LateSamples != 3 {
			t.Fatalf("late samples %d", back.LateSamples)
		}
		if _, err := s.Session(ctx, id()); !errors.Is(err, domain.ErrSessionNotFound) {
			t.Fatalf("unknown session: %v", err)
		}
	})
}

func TestSamplesMergeByTime(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		x := session(id())
		if _, err := s.InsertSession(ctx, x); err != nil {
			t.Fatal(err)
		}
		first := make([]domain.Sample, 0, 900)
		for i := range 900 { // more than one multi-row chunk
			p := sample(int64(i) * 1000)
			p.HR = 120 + float64(i%10)
			first = append(first, p)
		}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.UpsertSamples(ctx, x.ID, first) }))
		// Resent: the same times, now with positions but no heart rate.
		again := make([]domain.Sample, 0, 10)
		for i := range 10 {
			p := sample(int64(i) * 1000)
			p.Lat, p.Lon, p.Acc, p.RR = 55+float64(i)*1e-4, 37, 4, []float64{0.5, 0.51}
			again = append(again, p)
		}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.UpsertSamples(ctx, x.ID, again) }))
		got, err := s.Samples(ctx, x.ID)
		if err != nil || len(got) != 900 {
			t.Fatalf("%d samples (%v), want 900", len(got), err)
		}
		if g := got[3]; g.HR != 123 || g.Lat != 55+3e-4 || g.Acc != 4 || len(g.RR) != 2 || !math.IsNaN(g.Alt) {
			t.Fatalf("merged sample %+v", g)
		}
		if g := got[500]; g.HR != 120 || !math.IsNaN(g.Lat) {
			t.Fatalf("untouched sample %+v", g)
		}
		if n, last, err := s.SampleStats(ctx, x.ID); err != nil || n != 900 || last != 899_000 {
			t.Fatalf("stats %d %d %v", n, last, err)
		}
		frames := []domain.Frame{{T: 1, Sensor: "gatt.heart_rate", Data: []byte{0x16, 0x50, 0, 1}},
			{T: 1, Sensor: "gatt.heart_rate", Data: []byte{0x16, 0x51}}, {T: 2, Sensor: "ant.bike_power", SensorID: "7", Data: []byte{0x10}}}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.InsertFrames(ctx, x.ID, frames) }))
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.InsertFrames(ctx, x.ID, frames[:1]) }))
		fs, err := s.Frames(ctx, x.ID)
		if err != nil || len(fs) != 2 || string(fs[0].Data) != string([]byte{0x16, 0x50, 0, 1}) || fs[1].SensorID != "7" {
			t.Fatalf("frames %+v %v", fs, err)
		}
		must(t, s.StartPause(ctx, x.ID, t0))
		must(t, s.EndPauses(ctx, x.ID, t0.Add(time.Minute)))
		if ps, err := s.Pauses(ctx, x.ID); err != nil || len(ps) != 1 || ps[0].To != t0.Add(time.Minute).UnixMilli() {
			t.Fatalf("pauses %+v %v", ps, err)
		}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.DeleteSessionData(ctx, x.ID) }))
		if n, _, _ := s.SampleStats(ctx, x.ID); n != 0 {
			t.Fatalf("%d samples left", n)
		}
	})
}

// TestGroupCommitLookupsAndUpserts: the sessions of a whole group commit
// are read with one query each (named, open per user) and their samples
// upserted together, each row into its own session.
func TestGroupCommitLookupsAndUpserts(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var sets []store.SessionSamples
		var ids, users []string
		for i := range 70 { // more sessions than one lookup chunk
			x := session(id())
			if i%10 == 0 {
				x.Status = trackerapi.StatusPaused
			}
			if _, err := s.InsertSession(ctx, x); err != nil {
				t.Fatal(err)
			}
			ids, users = append(ids, x.ID), append(users, x.UserID)
			ps := []domain.Sample{sample(1000), sample(2000)}
			ps[0].HR, ps[1].HR = float64(100+i), float64(100+i)
			sets = append(sets, store.SessionSamples{SessionID: x.ID, Samples: ps})
		}
		must(t, s.InTx(ctx, func(ctx context.Context) error {
			named, err := s.SessionsForUpdate(ctx, append(ids, id()))
			if err != nil || len(named) != 70 || named[ids[5]].UserID != users[5] {
				t.Fatalf("named: %d %v", len(named), err)
			}
			open, err := s.OpenSessionsForUpdate(ctx, append(users, id()))
			if err != nil || len(open) != 70 || open[users[10]].ID != ids[10] {
				t.Fatalf("open: %d %v", len(open), err)
			}
			return s.UpsertSessionSamples(ctx, sets)
		}))
		for i, sid := range ids {
			got, err := s.Samples(ctx, sid)
			if err != nil || len(got) != 2 || got[1].HR != float64(100+i) {
				t.Fatalf("session %d: %+v %v", i, got, err)
			}
		}
		if none, err := s.SessionsForUpdate(ctx, nil); err != nil || len(none) != 0 {
			t.Fatalf("no ids: %v %v", none, err)
		}
	})
}

func activityOf(user string, start time.Time, name string) domain.Activity {
	return domain.Activity{ID: id(), UserID: user, Sport: "running", Name: name, Visibility: domain.Public,
		Source: trackerapi.SourceImport, StartedAt: start, EndedAt: start.Add(30 * time.Minute),
		Analysis: analysis.Result{DistanceM: 5000, MovingS: 1700, ElapsedS: 1800}, HasRoute: true,
		Route: domain.Route{Polyline: "abc", Start: []float64{55, 37}}, StreamsKey: "activities/" + user + "/x.bin",
		CreatedAt: start, UpdatedAt: start}
}

func TestActivities(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user := id()
		var all []domain.Activity
		for i := range 7 {
			a := activityOf(user, t0.Add(time.Duration(i)*24*time.Hour), fmt.Sprintf("Утренний забег %d", i))
			if i%2 == 1 {
				a.Visibility, a.Sport, a.Name = domain.Followers, "cycling", fmt.Sprintf("Evening ride %d", i)
			}
			if i == 6 {
				a.Visibility = domain.Private
			}
			must(t, s.InsertActivity(ctx, a))
			all = append(all, a)
		}
		must(t, s.InsertActivity(ctx, activityOf(id(), t0, "someone else")))
		imp := activityOf(user, t0.Add(-time.Hour), "imported")
		imp.ImportID = "imp-1"
		must(t, s.InsertActivity(ctx, imp))
		dup := activityOf(user, t0.Add(-time.Hour), "imported again")
		dup.ImportID = "imp-1"
		if err := s.InsertActivity(ctx, dup); !errors.Is(err, store.ErrActivityExists) {
			t.Fatalf("the same import twice: %v", err)
		}
		if a, err := s.ActivityByImport(ctx, "imp-1"); err != nil || a.ID != imp.ID {
			t.Fatalf("by import: %v", err)
		}
		list := func(f store.ActivityFilter) []string {
			t.Helper()
			f.UserID = user
			if f.Limit == 0 {
				f.Limit = 100
			}
			got, err := s.ListActivities(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range got {
				names = append(names, a.Name)
			}
			return names
		}
		if got := list(store.ActivityFilter{}); len(got) != 8 || got[0] != "Утренний забег 6" {
			t.Fatalf("all: %v", got)
		}
		if got := list(store.ActivityFilter{Visibilities: []string{domain.Public}}); len(got) != 4 {
			t.Fatalf("public only: %v", got)
		}
		if got := list(store.ActivityFilter{Sport: "cycling"}); len(got) != 3 {
			t.Fatalf("rides: %v", got)
		}
		from, to := t0.Add(24*time.Hour), t0.Add(3*24*time.Hour)
		if got := list(store.ActivityFilter{From: &from, To: &to}); len(got) != 2 {
			t.Fatalf("date range: %v", got)
		}
		if got := list(store.ActivityFilter{Query: "утренние"}); len(got) != 4 {
			t.Fatalf("search (stemmed Russian): %v", got)
		}
		if got := list(store.ActivityFilter{Query: "even"}); len(got) != 3 {
			t.Fatalf("search (prefix): %v", got)
		}
		// Pages follow one another without gaps or repeats.
		var seen []string
		f := store.ActivityFilter{UserID: user, Limit: 3}
		for {
			page, err := s.ListActivities(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				seen = append(seen, a.ID)
			}
			if len(page) < 3 {
				break
			}
			f.AfterAt, f.AfterID = page[2].StartedAt, page[2].ID
		}
		if len(seen) != 8 {
			t.Fatalf("paged %d activities", len(seen))
		}
		// Update and masked route cache.
		a := all[0]
		a.Name, a.Description, a.Analysis.DistanceM = "Renamed", "with a note", 5100
		must(t, s.UpdateActivity(ctx, a))
		must(t, s.SetMaskedRoute(ctx, a.ID, "h1", domain.Route{Polyline: "xyz", End: []float64{1, 2}}))
		back, err := s.Activity(ctx, a.ID)
		if err != nil || back.Name != "Renamed" || back.Analysis.DistanceM != 5100 || back.MaskedRoute == nil ||
			back.MaskedRoute.Polyline != "xyz" || back.MaskedZonesHash != "h1" || back.Route.Polyline != "abc" {
			t.Fatalf("updated activity %+v %v", back, err)
		}
		near, err := s.ActivitiesStartingNear(ctx, user, t0.Add(30*time.Second), time.Minute)
		if err != nil || len(near) != 1 || near[0].ID != a.ID {
			t.Fatalf("near: %d %v", len(near), err)
		}
		n, dist, moving, err := s.Volume(ctx, user, t0, t0.Add(48*time.Hour))
		if err != nil || n != 2 || dist != 10100 || moving != 3400 {
			t.Fatalf("volume %d %.0f %.0f %v", n, dist, moving, err)
		}
		keys, err := s.UserBlobKeys(ctx, user)
		if err != nil || len(keys) != 8 {
			t.Fatalf("blob keys %v %v", keys, err)
		}
		if ok, err := s.DeleteActivity(ctx, a.ID); err != nil || !ok {
			t.Fatalf("delete: %v %v", ok, err)
		}
		if _, err := s.Activity(ctx, a.ID); !errors.Is(err, domain.ErrActivityNotFound) {
			t.Fatalf("deleted activity: %v", err)
		}
	})
}

func TestPrivacyProjection(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user, fan := id(), id()
		p, err := s.Privacy(ctx, user)
		if err != nil || p.Map != domain.Followers || p.HeartRate != domain.Private || p.ProfileVisibility != domain.Public {
			t.Fatalf("defaults %+v %v", p, err)
		}
		zones := []route.Zone{{Lat: 55.7, Lon: 37.6, RadiusM: 300}}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.SetZones(ctx, user, zones) }))
		must(t, s.InTx(ctx, func(ctx context.Context) error {
			return s.SetPrivacy(ctx, user, domain.Followers, domain.Public, domain.Followers, domain.Private)
		}))
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.SetProfile(ctx, user, "Анна", domain.Followers) }))
		must(t, s.InTx(ctx, func(ctx context.Context) error {
			return s.SetAthlete(ctx, user, analysis.Athlete{MaxHR: 190, HRZones: []float64{120, 140, 160, 175}})
		}))
		p, err = s.Privacy(ctx, user)
		if err != nil || p.Map != domain.Public || p.Pace != domain.Private || p.DisplayName != "Анна" || len(p.Zones) != 1 ||
			p.ZonesHash != domain.HashZones(zones) || p.Athlete.MaxHR != 190 || len(p.Athlete.HRZones) != 4 {
			t.Fatalf("projection %+v %v", p, err)
		}
		if ok, _ := s.Follows(ctx, fan, user); ok {
			t.Fatal("follows before any event")
		}
		must(t, s.Follow(ctx, fan, user))
		must(t, s.Follow(ctx, fan, user))
		if ok, _ := s.Follows(ctx, fan, user); !ok {
			t.Fatal("no follow")
		}
		if ok, _ := s.Follows(ctx, user, fan); ok {
			t.Fatal("a follow goes both ways")
		}
		must(t, s.Unfollow(ctx, fan, user))
		if ok, _ := s.Follows(ctx, fan, user); ok {
			t.Fatal("unfollow kept the follow")
		}
	})
}

func TestSafetySweepQueriesAndTickets(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		careful, careless := id(), id()
		must(t, s.SaveSafety(ctx, domain.Safety{UserID: careful, Enabled: true, Contacts: []string{careless}, StopAlertAfterS: 120, UpdatedAt: t0}))
		a, b := session(careful), session(careless)
		for _, x := range []domain.Session{a, b} {
			if _, err := s.InsertSession(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := s.StoppedSessions(ctx, t0.Add(119*time.Second), 10); err != nil || len(got) != 0 {
			t.Fatalf("stopped too early: %d %v", len(got), err)
		}
		got, err := s.StoppedSessions(ctx, t0.Add(121*time.Second), 10)
		if err != nil || len(got) != 1 || got[0].ID != a.ID {
			t.Fatalf("stopped: %+v %v", got, err)
		}
		if ok, err := s.MarkStopAlerted(ctx, a.ID, a.Live.LastMovingT); err != nil || !ok {
			t.Fatalf("mark: %v %v", ok, err)
		}
		if ok, _ := s.MarkStopAlerted(ctx, a.ID, a.Live.LastMovingT); ok {
			t.Fatal("alerted twice")
		}
		if got, _ := s.StoppedSessions(ctx, t0.Add(time.Hour), 10); len(got) != 0 {
			t.Fatal("an alerted stop is found again")
		}
		if got, err := s.AbandonedSessions(ctx, t0.Add(time.Second), 10); err != nil || len(got) != 2 {
			t.Fatalf("abandoned: %d %v", len(got), err)
		}
		sf, ok, err := s.Safety(ctx, careful)
		if err != nil || !ok || len(sf.Contacts) != 1 || sf.StopAlertAfterS != 120 {
			t.Fatalf("safety %+v %v %v", sf, ok, err)
		}
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.RemoveContact(ctx, careless) }))
		if sf, _, _ := s.Safety(ctx, careful); len(sf.Contacts) != 0 {
			t.Fatalf("removed contact stays: %v", sf.Contacts)
		}
		viewer := id()
		must(t, s.InsertTicket(ctx, "h1", a.ID, viewer, t0.Add(time.Minute)))
		if _, err := s.UseTicket(ctx, "h1", b.ID, t0); !errors.Is(err, domain.ErrInvalidTicket) {
			t.Fatalf("ticket for another session: %v", err)
		}
		must(t, s.InsertTicket(ctx, "h2", a.ID, viewer, t0.Add(time.Minute)))
		if v, err := s.UseTicket(ctx, "h2", a.ID, t0); err != nil || v != viewer {
			t.Fatalf("ticket: %q %v", v, err)
		}
		if _, err := s.UseTicket(ctx, "h2", a.ID, t0); !errors.Is(err, domain.ErrInvalidTicket) {
			t.Fatalf("ticket used twice: %v", err)
		}
		must(t, s.InsertTicket(ctx, "h3", a.ID, viewer, t0))
		if _, err := s.UseTicket(ctx, "h3", a.ID, t0); !errors.Is(err, domain.ErrInvalidTicket) {
			t.Fatalf("expired ticket: %v", err)
		}
		sh := store.Share{ID: id(), SessionID: a.ID, UserID: careful, TokenHash: "th", Purpose: "link", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		must(t, s.InsertShare(ctx, sh))
		if n, _ := s.CountActiveShares(ctx, a.ID, t0); n != 1 {
			t.Fatalf("active shares %d", n)
		}
		if n, _ := s.CountActiveShares(ctx, a.ID, t0.Add(time.Hour)); n != 0 {
			t.Fatalf("expired share counted")
		}
		if got, err := s.ShareByHash(ctx, "th"); err != nil || got.ID != sh.ID {
			t.Fatalf("share %+v %v", got, err)
		}
		if err := s.DeleteShare(ctx, b.ID, sh.ID); !errors.Is(err, domain.ErrShareNotFound) {
			t.Fatalf("share deleted through another session: %v", err)
		}
		must(t, s.DeleteShare(ctx, a.ID, sh.ID))
	})
}

func TestEraseUser(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		gone, stays := id(), id()
		for _, u := range []string{gone, stays} {
			x := session(u)
			if _, err := s.InsertSession(ctx, x); err != nil {
				t.Fatal(err)
			}
			must(t, s.InTx(ctx, func(ctx context.Context) error { return s.UpsertSamples(ctx, x.ID, []domain.Sample{sample(1)}) }))
			must(t, s.InsertActivity(ctx, activityOf(u, t0, "run")))
			must(t, s.InTx(ctx, func(ctx context.Context) error { return s.SetProfile(ctx, u, "name", domain.Public) }))
		}
		must(t, s.SaveSafety(ctx, domain.Safety{UserID: stays, Contacts: []string{gone}, StopAlertAfterS: 300, UpdatedAt: t0}))
		must(t, s.Follow(ctx, gone, stays))
		must(t, s.InTx(ctx, func(ctx context.Context) error { return s.EraseUser(ctx, gone, t0) }))
		if ss, _ := s.Sessions(ctx, gone); len(ss) != 0 {
			t.Fatal("sessions left")
		}
		if keys, _ := s.UserBlobKeys(ctx, gone); len(keys) != 0 {
			t.Fatal("activities left")
		}
		if p, _ := s.Privacy(ctx, gone); p.DisplayName != "" {
			t.Fatal("projection left")
		}
		if ok, _ := s.Follows(ctx, gone, stays); ok {
			t.Fatal("follow left")
		}
		if sf, _, _ := s.Safety(ctx, stays); len(sf.Contacts) != 0 {
			t.Fatal("the deleted user is still a contact")
		}
		if e, _ := s.IsErased(ctx, gone); !e {
			t.Fatal("erasure not remembered")
		}
		if ss, _ := s.Sessions(ctx, stays); len(ss) != 1 {
			t.Fatal("the other user's session went too")
		}
		if keys, _ := s.UserBlobKeys(ctx, stays); len(keys) != 1 {
			t.Fatal("the other user's activity went too")
		}
		if m, err := s.Erased(ctx, []string{gone, stays}); err != nil || !m[gone] || m[stays] {
			t.Fatalf("erased %v %v", m, err)
		}
	})
}
