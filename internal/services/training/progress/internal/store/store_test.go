package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/store/migrations"
)

var ctx = context.Background()

// t0 has nanoseconds the store drops (it keeps microseconds).
var t0 = time.Date(2026, 3, 2, 7, 0, 0, 123456789, time.UTC)

func ptr[T any](v T) *T { return &v }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store, db *sqldb.DB)) {
	t.Parallel()
	sqldbtest.ForEachEngine(t, "progress", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		suite(t, store.New(db), db)
	})
}

func run(user string, start time.Time, km float64, efforts ...domain.Effort) domain.Activity {
	return domain.Activity{ID: newID(), UserID: user, Sport: "running", Family: "run", Name: "run", StartedAt: start,
		TimeZone: "Europe/Moscow", Day: domain.DayOf(start, "Europe/Moscow"), DistanceM: km * 1000, MovingS: km * 300,
		ElapsedS: km * 310, ElevGainM: 12.5, Load: km * 7, Efforts: efforts,
		Start: &domain.LatLng{Lat: 55.75, Lng: 37.61}, End: &domain.LatLng{Lat: 55.76, Lng: 37.62}, Polyline: "abc"}
}

func TestProjection(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		u := newID()
		a := run(u, t0, 10, domain.Effort{Name: "5k", DistanceM: 5000, ElapsedS: 1500}, domain.Effort{Name: "10k", DistanceM: 10000, ElapsedS: 3050})
		v1, v2, v3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(3*time.Minute)
		put := func(x domain.Activity, v time.Time, want bool) {
			t.Helper()
			if ok, err := s.PutActivity(ctx, x, v); err != nil || ok != want {
				t.Fatalf("put at %v: %v %v, want %v", v, ok, err, want)
			}
		}
		if st, err := s.Stored(ctx, a.ID); err != nil || st.Exists {
			t.Fatalf("stored before: %+v %v", st, err)
		}
		put(a, v2, true)
		got, err := s.Activity(ctx, u, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := a
		want.StartedAt = t0.Truncate(time.Microsecond)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
		}
		if _, err := s.Activity(ctx, newID(), a.ID); !errors.Is(err, domain.ErrActivityNotFound) {
			t.Fatalf("another user's activity: %v", err)
		}
		if st, _ := s.Stored(ctx, a.ID); !st.Exists || st.Deleted || st.UserID != u || st.Day != "2026-03-02" {
			t.Fatalf("stored %+v", st)
		}
		// Older versions lose; efforts follow the version that won.
		stale := a
		stale.Efforts = []domain.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 1}}
		put(stale, v1, false)
		if b, _ := s.BestEffort(ctx, u, "run", "5k"); b == nil || b.ElapsedS != 1500 {
			t.Fatalf("best after a stale put %+v", b)
		}
		upd := a
		upd.Efforts = []domain.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 1490}}
		put(upd, v3, true)
		rows, err := s.Efforts(ctx, u, "", time.Time{})
		if err != nil || len(rows) != 1 || rows[0].ElapsedS != 1490 || rows[0].Family != "run" {
			t.Fatalf("efforts after update %+v %v", rows, err)
		}
		// Days are recomputed from live activities only.
		b := run(u, t0.Add(time.Hour), 5)
		put(b, v1, true)
		for _, d := range []string{"2026-03-02"} {
			if err := s.RecomputeDay(ctx, u, d); err != nil {
				t.Fatal(err)
			}
		}
		loads, err := s.DailyLoads(ctx, u, "2026-12-31")
		if err != nil || len(loads) != 1 || loads[0].Load != 105 {
			t.Fatalf("loads %+v %v", loads, err)
		}
		// A stale delete is refused; a later one leaves a tombstone.
		if ok, err := s.DeleteActivity(ctx, a.ID, u, v2); err != nil || ok {
			t.Fatalf("stale delete %v %v", ok, err)
		}
		if ok, err := s.DeleteActivity(ctx, a.ID, u, v3.Add(time.Second)); err != nil || !ok {
			t.Fatalf("delete %v %v", ok, err)
		}
		put(a, v3, false)
		if _, err := s.Activity(ctx, u, a.ID); !errors.Is(err, domain.ErrActivityNotFound) {
			t.Fatalf("deleted activity: %v", err)
		}
		if st, _ := s.Stored(ctx, a.ID); !st.Exists || !st.Deleted {
			t.Fatalf("tombstone %+v", st)
		}
		if rows, _ := s.Efforts(ctx, u, "", time.Time{}); len(rows) != 0 {
			t.Fatalf("efforts of a deleted activity %+v", rows)
		}
		if err := s.RecomputeDay(ctx, u, "2026-03-02"); err != nil {
			t.Fatal(err)
		}
		if loads, _ := s.DailyLoads(ctx, u, "2026-12-31"); len(loads) != 1 || loads[0].Load != 35 {
			t.Fatalf("loads after delete %+v", loads)
		}
		if ok, err := s.DeleteActivity(ctx, b.ID, u, v2); err != nil || !ok {
			t.Fatal(ok, err)
		}
		if err := s.RecomputeDay(ctx, u, "2026-03-02"); err != nil {
			t.Fatal(err)
		}
		if loads, _ := s.DailyLoads(ctx, u, "2026-12-31"); len(loads) != 0 {
			t.Fatalf("a day without activities keeps a load %+v", loads)
		}
		// A deletion arriving first wins over the completion.
		c := run(u, t0, 3)
		if ok, err := s.DeleteActivity(ctx, c.ID, u, v2); err != nil || !ok {
			t.Fatal(ok, err)
		}
		put(c, v1, false)
		if acts, _ := s.Activities(ctx, domain.ActivityQuery{UserID: u}); len(acts) != 0 {
			t.Fatalf("activities %+v", acts)
		}
	})
}

func TestQueries(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		u, other := newID(), newID()
		v := t0
		acts := []domain.Activity{
			run(u, t0.AddDate(0, 0, -10), 10), run(u, t0.AddDate(0, 0, -5), 10.3), run(u, t0, 10),
			run(u, t0.AddDate(0, 0, 1), 10.2), run(u, t0.AddDate(0, 0, -3), 21), run(other, t0.AddDate(0, 0, -1), 10),
		}
		acts[4].Start = &domain.LatLng{Lat: 56, Lng: 37.61}
		ride := run(u, t0.AddDate(0, 0, -2), 10)
		ride.Sport, ride.Family = "cycling", "ride"
		acts = append(acts, ride)
		for _, a := range acts {
			if _, err := s.PutActivity(ctx, a, v); err != nil {
				t.Fatal(err)
			}
		}
		same, err := s.SameDistance(ctx, acts[2], 9500, 10500, 10)
		if err != nil || len(same) != 2 || same[0].ID != acts[1].ID || same[1].ID != acts[0].ID {
			t.Fatalf("same distance %+v %v", same, err)
		}
		cands, err := s.RouteCandidates(ctx, acts[2], 0.003, 0, 1e6, 10)
		if err != nil || len(cands) != 2 { // not the 21 km far north, nor the later one, nor the ride
			t.Fatalf("route candidates %d %v", len(cands), err)
		}
		list, err := s.Activities(ctx, domain.ActivityQuery{UserID: u, FromDay: "2026-02-25", ToDay: "2026-03-02", Sport: "running"})
		if err != nil || len(list) != 3 {
			t.Fatalf("activities in range %d %v", len(list), err)
		}
		if tz, err := s.LatestTimeZone(ctx, u); err != nil || tz != "Europe/Moscow" {
			t.Fatalf("tz %q %v", tz, err)
		}
		if tz, err := s.LatestTimeZone(ctx, newID()); err != nil || tz != "" {
			t.Fatalf("tz of nobody %q %v", tz, err)
		}
	})
}

func TestCohortAthletesSettings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		me := newID()
		type person struct {
			share bool
			sex   string
			born  int
			secs  []float64
		}
		people := []person{
			{true, "female", 1990, []float64{1500, 1400}}, // counts with her best
			{true, "female", 1985, []float64{1600}},
			{true, "female", 1999, []float64{1300}},  // another band
			{true, "male", 1990, []float64{1200}},    // another sex
			{false, "female", 1990, []float64{1250}}, // does not share
			{true, "female", 1991, []float64{1700}},
		}
		for _, p := range people {
			id := newID()
			if err := s.PutAthlete(ctx, domain.Athlete{UserID: id, Sex: ptr(p.sex), BirthYear: ptr(p.born)}, t0); err != nil {
				t.Fatal(err)
			}
			if err := s.PutSettings(ctx, domain.Settings{UserID: id, ShareInComparisons: p.share, UpdatedAt: t0}); err != nil {
				t.Fatal(err)
			}
			for _, sec := range p.secs {
				a := run(id, t0, 5, domain.Effort{Name: "5k", DistanceM: 5000, ElapsedS: sec})
				if _, err := s.PutActivity(ctx, a, t0); err != nil {
					t.Fatal(err)
				}
			}
		}
		// An old best does not count.
		old := run(newID(), t0.AddDate(-2, 0, 0), 5, domain.Effort{Name: "5k", DistanceM: 5000, ElapsedS: 1000})
		if _, err := s.PutActivity(ctx, old, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.PutAthlete(ctx, domain.Athlete{UserID: old.UserID, Sex: ptr("female"), BirthYear: ptr(1990)}, t0); err != nil {
			t.Fatal(err)
		}
		got, err := s.Cohort(ctx, domain.CohortQuery{ExceptUser: me, Family: "run", Effort: "5k", Sex: "female",
			BirthYearFrom: 1985, BirthYearTo: 1994, Since: t0.AddDate(-1, 0, 0)})
		if err != nil || fmt.Sprint(sortFloats(got)) != "[1400 1600 1700]" {
			t.Fatalf("cohort %v %v", got, err)
		}
		// Athletes: a stale version loses; unknown athletes are blank.
		id := newID()
		if err := s.PutAthlete(ctx, domain.Athlete{UserID: id, Sex: ptr("male"), BirthYear: ptr(1980)}, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.PutAthlete(ctx, domain.Athlete{UserID: id, Sex: ptr("female")}, t0); err != nil {
			t.Fatal(err)
		}
		if a, err := s.Athlete(ctx, id); err != nil || *a.Sex != "male" || *a.BirthYear != 1980 {
			t.Fatalf("athlete %+v %v", a, err)
		}
		if a, err := s.Athlete(ctx, newID()); err != nil || a.Sex != nil || a.BirthYear != nil {
			t.Fatalf("unknown athlete %+v %v", a, err)
		}
		if st, err := s.Settings(ctx, me); err != nil || st.ShareInComparisons {
			t.Fatalf("default settings %+v %v", st, err)
		}
		if err := s.PutSettings(ctx, domain.Settings{UserID: me, ShareInComparisons: true, UpdatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Settings(ctx, me); !st.ShareInComparisons || !st.UpdatedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("settings %+v", st)
		}
	})
}

func TestEraseUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		gone, stays := newID(), newID()
		for _, u := range []string{gone, stays} {
			a := run(u, t0, 5, domain.Effort{Name: "5k", DistanceM: 5000, ElapsedS: 1500})
			if _, err := s.PutActivity(ctx, a, t0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DeleteActivity(ctx, newID(), u, t0); err != nil { // a tombstone
				t.Fatal(err)
			}
			if err := s.RecomputeDay(ctx, u, a.Day); err != nil {
				t.Fatal(err)
			}
			if err := s.PutAthlete(ctx, domain.Athlete{UserID: u, Sex: ptr("male")}, t0); err != nil {
				t.Fatal(err)
			}
			if err := s.PutSettings(ctx, domain.Settings{UserID: u, ShareInComparisons: true, UpdatedAt: t0}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.EraseUser(ctx, gone); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"activities", "efforts", "daily_loads", "athletes", "settings"} {
			for u, want := range map[string]int{gone: 0, stays: map[string]int{"activities": 2}[table]} {
				if want == 0 && u == stays {
					want = 1
				}
				var n int
				if err := db.SQL.QueryRow(`SELECT COUNT(*) FROM `+table+` WHERE user_id = $1`, u).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != want {
					t.Errorf("%s of %s: %d rows, want %d", table, u, n, want)
				}
			}
		}
	})
}

func sortFloats(v []float64) []float64 {
	for i := range v {
		for j := i + 1; j < len(v); j++ {
			if v[j] < v[i] {
				v[i], v[j] = v[j], v[i]
			}
		}
	}
	return v
}
