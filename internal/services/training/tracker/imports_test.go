package tracker_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// handOver puts an activity where the devices service would (the claim
// check) and publishes activity_received.
func (f *fixture) handOver(t *testing.T, name string, a *activity.Activity, raw []byte) devicesapi.ActivityReceivedV1 {
	t.Helper()
	importID := uuid.NewString()
	key := "imports/" + f.users[name] + "/" + importID + ".bin"
	if raw == nil {
		var err error
		if raw, err = a.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.blobs.Put(context.Background(), key, bytes.NewReader(raw), "application/octet-stream"); err != nil {
		t.Fatal(err)
	}
	p := devicesapi.ActivityReceivedV1{ImportID: importID, UserID: f.users[name], Format: "fit", FileName: "run.fit",
		BlobKey: key, OriginalKey: "imports/" + f.users[name] + "/" + importID + ".fit.gz", Sport: "running"}
	if a != nil {
		p.StartedAt, p.ElapsedS = a.Start, a.ElapsedS()
	}
	f.publish(t, devicesapi.EventActivityReceived, "devices", importID, p)
	return p
}

func TestImports(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	f.user("bob")
	start := time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	first := f.handOver(t, "ann", recorded(start, 300), nil)
	var done trackerapi.ActivityV1
	f.waitEvent(t, trackerapi.EventActivityCompleted, "", &done)
	if done.ImportID != first.ImportID || done.Source != "import" || done.UserID != f.users["ann"] || done.Analysis.DistanceM < 800 {
		t.Fatalf("activity_completed %+v", done)
	}
	var a trackerapi.Activity
	f.mustDo(t, "ann", "GET", base+"/activities/"+done.ActivityID, nil, 200).json(t, &a)
	if a.ImportID == nil || *a.ImportID != first.ImportID || a.Name != "Test run" {
		t.Fatalf("imported activity %+v", a)
	}

	// The same workout from another file: a duplicate of the first.
	second := f.handOver(t, "ann", recorded(start.Add(5*time.Second), 290), nil)
	var rej trackerapi.ImportRejectedV1
	f.waitEvent(t, trackerapi.EventImportRejected, second.ImportID, &rej)
	if rej.Reason != "duplicate" || rej.DuplicateOf != done.ActivityID || rej.UserID != f.users["ann"] {
		t.Fatalf("import_rejected %+v", rej)
	}
	// Bob's identical workout is his own, not a duplicate.
	f.handOver(t, "bob", recorded(start, 300), nil)
	f.settled(t)
	if n := len(f.events(t, trackerapi.EventActivityCompleted, "")); n != 2 {
		t.Fatalf("%d activities completed, want 2", n)
	}
	// Unreadable and missing claim checks: rejected as invalid.
	bad := f.handOver(t, "ann", nil, []byte("not an activity"))
	f.waitEvent(t, trackerapi.EventImportRejected, bad.ImportID, &rej)
	if rej.Reason != "invalid" || rej.Detail == "" {
		t.Fatalf("corrupt import %+v", rej)
	}
	missing := devicesapi.ActivityReceivedV1{ImportID: uuid.NewString(), UserID: f.users["ann"], BlobKey: "imports/nothing/here.bin"}
	f.publish(t, devicesapi.EventActivityReceived, "devices", missing.ImportID, missing)
	f.waitEvent(t, trackerapi.EventImportRejected, missing.ImportID, &rej)
	if rej.Reason != "invalid" {
		t.Fatalf("missing import %+v", rej)
	}
	empty := f.handOver(t, "ann", &activity.Activity{Sport: activity.Running, Start: start.Add(time.Hour)}, nil)
	f.waitEvent(t, trackerapi.EventImportRejected, empty.ImportID, &rej)
	if rej.Reason != "invalid" {
		t.Fatalf("empty import %+v", rej)
	}
	var page trackerapi.ActivityPage
	f.mustDo(t, "ann", "GET", base+"/activities", nil, 200).json(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("ann has %d activities", len(page.Items))
	}
}

// TestUserDeletion: a deleted user's sessions, activities, samples,
// archives, shares and settings are erased, blobs included, and late
// events bring nothing back.
func TestUserDeletion(t *testing.T) {
	t.Parallel()
	f := start(t)
	ann, cat := f.user("ann"), f.user("cat")
	f.follow(t, "cat", "ann")
	f.mustDo(t, "cat", "PUT", base+"/me/safety", map[string]any{"contacts": []string{ann}}, 200)
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"contacts": []string{cat}}, 200)
	s := f.startSession(t, "ann")
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-time.Hour), 100))
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 200)
	live := f.startSession(t, "ann")
	f.ingest(t, "ann", live.ID, track(time.Now().Add(-time.Minute), 10))
	f.mustDo(t, "ann", "POST", base+"/sessions/"+live.ID+"/shares", nil, 201)
	watcher := f.watch(t, "cat", live.ID)
	next(t, watcher)
	f.handOver(t, "ann", recorded(time.Now().Add(-48*time.Hour), 100), nil)
	catsID, err := f.svc.StoreActivity(context.Background(), cat, recorded(time.Now().Add(-30*time.Hour), 50), "demo")
	if err != nil {
		t.Fatal(err)
	}
	f.settled(t)
	if files := strings.Join(f.blobFiles(t), " "); !strings.Contains(files, "archive/"+ann) {
		t.Fatalf("blobs before: %s", files)
	}

	f.publish(t, authapi.EventUserDeleted, "auth", ann, authapi.UserDeletedV1{UserID: ann, DeletedAt: time.Now()})
	for _, table := range []string{"sessions", "activities", "shares", "safety", "privacy"} {
		if n := f.count(t, `SELECT count(*) FROM `+table+` WHERE user_id = $1`, ann); n != 0 {
			t.Errorf("%d rows of the deleted user in %s", n, table)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM samples`) + f.count(t, `SELECT count(*) FROM frames`); n != 0 {
		t.Errorf("%d samples and frames left", n)
	}
	if n := f.count(t, `SELECT count(*) FROM follows WHERE followee_id = $1 OR follower_id = $1`, ann); n != 0 {
		t.Errorf("%d follows left", n)
	}
	for _, file := range f.blobFiles(t) {
		if strings.Contains(file, "activities/"+ann) || strings.Contains(file, "archive/"+ann) {
			t.Errorf("blob left: %s", file)
		}
	}
	if st := closed(t, watcher); st != 1000 {
		t.Errorf("the watcher's view closed with %v", st)
	}
	var sf trackerapi.Safety
	f.mustDo(t, "cat", "GET", base+"/me/safety", nil, 200).json(t, &sf)
	if len(sf.Contacts) != 0 {
		t.Errorf("the deleted user is still cat's contact")
	}
	f.mustDo(t, "cat", "GET", base+"/activities/"+catsID, nil, 200)

	// Late events for the deleted user change nothing.
	f.ingestBatches(t, devicesapi.BatchV1{BatchID: "late", UserID: ann, Samples: track(time.Now(), 5), ReceivedAt: time.Now()})
	f.handOver(t, "ann", recorded(time.Now().Add(-72*time.Hour), 50), nil)
	f.privacy(t, "ann", "public", "public", "public")
	if n := f.count(t, `SELECT count(*) FROM sessions WHERE user_id = $1`, ann) +
		f.count(t, `SELECT count(*) FROM activities WHERE user_id = $1`, ann) +
		f.count(t, `SELECT count(*) FROM privacy WHERE user_id = $1`, ann); n != 0 {
		t.Fatalf("late events brought back %d rows", n)
	}
}

func TestGlance(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	// A zone where midnight is more than an hour away, so the day's
	// activities stay in their days while the test runs.
	var loc *time.Location
	for _, name := range []string{"UTC", "Etc/GMT-6", "Etc/GMT+6"} {
		loc, _ = time.LoadLocation(name)
		local := time.Now().In(loc)
		if h := local.Hour(); h >= 1 && h <= 22 {
			break
		}
	}
	now := time.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	for _, d := range []int{0, 1, 2, 4} { // today, yesterday, the day before; a gap; four days ago
		start := today.AddDate(0, 0, -d).Add(30 * time.Minute)
		if _, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(start, 100), "demo"); err != nil {
			t.Fatal(err)
		}
	}
	s := f.startSession(t, "ann")
	var g trackerapi.Glance
	r := f.mustDo(t, "ann", "GET", base+"/glance?tz="+loc.String(), nil, 200)
	r.json(t, &g)
	if g.Today.Count != 1 || g.Today.DistanceM < 250 || g.StreakDays != 3 || g.Live == nil || g.Live.ID != s.ID ||
		g.Week.Count < 1 || g.Week.Count > 4 || !strings.Contains(string(r.body), `"next_workout":null`) {
		t.Fatalf("glance %+v", g)
	}
	f.wantProblem(t, "ann", "GET", base+"/glance?tz=Mars/Olympus", nil, 400, "validation_failed")
	f.mustDo(t, "ann", "GET", base+"/glance?tz=Europe/Moscow", nil, 200)
	f.wantProblem(t, "", "GET", base+"/glance", nil, 401, "unauthenticated")
}
