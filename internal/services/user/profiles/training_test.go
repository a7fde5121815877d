package profiles_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// activityEvent builds a tracker activity event as the tracker publishes it.
func activityEvent(t *testing.T, typ string, a trackerapi.ActivityV1) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent(typ, "tracker", a.ActivityID, a)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func (f *fixture) publishEvent(t *testing.T, ev bus.Event) {
	t.Helper()
	if err := f.bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

// progress returns the caller's goals' progress by goal id, as the API
// shows it and as stored by the consumer.
func (f *fixture) progress(t *testing.T, who string) (shown, stored map[string]float64) {
	t.Helper()
	var list profilesapi.Goals
	f.mustDo(t, who, "GET", base+"/me/goals", nil, 200).json(t, &list)
	shown, stored = map[string]float64{}, map[string]float64{}
	for _, g := range list.Items {
		shown[g.ID] = g.Progress
		var p float64
		if err := f.db.SQL.QueryRow(`SELECT progress FROM goals WHERE id = $1`, g.ID).Scan(&p); err != nil {
			t.Fatal(err)
		}
		stored[g.ID] = p
	}
	return shown, stored
}

// TestGoalsFollowActivities drives goals' progress with the tracker's
// activity events on embedded JetStream: completed, updated, deleted,
// redelivered, out of order, and another user's.
func TestGoalsFollowActivities(t *testing.T) {
	t.Parallel()
	f := start(t)
	owner := f.user(t, "owner", "Ольга")
	other := f.user(t, "other", "Семён")
	goal := func(body map[string]any) string {
		var g profilesapi.Goal
		f.mustDo(t, "owner", "POST", base+"/me/goals", body, 201).json(t, &g)
		return g.ID
	}
	weekKM := goal(map[string]any{"kind": "distance", "sport": "running", "period": "week", "target": 30000})
	yearTime := goal(map[string]any{"kind": "time", "period": "year", "target": 360000})
	monthCount := goal(map[string]any{"kind": "count", "period": "month", "target": 12})
	raceDate := time.Now().UTC().AddDate(0, 2, 0).Format(time.DateOnly)
	race := goal(map[string]any{"kind": "race", "target": 2700, "race_name": "Зелёный марафон 10K",
		"race_date": raceDate, "race_distance_m": 10000})

	// A minute ago is this week, month and year in any zone but at the
	// very turn of one.
	startedAt := time.Now().UTC().Add(-time.Minute)
	run := trackerapi.ActivityV1{ActivityID: uuid.NewString(), UserID: owner, Sport: "running", Name: "Утро",
		StartedAt: startedAt, TimeZone: "Europe/Moscow", Source: "live", Visibility: "public",
		Analysis: analysis.Result{DistanceM: 10200, MovingS: 3100, ElapsedS: 3200, BestEfforts: []analysis.Effort{
			{Name: "5k", DistanceM: 5000, ElapsedS: 1480}, {Name: "10k", DistanceM: 10000, ElapsedS: 3010}}}}
	completed := activityEvent(t, trackerapi.EventActivityCompleted, run)
	f.publishEvent(t, completed)
	f.publishEvent(t, completed) // redelivered: counted once
	want := map[string]float64{weekKM: 10200, yearTime: 3100, monthCount: 1, race: 3010}
	expect := func(what string) {
		t.Helper()
		eventually(t, what, func() bool {
			shown, stored := f.progress(t, "owner")
			return fmt.Sprint(shown) == fmt.Sprint(want) && fmt.Sprint(stored) == fmt.Sprint(want)
		})
	}
	expect("the first run counts once")

	// Another user's activity and a ride count nowhere but where they belong.
	f.publishEvent(t, activityEvent(t, trackerapi.EventActivityCompleted, trackerapi.ActivityV1{ActivityID: uuid.NewString(),
		UserID: other, Sport: "running", StartedAt: startedAt, Analysis: analysis.Result{DistanceM: 42195, MovingS: 12000}}))
	ride := trackerapi.ActivityV1{ActivityID: uuid.NewString(), UserID: owner, Sport: "cycling", StartedAt: startedAt,
		TimeZone: "Europe/Moscow", Analysis: analysis.Result{DistanceM: 40000, MovingS: 4000,
			BestEfforts: []analysis.Effort{{Name: "10k", DistanceM: 10000, ElapsedS: 900}}}}
	f.publishEvent(t, activityEvent(t, trackerapi.EventActivityCompleted, ride))
	want[yearTime], want[monthCount] = 7100, 2
	expect("the ride adds time and a count, not running distance nor a running race time")

	// An update carries the activity whole.
	run.Analysis.DistanceM, run.Analysis.BestEfforts[1].ElapsedS = 10500, 2950
	updated := activityEvent(t, trackerapi.EventActivityUpdated, run)
	// An update published before it but arriving after it is stale.
	stale := run
	stale.Analysis.DistanceM = 1
	staleEv := activityEvent(t, trackerapi.EventActivityUpdated, stale)
	staleEv.Time = updated.Time.Add(-time.Second)
	f.publishEvent(t, updated)
	want[weekKM], want[race] = 10500, 2950
	expect("the update replaces the run")
	f.publishEvent(t, staleEv)
	f.drained(t)
	time.Sleep(300 * time.Millisecond) // give the stale event time to be (not) applied
	expect("a stale update changes nothing")

	// Deleted: gone from every goal; the completion redelivered later
	// (older than the deletion) does not bring it back.
	deleted, err := bus.NewEvent(trackerapi.EventActivityDeleted, "tracker", run.ActivityID,
		trackerapi.ActivityDeletedV1{ActivityID: run.ActivityID, UserID: owner})
	if err != nil {
		t.Fatal(err)
	}
	f.publishEvent(t, deleted)
	want[weekKM], want[yearTime], want[monthCount], want[race] = 0, 4000, 1, 0
	expect("the deleted run counts no more")
	late := activityEvent(t, trackerapi.EventActivityCompleted, run)
	late.Time = deleted.Time.Add(-time.Minute)
	f.publishEvent(t, late)
	time.Sleep(300 * time.Millisecond)
	expect("a late completion of a deleted run stays deleted")

	// A goal created now is measured at once.
	var g profilesapi.Goal
	f.mustDo(t, "owner", "POST", base+"/me/goals", map[string]any{"kind": "distance", "sport": "cycling", "period": "month",
		"target": 500000}, 201).json(t, &g)
	if g.Progress != 40000 {
		t.Fatalf("a new goal's progress %v, want 40000", g.Progress)
	}
	// The other user's goals see only their own activities.
	var og profilesapi.Goal
	f.mustDo(t, "other", "POST", base+"/me/goals", map[string]any{"kind": "distance", "period": "week", "target": 1000}, 201).json(t, &og)
	if og.Progress != 42195 {
		t.Fatalf("other's progress %v", og.Progress)
	}
}
