package tracker_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/training/tracker"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// TestSessionToActivity runs a live session end to end: start, samples
// from a device, pause and resume, finish into an activity with its
// analysis, compact samples, archive and events.
func TestSessionToActivity(t *testing.T) {
	t.Parallel()
	t.Run("sqlite", func(t *testing.T) { sessionToActivity(t, start(t)) })
	t.Run("postgres", func(t *testing.T) {
		sessionToActivity(t, startOn(t, sqldbtest.Postgres(t, tracker.Name, nil)))
	})
}

func sessionToActivity(t *testing.T, f *fixture) {
	f.user("ann")
	f.user("bob")

	f.wantProblem(t, "", "POST", base+"/sessions", map[string]any{"sport": "running"}, 401, "unauthenticated")
	p := f.wantProblem(t, "ann", "POST", base+"/sessions", map[string]any{"sport": "chess", "device_id": "x"}, 400, "validation_failed")
	if len(p.Errors) != 2 {
		t.Fatalf("field errors %+v", p.Errors)
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions", `{"sport":"running","extra":1}`, 400, "validation_failed")
	f.wantProblem(t, "ann", "GET", base+"/sessions/current", nil, 404, "no_current_session")
	s := f.startSession(t, "ann")
	if s.Status != trackerapi.StatusActive || s.UserID != f.users["ann"] || s.Sport != "running" {
		t.Fatalf("started %+v", s)
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions", map[string]any{"sport": "cycling"}, 409, "session_active")
	f.waitEvent(t, trackerapi.EventSessionStarted, s.ID, nil)

	t0 := time.Now().Add(-10 * time.Minute).Truncate(time.Second)
	samples := track(t0, 300)
	f.ingest(t, "ann", s.ID, samples[:150], devicesapi.FrameV1{T: samples[0].T, Sensor: "gatt.heart_rate", Data: []byte{0x00, 0x82}})
	var cur trackerapi.Session
	f.mustDo(t, "ann", "GET", base+"/sessions/current", nil, 200).json(t, &cur)
	if cur.ID != s.ID || cur.LastPoint == nil || cur.LastPoint.Lat == nil || cur.LastPoint.HR == nil ||
		cur.Totals.DistanceM == nil || *cur.Totals.DistanceM < 400 || *cur.Totals.DistanceM > 460 || cur.AutoPaused {
		t.Fatalf("current after samples: %+v totals %+v", cur, cur.Totals)
	}
	// Pause, resume: the pause changes nothing twice.
	var paused trackerapi.Session
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/pause", nil, 200).json(t, &paused)
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/pause", nil, 200)
	if paused.Status != trackerapi.StatusPaused {
		t.Fatalf("paused %+v", paused)
	}
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/resume", nil, 200)
	f.ingest(t, "ann", s.ID, samples[150:])
	// Others cannot act on it.
	for _, action := range []string{"pause", "resume", "finish", "discard", "sos"} {
		f.wantProblem(t, "bob", "POST", base+"/sessions/"+s.ID+"/"+action, nil, 404, "session_not_found")
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", `{"x":1}`, 400, "unexpected_body")

	var fin trackerapi.FinishResult
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 200).json(t, &fin)
	if fin.ActivityID == "" || fin.Session.Status != trackerapi.StatusFinished || fin.Session.ActivityID == nil {
		t.Fatalf("finish %+v", fin)
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 409, "session_ended")
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/pause", nil, 409, "session_ended")
	f.wantProblem(t, "ann", "GET", base+"/sessions/current", nil, 404, "no_current_session")

	var done trackerapi.ActivityV1
	f.waitEvent(t, trackerapi.EventActivityCompleted, fin.ActivityID, &done)
	an := done.Analysis
	if done.UserID != f.users["ann"] || done.Source != "live" || done.Sport != "running" || done.Name == "" ||
		an.DistanceM < 800 || an.DistanceM > 950 || an.ElapsedS < 290 || an.AvgHR == nil || done.Polyline == "" ||
		len(done.StartLatLng) != 2 || done.Visibility != "public" {
		t.Fatalf("activity_completed %+v (distance %.0f, elapsed %.0f)", done, an.DistanceM, an.ElapsedS)
	}
	var ended trackerapi.SessionV1
	f.waitEvent(t, trackerapi.EventSessionEnded, s.ID, &ended)
	if ended.Outcome != "finished" || ended.ActivityID != fin.ActivityID {
		t.Fatalf("session_ended %+v", ended)
	}
	files := strings.Join(f.blobFiles(t), " ")
	uid := f.users["ann"]
	if !strings.Contains(files, "activities/"+uid+"/"+fin.ActivityID+".bin") ||
		!strings.Contains(files, "archive/"+uid+"/"+fin.ActivityID+".jsonl.gz") {
		t.Fatalf("blobs: %s", files)
	}
	if n := f.count(t, `SELECT count(*) FROM samples`); n != 0 {
		t.Fatalf("%d live samples kept after the finish", n)
	}
	// The archive holds what the devices sent: the session, the pause,
	// every sample and the raw frame.
	kinds := f.archive(t, "archive/"+uid+"/"+fin.ActivityID+".jsonl.gz")
	if kinds["session"] != 1 || kinds["pause"] != 1 || kinds["sample"] != 300 || kinds["frame"] != 1 {
		t.Fatalf("archive lines %v", kinds)
	}
	var a trackerapi.Activity
	f.mustDo(t, "ann", "GET", base+"/activities/"+fin.ActivityID, nil, 200).json(t, &a)
	if a.Polyline == nil || a.Analysis.AvgHR == nil || len(a.Hidden) != 0 || a.Source != "live" {
		t.Fatalf("owner's activity %+v", a)
	}
	// The finished session still reads, with its activity.
	var after trackerapi.Session
	f.mustDo(t, "ann", "GET", base+"/sessions/"+s.ID, nil, 200).json(t, &after)
	if after.ActivityID == nil || *after.ActivityID != fin.ActivityID || after.EndedAt == nil {
		t.Fatalf("ended session %+v", after)
	}
}

func TestDiscardAndEmptyFinish(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	s := f.startSession(t, "ann")
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 422, "session_empty")
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-time.Minute), 10))
	var d trackerapi.Session
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/discard", nil, 200).json(t, &d)
	if d.Status != trackerapi.StatusDiscarded {
		t.Fatalf("discarded %+v", d)
	}
	var ended trackerapi.SessionV1
	f.waitEvent(t, trackerapi.EventSessionEnded, s.ID, &ended)
	if ended.Outcome != "discarded" {
		t.Fatalf("session_ended %+v", ended)
	}
	if n := f.count(t, `SELECT count(*) FROM samples`); n != 0 {
		t.Fatalf("%d samples kept after discarding", n)
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/discard", nil, 409, "session_ended")
	f.wantProblem(t, "ann", "GET", base+"/sessions/not-a-uuid", nil, 404, "session_not_found")
}

// TestIngest checks what the ingest consumer does with devices' batches:
// merging resent samples, starting a session for a batch that names none,
// dropping what belongs to nobody, counting what comes too late.
func TestIngest(t *testing.T) {
	t.Parallel()
	f := start(t)
	ann, bob := f.user("ann"), f.user("bob")
	t0 := time.Now().Add(-5 * time.Minute).Truncate(time.Second)
	samples := track(t0, 60)

	// No session yet: the first batch starts one, with the batch's sport
	// and device, at its first sample.
	device := uuid.NewString()
	f.ingestBatches(t, devicesapi.BatchV1{BatchID: "b1", UserID: ann, DeviceID: device, Sport: "cycling",
		Samples: samples[:30], ReceivedAt: time.Now()})
	var s trackerapi.Session
	f.mustDo(t, "ann", "GET", base+"/sessions/current", nil, 200).json(t, &s)
	if s.Sport != "cycling" || s.DeviceID == nil || *s.DeviceID != device || !s.StartedAt.Equal(t0) {
		t.Fatalf("auto-started %+v", s)
	}
	f.waitEvent(t, trackerapi.EventSessionStarted, s.ID, nil)

	// The same samples again (a retry), now with power: merged, not added.
	resent := make([]devicesapi.SampleV1, 10)
	for i := range resent {
		resent[i] = devicesapi.SampleV1{T: samples[i].T, Power: fl(200 + float64(i))}
	}
	f.ingestBatches(t,
		devicesapi.BatchV1{BatchID: "b1", UserID: ann, Samples: resent, ReceivedAt: time.Now()},
		devicesapi.BatchV1{BatchID: "b2", UserID: ann, SessionID: s.ID, Samples: samples[30:40], ReceivedAt: time.Now()},
		// Bob names Ann's session: dropped.
		devicesapi.BatchV1{BatchID: "b3", UserID: bob, SessionID: s.ID, Samples: track(t0.Add(time.Hour), 5), ReceivedAt: time.Now()},
		// An unknown session: dropped.
		devicesapi.BatchV1{BatchID: "b4", UserID: bob, SessionID: uuid.NewString(), Samples: samples[:5], ReceivedAt: time.Now()},
	)
	if n := f.count(t, `SELECT count(*) FROM samples WHERE session_id = $1`, s.ID); n != 40 {
		t.Fatalf("%d samples stored, want 40", n)
	}
	if n := f.count(t, `SELECT count(*) FROM samples WHERE session_id = $1 AND power IS NOT NULL AND hr IS NOT NULL`, s.ID); n != 10 {
		t.Fatalf("%d samples merged with power, want 10", n)
	}
	if n := f.count(t, `SELECT count(*) FROM sessions WHERE user_id = $1`, bob); n != 0 {
		t.Fatalf("bob got %d sessions", n)
	}

	var fin trackerapi.FinishResult
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 200).json(t, &fin)
	// Samples for the finished session, named or stragglers: counted there,
	// no new session.
	f.ingestBatches(t,
		devicesapi.BatchV1{BatchID: "b5", UserID: ann, SessionID: s.ID, Samples: samples[40:45], ReceivedAt: time.Now()},
		devicesapi.BatchV1{BatchID: "b6", UserID: ann, Samples: samples[45:48], ReceivedAt: time.Now()})
	if n := f.count(t, `SELECT late_samples FROM sessions WHERE id = $1`, s.ID); n != 8 {
		t.Fatalf("late samples %d, want 8", n)
	}
	f.wantProblem(t, "ann", "GET", base+"/sessions/current", nil, 404, "no_current_session")
	// New samples after the end: a new session.
	f.ingestBatches(t, devicesapi.BatchV1{BatchID: "b7", UserID: ann, Samples: track(time.Now(), 3), ReceivedAt: time.Now()})
	var next trackerapi.Session
	f.mustDo(t, "ann", "GET", base+"/sessions/current", nil, 200).json(t, &next)
	if next.ID == s.ID || next.Sport != "other" {
		t.Fatalf("next session %+v", next)
	}
}
