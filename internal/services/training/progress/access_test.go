package progress_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// TestEveryRouteIsTheCallersOwn proves that one athlete never reads
// another's data: every route is /me, and an activity of someone else is
// not found. Bad input is refused with the field named.
func TestEveryRouteIsTheCallersOwn(t *testing.T) {
	t.Parallel()
	f := start(t)
	owner, stranger := newUser(), newUser()
	runID := uuid.NewString()
	f.athlete(t, owner, "male", 1985)
	f.complete(t, activity{id: runID, user: owner, sport: "running", start: at(1), km: 5, movingS: 1500, tss: 40,
		efforts: map[string]float64{"5k": 1500}})
	f.settled(t)

	for _, tc := range []struct {
		name, user, method, path string
		body                     any
		status                   int
		code                     string
		check                    func(t *testing.T, r response)
	}{
		{name: "anonymous", path: "/me/summary", status: 401, code: "unauthenticated"},
		{name: "anonymous comparisons", path: "/me/activities/" + runID + "/comparisons", status: 401, code: "unauthenticated"},
		{name: "the owner compares their run", user: owner, path: "/me/activities/" + runID + "/comparisons", status: 200},
		{name: "someone else's activity is not found", user: stranger, path: "/me/activities/" + runID + "/comparisons",
			status: 404, code: "activity_not_found"},
		{name: "a malformed id is not found", user: owner, path: "/me/activities/..%2F..%2Fx/comparisons", status: 404},
		{name: "an id too long", user: owner, path: "/me/activities/" + strings.Repeat("a", 65) + "/comparisons",
			status: 404, code: "activity_not_found"},
		{name: "the stranger's records are their own (none)", user: stranger, path: "/me/records", status: 200,
			check: func(t *testing.T, r response) {
				if string(r.body) != "{\"items\":[]}\n" {
					t.Fatalf("stranger's records %s", r.body)
				}
			}},
		{name: "the stranger's fitness is empty", user: stranger, path: "/me/fitness?from=" + day(3) + "&to=" + day(0), status: 200,
			check: func(t *testing.T, r response) {
				var fit progressapi.Fitness
				r.json(t, &fit)
				for _, d := range fit.Items {
					if d.Load != 0 || d.CTL != 0 {
						t.Fatalf("stranger sees load %+v", d)
					}
				}
			}},
		{name: "the stranger's summary", user: stranger, path: "/me/summary", status: 200, check: func(t *testing.T, r response) {
			var s progressapi.Summary
			r.json(t, &s)
			if s.Fitness != nil || len(s.Week.Items) != 0 || len(s.RecentRecords) != 0 || s.Predictions.Source != nil {
				t.Fatalf("stranger's summary %s", r.body)
			}
		}},
		{name: "there is no way to name a user", user: stranger, path: "/me/records?user_id=" + owner, status: 400,
			code: "validation_failed"},
		{name: "bad dates", user: owner, path: "/me/fitness?from=yesterday&to=2026-13-01", status: 400, code: "validation_failed",
			check: problemFields("from", "to")},
		{name: "from after to", user: owner, path: "/me/fitness?from=2026-03-02&to=2026-03-01", status: 400, code: "validation_failed"},
		{name: "more than three years", user: owner, path: "/me/volume?from=2020-01-01&to=2026-01-01", status: 400,
			code: "validation_failed", check: problemFields("from")},
		{name: "bad period and sport", user: owner, path: "/me/volume?period=day&sport=quidditch", status: 400,
			code: "validation_failed", check: problemFields("period", "sport")},
		{name: "bad family", user: owner, path: "/me/records?family=chess", status: 400, code: "validation_failed"},
		{name: "settings default to not sharing", user: owner, path: "/me/settings", status: 200,
			check: func(t *testing.T, r response) {
				if string(r.body) != "{\"share_in_comparisons\":false}\n" {
					t.Fatalf("%s", r.body)
				}
			}},
		{name: "settings need the answer", user: owner, method: "PUT", path: "/me/settings", body: map[string]any{},
			status: 400, code: "validation_failed", check: problemFields("share_in_comparisons")},
		{name: "settings refuse unknown fields", user: owner, method: "PUT", path: "/me/settings",
			body: map[string]any{"share_in_comparisons": true, "user_id": stranger}, status: 400, code: "validation_failed"},
		{name: "settings refuse a wrong type", user: owner, method: "PUT", path: "/me/settings",
			body: map[string]any{"share_in_comparisons": "yes"}, status: 400, code: "validation_failed"},
		{name: "bad input changed nothing", user: owner, path: "/me/settings", status: 200,
			check: func(t *testing.T, r response) {
				if !strings.Contains(string(r.body), "false") {
					t.Fatalf("%s", r.body)
				}
			}},
		{name: "opt in", user: owner, method: "PUT", path: "/me/settings", body: map[string]any{"share_in_comparisons": true},
			status: 200, check: func(t *testing.T, r response) {
				if string(r.body) != "{\"share_in_comparisons\":true}\n" {
					t.Fatalf("%s", r.body)
				}
			}},
		{name: "the stranger's settings are their own", user: stranger, path: "/me/settings", status: 200,
			check: func(t *testing.T, r response) {
				if !strings.Contains(string(r.body), "false") {
					t.Fatalf("%s", r.body)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			r := f.do(t, tc.user, method, base+tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if r.status == 200 && r.header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("cache control %q", r.header.Get("Cache-Control"))
			}
			if tc.code != "" {
				var pr web.Problem
				r.json(t, &pr)
				if pr.Code != tc.code || r.header.Get("Content-Type") != web.ProblemContentType {
					t.Fatalf("problem %+v, want code %s", pr, tc.code)
				}
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func problemFields(names ...string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		var pr web.Problem
		r.json(t, &pr)
		named := map[string]bool{}
		for _, e := range pr.Errors {
			named[e.Field] = true
		}
		for _, n := range names {
			if !named[n] {
				t.Errorf("no error for %s: %+v", n, pr.Errors)
			}
		}
	}
}

// TestPercentileAmongThoseWhoAllow places an effort among other athletes
// of the same family, sex and age band who opted in, and only when there
// are at least five of them.
func TestPercentileAmongThoseWhoAllow(t *testing.T) {
	t.Parallel()
	f := start(t)
	me := newUser()
	myRun := uuid.NewString()
	y := time.Now().UTC().Year()
	f.athlete(t, me, "female", y-35) // the 30-39 band
	f.complete(t, activity{id: myRun, user: me, sport: "running", start: at(1), km: 5, movingS: 1400, tss: 40,
		efforts: map[string]float64{"5k": 1400}})
	// Four comparable athletes who allow it: too few.
	cohort := []float64{1300, 1450, 1500, 1600}
	add := func(sex string, born int, secs float64, share bool) {
		u := newUser()
		f.athlete(t, u, sex, born)
		f.complete(t, activity{id: uuid.NewString(), user: u, sport: "running", start: at(3), km: 5, movingS: secs, tss: 40,
			efforts: map[string]float64{"5k": secs}})
		if share {
			if r := f.do(t, u, "PUT", base+"/me/settings", map[string]any{"share_in_comparisons": true}); r.status != 200 {
				t.Fatalf("opt in: %d %s", r.status, r.body)
			}
		}
	}
	for _, s := range cohort {
		add("female", y-31, s, true)
	}
	add("female", y-34, 1000, false) // does not allow it
	add("male", y-35, 1000, true)    // another sex
	add("female", y-46, 1000, true)  // another age band
	f.settled(t)
	percentile := func() progressapi.EffortPercentile {
		t.Helper()
		var cmp progressapi.Comparisons
		f.get(t, me, base+"/me/activities/"+myRun+"/comparisons", &cmp)
		if len(cmp.Others.Efforts) != 1 || *cmp.Others.Cohort.AgeBand != "30-39" {
			t.Fatalf("others %+v", cmp.Others)
		}
		return cmp.Others.Efforts[0]
	}
	if p := percentile(); p.Percentile != nil || p.CohortSize != nil || *p.Reason != progressapi.ReasonTooFew {
		t.Fatalf("with four: %+v", p)
	}
	add("female", y-33, 1400, true) // the fifth, a tie
	f.settled(t)
	p := percentile()
	if p.Percentile == nil || *p.Percentile != 70 || *p.CohortSize != 5 || p.Reason != nil {
		t.Fatalf("with five: %+v", p)
	}
	// An athlete of unknown age cannot be placed.
	anon := newUser()
	anonRun := uuid.NewString()
	f.complete(t, activity{id: anonRun, user: anon, sport: "running", start: at(1), km: 5, movingS: 1400, tss: 40,
		efforts: map[string]float64{"5k": 1400}})
	f.settled(t)
	var cmp progressapi.Comparisons
	f.get(t, anon, base+"/me/activities/"+anonRun+"/comparisons", &cmp)
	if e := cmp.Others.Efforts[0]; e.Percentile != nil || *e.Reason != progressapi.ReasonUnknownAthlete || cmp.Others.Cohort.Sex != nil {
		t.Fatalf("unknown athlete %+v", cmp.Others)
	}
}

// TestOutOfOrderAndDeletion: a deletion that overtakes its activity's
// completion wins; redelivered events count once; a deleted user leaves
// nothing behind.
func TestOutOfOrderAndDeletion(t *testing.T) {
	t.Parallel()
	f := start(t)
	me, other := newUser(), newUser()
	gone := activity{id: uuid.NewString(), user: me, sport: "running", start: at(2), km: 5, movingS: 1500, tss: 40,
		efforts: map[string]float64{"5k": 1500}}
	completed := event(t, trackerapi.EventActivityCompleted, "tracker", gone.id, gone.payload())
	deleted := event(t, trackerapi.EventActivityDeleted, "tracker", gone.id, trackerapi.ActivityDeletedV1{ActivityID: gone.id, UserID: me})
	f.publish(t, deleted)
	f.publish(t, completed) // older than the deletion, arriving after it
	stays := activity{id: uuid.NewString(), user: me, sport: "running", start: at(1), km: 10, movingS: 3000, tss: 60,
		efforts: map[string]float64{"5k": 1490, "10k": 3000}}
	ev := f.complete(t, stays)
	f.publish(t, ev) // redelivered
	f.published--    // the bus drops the duplicate id: one handling expected
	f.complete(t, activity{id: uuid.NewString(), user: other, sport: "running", start: at(1), km: 5, movingS: 1600, tss: 30,
		efforts: map[string]float64{"5k": 1600}})
	f.athlete(t, me, "male", 1970)
	if r := f.do(t, me, "PUT", base+"/me/settings", map[string]any{"share_in_comparisons": true}); r.status != 200 {
		t.Fatal(r.status)
	}
	f.settled(t)
	var recs progressapi.Records
	f.get(t, me, base+"/me/records", &recs)
	if len(recs.Items) != 2 || recs.Items[1].Best.ActivityID != stays.id || len(recs.Items[1].History) != 1 {
		t.Fatalf("records %+v", recs.Items)
	}
	var vol progressapi.VolumeList
	f.get(t, me, base+"/me/volume?period=month&from="+day(40)+"&to="+day(0), &vol)
	count := 0
	for _, v := range vol.Items {
		count += v.Count
	}
	if count != 1 {
		t.Fatalf("volume %+v", vol.Items)
	}
	if n := len(f.records(t, me)); n != 2 { // 5k and 10k of the run that stays, once each
		t.Fatalf("%d personal records", n)
	}

	f.deleteUser(t, me)
	f.settled(t)
	for _, table := range []string{"activities", "efforts", "daily_loads", "athletes", "settings"} {
		var n int
		if err := f.db.SQL.QueryRow(`SELECT COUNT(*) FROM `+table+` WHERE user_id = $1`, me).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d rows of the deleted user in %s", n, table)
		}
	}
	f.get(t, other, base+"/me/records", &recs)
	if len(recs.Items) != 1 {
		t.Fatalf("the other user's records %+v", recs.Items)
	}
}
