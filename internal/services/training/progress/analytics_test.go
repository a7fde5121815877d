package progress_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/training/progress"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// TestAnalyticsFromEvents feeds the tracker's events through embedded
// JetStream and reads every analytic over HTTP, on SQLite and PostgreSQL.
func TestAnalyticsFromEvents(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachEngine(t, progress.Name, nil, func(t *testing.T, db *sqldb.DB) {
		f := startOn(t, db)
		me := newUser()
		routeA, startA := loop(55.75, 37.61, 10000)
		routeB, startB := loop(55.70, 37.50, 21000)
		r1 := activity{id: uuid.NewString(), user: me, sport: "running", name: "Первая", start: at(10), km: 10, movingS: 3050,
			tss: 70, efforts: map[string]float64{"1k": 290, "5k": 1500, "10k": 3050}, polyline: routeA, startLL: startA}
		r2 := activity{id: uuid.NewString(), user: me, sport: "running", name: "Вторая", start: at(5), km: 10.2, movingS: 3000,
			tss: 80, efforts: map[string]float64{"5k": 1450, "10k": 3100}, polyline: routeA, startLL: startA}
		r3 := activity{id: uuid.NewString(), user: me, sport: "trail_running", name: "Полумарафон", start: at(2), km: 21.1,
			movingS: 6450, tss: 150, efforts: map[string]float64{"5k": 1480, "10k": 3000, "half_marathon": 6400},
			polyline: routeB, startLL: startB}
		ride := activity{id: uuid.NewString(), user: me, sport: "cycling", name: "Вело", start: at(3), km: 40, movingS: 4800,
			tss: 90, efforts: map[string]float64{"10k": 1000}}
		f.athlete(t, me, "female", 1990)
		for _, a := range []activity{r1, r2, r3, ride} {
			f.complete(t, a)
		}
		f.settled(t)

		// Personal records: each effort that beat the best before it.
		var got []string
		for _, p := range f.records(t, me) {
			prev := "-"
			if p.PreviousS != nil {
				prev = fmt.Sprint(*p.PreviousS)
			}
			got = append(got, fmt.Sprintf("%s/%s=%v<%s", p.Family, p.Effort, p.ElapsedS, prev))
		}
		want := "[run/1k=290<- run/10k=3050<- run/5k=1500<- run/5k=1450<1500 run/10k=3000<3050 run/half_marathon=6400<- ride/10k=1000<-]"
		if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(split(want))) {
			t.Fatalf("personal records\n got %v\nwant %v", got, want)
		}

		var recs progressapi.Records
		f.get(t, me, base+"/me/records?family=run", &recs)
		byEffort := map[string]progressapi.Record{}
		for _, r := range recs.Items {
			byEffort[r.Effort] = r
		}
		if r := byEffort["5k"]; r.Best.ActivityID != r2.id || r.Best.ElapsedS != 1450 || len(r.History) != 2 ||
			r.History[0].ActivityID != r1.id || r.History[1].ImprovementS == nil || *r.History[1].ImprovementS != 50 {
			t.Fatalf("5k record %+v", r)
		}
		if len(recs.Items) != 4 || recs.Items[0].Effort != "1k" || recs.Items[3].Effort != "half_marathon" {
			t.Fatalf("run records in distance order %+v", recs.Items)
		}

		// Fitness: the days' loads, CTL/ATL rising, TSB = yesterday's CTL - ATL.
		var fit progressapi.Fitness
		f.get(t, me, base+"/me/fitness?from="+day(12)+"&to="+day(0), &fit)
		if len(fit.Items) != 13 || fit.From != day(12) || fit.To != day(0) {
			t.Fatalf("fitness days %d %s..%s", len(fit.Items), fit.From, fit.To)
		}
		loads := map[string]float64{}
		for _, d := range fit.Items {
			loads[d.Date] = d.Load
		}
		if loads[day(10)] != 70 || loads[day(5)] != 80 || loads[day(2)] != 150 || loads[day(3)] != 90 || loads[day(4)] != 0 {
			t.Fatalf("daily loads %v", loads)
		}
		last, prev := fit.Items[12], fit.Items[11]
		if last.CTL <= 0 || last.ATL <= last.CTL || math.Abs(last.TSB-math.Round((prev.CTL-prev.ATL)*10)/10) > 0.11 {
			t.Fatalf("fitness today %+v after %+v", last, prev)
		}
		var def progressapi.Fitness
		f.get(t, me, base+"/me/fitness", &def)
		if len(def.Items) != 180 || def.To != day(0) {
			t.Fatalf("default fitness: %d days to %s", len(def.Items), def.To)
		}

		// ACWR: last 7 days' mean against the 21 days before, with the note.
		var acwr progressapi.ACWR
		f.get(t, me, base+"/me/acwr", &acwr)
		wantAcute, wantChronic := math.Round((80+150+90)/7.0*10)/10, math.Round(70/21.0*10)/10
		if acwr.Acute != wantAcute || acwr.Chronic != wantChronic || acwr.Ratio == nil || acwr.Note != progressapi.ACWRNote {
			t.Fatalf("acwr %+v, want acute %v chronic %v", acwr, wantAcute, wantChronic)
		}

		// Volume per month and sport, and a sport filter.
		var vol progressapi.VolumeList
		f.get(t, me, base+"/me/volume?period=month&from="+day(40)+"&to="+day(0), &vol)
		totals := map[string]float64{}
		for _, v := range vol.Items {
			totals[v.Sport] += v.DistanceM
		}
		if totals["running"] != 20200 || totals["trail_running"] != 21100 || totals["cycling"] != 40000 {
			t.Fatalf("monthly volume %+v", vol.Items)
		}
		f.get(t, me, base+"/me/volume?period=week&sport=cycling", &vol)
		if len(vol.Items) != 1 || vol.Items[0].Count != 1 || vol.Items[0].Load != 90 || vol.Period != "week" {
			t.Fatalf("weekly cycling %+v", vol)
		}

		// Predictions stand on the best running effort (the half marathon
		// is the best performance here).
		var pred progressapi.Predictions
		f.get(t, me, base+"/me/predictions", &pred)
		if pred.Source == nil || pred.Source.ActivityID != r3.id || pred.Source.Effort != "half_marathon" || len(pred.Items) != 4 ||
			pred.VDOT == nil || pred.WindowDays != 90 {
			t.Fatalf("predictions %+v", pred)
		}
		if m := pred.Items[3]; m.Effort != "marathon" || m.RiegelS == nil || *m.RiegelS != math.Round(6400*math.Pow(42195/21097.5, 1.06)) || m.VDOTS == nil {
			t.Fatalf("marathon prediction %+v", m)
		}

		var sum progressapi.Summary
		f.get(t, me, base+"/me/summary", &sum)
		if sum.Date != day(0) || sum.Fitness == nil || sum.Fitness.Form == "" || len(sum.RecentRecords) != 5 ||
			sum.RecentRecords[0].ActivityID != r3.id || sum.Predictions.Source == nil {
			t.Fatalf("summary %+v", sum)
		}

		// Comparisons of the second run: same distance and same route as the
		// first, reference standards, and too few others for a percentile.
		var cmp progressapi.Comparisons
		f.get(t, me, base+"/me/activities/"+r2.id+"/comparisons", &cmp)
		if cmp.Activity.ActivityID != r2.id || cmp.Family != "run" || cmp.SameDistance.Count != 1 ||
			cmp.SameDistance.Items[0].ActivityID != r1.id || cmp.SameDistance.Rank != 1 {
			t.Fatalf("same distance %+v", cmp.SameDistance)
		}
		if cmp.SameRoute.Count != 1 || cmp.SameRoute.Items[0].ActivityID != r1.id {
			t.Fatalf("same route %+v", cmp.SameRoute)
		}
		if len(cmp.Reference.Efforts) != 2 || cmp.Reference.Efforts[0].VDOT == nil || len(cmp.Reference.Predictions) != 4 {
			t.Fatalf("reference %+v", cmp.Reference)
		}
		if len(cmp.Others.Efforts) != 2 || cmp.Others.Cohort.AgeBand == nil || *cmp.Others.Cohort.Sex != "female" {
			t.Fatalf("others %+v", cmp.Others)
		}
		for _, e := range cmp.Others.Efforts {
			if e.Percentile != nil || e.CohortSize != nil || e.Reason == nil || *e.Reason != progressapi.ReasonTooFew {
				t.Fatalf("percentile among too few %+v", e)
			}
		}
		// The half marathon is on another route and longer: no company.
		f.get(t, me, base+"/me/activities/"+r3.id+"/comparisons", &cmp)
		if cmp.SameDistance.Count != 0 || cmp.SameRoute.Count != 0 || cmp.SameDistance.Rank != 1 {
			t.Fatalf("half marathon comparisons %+v %+v", cmp.SameDistance, cmp.SameRoute)
		}
		f.get(t, me, base+"/me/activities/"+ride.id+"/comparisons", &cmp)
		if len(cmp.Reference.Efforts) != 0 || len(cmp.Others.Efforts) != 1 || cmp.Family != "ride" {
			t.Fatalf("ride comparisons %+v", cmp)
		}

		// The first run is renamed and moved a day: no record is news, the
		// loads move with it.
		before := len(f.records(t, me))
		r1.name, r1.start = "Первая (исправлено)", at(11)
		f.publish(t, event(t, trackerapi.EventActivityUpdated, "tracker", r1.id, r1.payload()))
		f.settled(t)
		if n := len(f.records(t, me)); n != before {
			t.Fatalf("an update published %d records", n-before)
		}
		f.get(t, me, base+"/me/fitness?from="+day(12)+"&to="+day(0), &fit)
		for _, d := range fit.Items {
			if d.Date == day(10) && d.Load != 0 || d.Date == day(11) && d.Load != 70 {
				t.Fatalf("loads after the move %+v", fit.Items)
			}
		}

		// Deleting the half marathon: its records fall back to the next best.
		f.publish(t, event(t, trackerapi.EventActivityDeleted, "tracker", r3.id,
			trackerapi.ActivityDeletedV1{ActivityID: r3.id, UserID: me}))
		f.settled(t)
		f.get(t, me, base+"/me/records", &recs)
		byEffort = map[string]progressapi.Record{}
		for _, r := range recs.Items {
			byEffort[r.Family+"/"+r.Effort] = r
		}
		if r := byEffort["run/10k"]; r.Best.ActivityID != r1.id || len(r.History) != 1 {
			t.Fatalf("10k after the delete %+v", r)
		}
		if _, ok := byEffort["run/half_marathon"]; ok || len(recs.Items) != 4 {
			t.Fatalf("records after the delete %+v", recs.Items)
		}
		if r := f.do(t, me, "GET", base+"/me/activities/"+r3.id+"/comparisons", nil); r.status != 404 {
			t.Fatalf("comparisons of a deleted activity: %d", r.status)
		}
	})
}

// split reads the items of a printed list.
func split(s string) []string { return strings.Fields(strings.Trim(s, "[]")) }

func sorted(v []string) []string {
	out := slices.Clone(v)
	slices.Sort(out)
	return out
}
