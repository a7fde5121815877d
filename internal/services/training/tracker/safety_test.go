package tracker_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/tracker"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func TestSafetySettings(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	cat := f.user("cat")
	var s trackerapi.Safety
	f.mustDo(t, "ann", "GET", base+"/me/safety", nil, 200).json(t, &s)
	if s.Enabled || len(s.Contacts) != 0 || s.StopAlertAfterS != 300 {
		t.Fatalf("defaults %+v", s)
	}
	p := f.wantProblem(t, "ann", "PUT", base+"/me/safety", map[string]any{"contacts": []string{f.users["ann"], "x"},
		"stop_alert_after_s": 10}, 400, "validation_failed")
	if len(p.Errors) != 3 {
		t.Fatalf("field errors %+v", p.Errors)
	}
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"enabled": true, "contacts": []string{cat}}, 200).json(t, &s)
	if !s.Enabled || len(s.Contacts) != 1 || s.StopAlertAfterS != 300 {
		t.Fatalf("saved %+v", s)
	}
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"stop_alert_after_s": 600}, 200).json(t, &s)
	if !s.Enabled || len(s.Contacts) != 1 || s.StopAlertAfterS != 600 {
		t.Fatalf("partial change %+v", s)
	}
	f.wantProblem(t, "", "GET", base+"/me/safety", nil, 401, "unauthenticated")
	f.mustDo(t, "cat", "GET", base+"/me/safety", nil, 200).json(t, &s)
	if s.Enabled {
		t.Fatal("another user's settings leak")
	}
}

// TestStopAlertAndSOS: contacts hear once per stop when the athlete stops
// moving, at once on SOS, each time with a link that shows where the
// athlete is.
func TestStopAlertAndSOS(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	cat, dan := f.user("cat"), f.user("dan")
	f.publish(t, profilesapi.EventProfileUpdated, "profiles", f.users["ann"], profilesapi.ProfileUpdatedV1{
		UserID: f.users["ann"], DisplayName: "Анна", Visibility: "public"})
	s := f.startSession(t, "ann")
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/sos", nil, 409, "no_safety_contacts")
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"enabled": true, "contacts": []string{cat, dan},
		"stop_alert_after_s": 120}, 200)
	ctx := context.Background()

	// Moving: no alert.
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-30*time.Second), 30))
	if err := f.svc.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	f.settled(t)
	if n := len(f.notices(t, trackerapi.NotifyStopped, cat)); n != 0 {
		t.Fatalf("%d alerts while moving", n)
	}
	// Three minutes without moving: one alert per contact, however often
	// the sweeper looks.
	f.exec(t, `UPDATE sessions SET last_moving_at = $1 WHERE id = $2`, time.Now().Add(-3*time.Minute).UnixMilli(), s.ID)
	for range 2 {
		if err := f.svc.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
	}
	f.settled(t)
	for _, c := range []string{cat, dan} {
		got := f.notices(t, trackerapi.NotifyStopped, c)
		if len(got) != 1 {
			t.Fatalf("%d stop alerts to a contact, want 1", len(got))
		}
		d := got[0].Data
		if !got[0].Critical || d["name"] != "Анна" || d["minutes"] != "3" || !strings.HasPrefix(d["link"], "/live/") {
			t.Fatalf("stop alert %+v", got[0])
		}
		// The link shows the session to the contact, without signing in.
		f.mustDo(t, "", "GET", base+"/shared/"+strings.TrimPrefix(d["link"], "/live/"), nil, 200)
	}
	// Moving again, then stopping again: a new alert.
	f.ingest(t, "ann", s.ID, track(time.Now(), 5))
	f.exec(t, `UPDATE sessions SET last_moving_at = $1 WHERE id = $2`, time.Now().Add(-3*time.Minute).UnixMilli(), s.ID)
	if err := f.svc.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	f.settled(t)
	if n := len(f.notices(t, trackerapi.NotifyStopped, cat)); n != 2 {
		t.Fatalf("%d stop alerts after the second stop, want 2", n)
	}
	// A paused session is no stop.
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/pause", nil, 200)
	f.ingest(t, "ann", s.ID, track(time.Now(), 5))
	f.exec(t, `UPDATE sessions SET last_moving_at = $1 WHERE id = $2`, time.Now().Add(-time.Hour).UnixMilli(), s.ID)
	if err := f.svc.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	f.settled(t)
	if n := len(f.notices(t, trackerapi.NotifyStopped, cat)); n != 2 {
		t.Fatalf("alert during a pause")
	}

	var sos trackerapi.SOSResult
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/sos", nil, 202).json(t, &sos)
	if sos.Notified != 2 || sos.Share.Token == "" || sos.Share.Purpose != "safety" {
		t.Fatalf("sos %+v", sos)
	}
	f.settled(t)
	got := f.notices(t, trackerapi.NotifySOS, dan)
	if len(got) != 1 || !got[0].Critical || got[0].Data["link"] != sos.Share.URL {
		t.Fatalf("sos notices %+v", got)
	}
	f.wantProblem(t, "cat", "POST", base+"/sessions/"+s.ID+"/sos", nil, 404, "session_not_found")
}

// TestAbandonedSessions: a session without samples for abandon_after is
// finished by the sweeper, or discarded when it recorded nothing.
func TestAbandonedSessions(t *testing.T) {
	t.Parallel()
	f := start(t, func(c *tracker.Config) { c.AbandonAfter = time.Hour })
	f.user("ann")
	f.user("bob")
	withData := f.startSession(t, "ann")
	f.ingest(t, "ann", withData.ID, track(time.Now().Add(-3*time.Hour), 60))
	empty := f.startSession(t, "bob")
	fresh := time.Now().Add(-2 * time.Hour).UnixMilli()
	f.exec(t, `UPDATE sessions SET last_sample_at = $1`, fresh)
	if err := f.svc.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	var a, b trackerapi.Session
	f.mustDo(t, "ann", "GET", base+"/sessions/"+withData.ID, nil, 200).json(t, &a)
	f.mustDo(t, "bob", "GET", base+"/sessions/"+empty.ID, nil, 200).json(t, &b)
	if a.Status != trackerapi.StatusFinished || a.ActivityID == nil || b.Status != trackerapi.StatusDiscarded {
		t.Fatalf("after the sweep: %s %v, %s", a.Status, a.ActivityID, b.Status)
	}
	f.waitEvent(t, trackerapi.EventActivityCompleted, *a.ActivityID, nil)
}
