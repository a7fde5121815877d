package progress_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// TestThroughThePlatform runs the whole process: the gateway mounts the
// routes behind tokens; the athlete's profile reaches progress through
// profiles' athlete_changed; a tracker activity event becomes records, a
// personal_record event and the progress of a profiles goal.
func TestThroughThePlatform(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) { c.Catalog.Demo, c.Demo.Athletes = false, false })
	me, other := uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
	token, otherToken := p.Issuer.Mint(t, me), p.Issuer.Mint(t, other)
	if r := p.Do(t, "GET", base+"/me/summary", "", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("anonymous summary: %d", r.Status)
	}
	if r := p.Do(t, "PATCH", profilesapi.BasePath+"/me", token, map[string]any{"sex": "female", "birth_year": 1990}); r.Status != 200 {
		t.Fatalf("profile: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "POST", profilesapi.BasePath+"/me/goals", token,
		map[string]any{"kind": "distance", "period": "year", "target": 1000000}); r.Status != 201 {
		t.Fatalf("goal: %d %s", r.Status, r.Body)
	}
	prs := p.Events(t, progressapi.EventPersonalRecord)

	runID := uuid.NewString()
	a := activity{id: runID, user: me, sport: "running", start: time.Now().UTC().Add(-time.Hour), km: 5, movingS: 1500, tss: 40,
		efforts: map[string]float64{"5k": 1490}}
	ev, err := bus.NewEvent(trackerapi.EventActivityCompleted, "tracker", runID, a.payload())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.App.Bus().Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	var pr progressapi.PersonalRecordV1
	if err := prs(me).Decode(&pr); err != nil || pr.ActivityID != runID || pr.Effort != "5k" || pr.ElapsedS != 1490 || pr.PreviousS != nil {
		t.Fatalf("personal record %+v %v", pr, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		var cmp progressapi.Comparisons
		r := p.Do(t, "GET", base+"/me/activities/"+runID+"/comparisons", token, nil)
		if r.Status == 200 {
			r.JSON(t, &cmp)
		}
		var goals profilesapi.Goals
		p.Do(t, "GET", profilesapi.BasePath+"/me/goals", token, nil).JSON(t, &goals)
		if cmp.Others.Cohort.Sex != nil && *cmp.Others.Cohort.Sex == "female" && len(goals.Items) == 1 && goals.Items[0].Progress == 5000 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("athlete or goal not projected: %d %s, goals %+v", r.Status, r.Body, goals)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r := p.Do(t, "GET", base+"/me/activities/"+runID+"/comparisons", otherToken, nil); r.Status != http.StatusNotFound {
		t.Fatalf("another user's comparisons: %d %s", r.Status, r.Body)
	}
	var recs progressapi.Records
	p.Do(t, "GET", base+"/me/records", otherToken, nil).JSON(t, &recs)
	if len(recs.Items) != 0 {
		t.Fatalf("another user sees records %+v", recs)
	}
}
