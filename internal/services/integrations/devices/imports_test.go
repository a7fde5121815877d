package devices_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// readTestdata reads one of the FIT SDK example files kept with the
// decoder's tests.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "sport", "actfile", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gpxRun writes a GPX track of n points, one a second from start.
func gpxRun(start time.Time, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Morning run</name><type>running</type><trkseg>`)
	for i := range n {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="%.6f"><ele>150</ele><time>%s</time></trkpt>`,
			55.75+float64(i)*0.00003, 37.61, start.Add(time.Duration(i)*time.Second).UTC().Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.Bytes()
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itemFor(t *testing.T, res devicesapi.ImportResult, file string) devicesapi.ImportItem {
	t.Helper()
	for _, it := range res.Items {
		if it.File == file {
			return it
		}
	}
	t.Fatalf("no item for %s in %+v", file, res.Items)
	return devicesapi.ImportItem{}
}

func blobExists(t *testing.T, s blob.Store, key string) bool {
	t.Helper()
	_, err := s.Stat(context.Background(), key)
	return err == nil
}

// TestImports: files and archives are decoded, de-duplicated by content and
// by activity, stored as claim-check blobs with an activity_received event,
// and settled by the tracker's answers; nobody sees another's imports.
func TestImports(t *testing.T) {
	t.Parallel()
	f := start(t)
	fit := readTestdata(t, "Activity.fit")
	decoded, err := actfile.Decode("Activity.fit", fit)
	if err != nil {
		t.Fatalf("decode the sample file: %v", err)
	}
	var sameAsGPX bytes.Buffer
	if err := actfile.Encode(&sameAsGPX, actfile.GPX, decoded.Activity); err != nil {
		t.Fatalf("encode as gpx: %v", err)
	}
	runStart := time.Date(2025, 5, 4, 6, 30, 0, 0, time.UTC)
	run := gpxRun(runStart, 600)

	// One FIT file, uploaded by the user.
	r := f.upload(t, cred{user: alice}, map[string][]byte{"Activity.fit": fit})
	var res devicesapi.ImportResult
	r.json(t, &res)
	first := itemFor(t, res, "Activity.fit")
	if r.Status != 200 || first.Status != "processing" || first.ImportID == "" || first.Format != "fit" || res.Summary.Accepted != 1 {
		t.Fatalf("fit upload: %d %s", r.Status, r.Body)
	}

	// A zip from a device: the same file again, the same activity as GPX,
	// a new run, a weight file, garbage and a readme.
	archive := zipOf(t, map[string][]byte{
		"export/activities/1.fit":     fit,
		"export/activities/1.gpx":     sameAsGPX.Bytes(),
		"export/activities/2.gpx.gz":  gz(t, run),
		"export/activities/weigh.fit": readTestdata(t, "WeightScaleSingleUser.fit"),
		"export/activities/junk.tcx":  []byte("<TrainingCenterDatabase><Activities><Acti"),
		"export/README.txt":           []byte("hello"),
	})
	dev := f.pairDevice(t, alice, devicesapi.KindWatch, "Watch")
	r = f.upload(t, cred{device: dev.Token}, map[string][]byte{"export.zip": archive})
	r.json(t, &res)
	if r.Status != 200 {
		t.Fatalf("zip upload: %d %s", r.Status, r.Body)
	}
	t.Logf("zip upload: %s", r.Body)
	if it := itemFor(t, res, "export/activities/1.fit"); it.Status != "duplicate" || it.Reason != "same_file" || it.DuplicateOfImport != first.ImportID {
		t.Fatalf("same file: %+v", it)
	}
	if it := itemFor(t, res, "export/activities/1.gpx"); it.Status != "duplicate" || it.Reason != "same_activity" || it.DuplicateOfImport != first.ImportID {
		t.Fatalf("same activity: %+v", it)
	}
	newRun := itemFor(t, res, "export/activities/2.gpx")
	if newRun.Status != "processing" || newRun.Format != "gpx" {
		if newRun = itemFor(t, res, "export/activities/2.gpx.gz"); newRun.Status != "processing" {
			t.Fatalf("new run: %+v", newRun)
		}
	}
	if it := itemFor(t, res, "export/activities/weigh.fit"); it.Status != "failed" || it.Reason != "not_an_activity" {
		t.Fatalf("weight file: %+v", it)
	}
	if it := itemFor(t, res, "export/activities/junk.tcx"); it.Status != "failed" || it.Reason == "" {
		t.Fatalf("broken file: %+v", it)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].File != "export/README.txt" || res.Summary != (devicesapi.ImportSummary{Accepted: 1, Duplicate: 2, Failed: 2, Skipped: 1}) {
		t.Fatalf("summary %+v skipped %+v", res.Summary, res.Skipped)
	}

	// The events carry claim checks: the activity waits in the blob store.
	f.settled(t)
	evs := f.eventsAbout(t, devicesapi.EventActivityReceived, newRun.ImportID)
	var got devicesapi.ActivityReceivedV1
	if len(evs) != 1 || evs[0].Decode(&got) != nil {
		t.Fatalf("activity_received events: %d", len(evs))
	}
	if got.UserID != alice || got.DeviceID != dev.DeviceID || got.Format != "gpx" || got.Sport != "running" ||
		!got.StartedAt.Equal(runStart) || got.ElapsedS != 599 || got.DistanceM < 0 {
		t.Fatalf("event %+v", got)
	}
	rc, _, err := f.Blobs.Get(context.Background(), got.BlobKey)
	if err != nil {
		t.Fatal(err)
	}
	bin, _ := io.ReadAll(rc)
	rc.Close()
	var act activity.Activity
	if err := act.UnmarshalBinary(bin); err != nil || len(act.Samples) != 600 || !act.Start.Equal(runStart) {
		t.Fatalf("claim-check blob: %v, %d samples from %s", err, len(act.Samples), act.Start)
	}
	if !blobExists(t, f.Blobs, got.OriginalKey) {
		t.Fatal("original not stored")
	}

	// Nobody else sees the imports.
	if r := f.do(t, "GET", base+"/imports/"+first.ImportID, cred{user: bob}, nil); r.Status != 404 {
		t.Fatalf("bob reads alice's import: %d", r.Status)
	}
	var page struct {
		Items      []devicesapi.Import `json:"items"`
		NextCursor *string             `json:"next_cursor"`
	}
	f.do(t, "GET", base+"/imports", cred{user: bob}, nil).json(t, &page)
	if len(page.Items) != 0 {
		t.Fatalf("bob lists alice's imports: %+v", page.Items)
	}
	f.do(t, "GET", base+"/imports?limit=1", cred{user: alice}, nil).json(t, &page)
	if len(page.Items) != 1 || page.Items[0].ID != newRun.ImportID || page.NextCursor == nil {
		t.Fatalf("first page: %+v", page)
	}
	f.do(t, "GET", base+"/imports?limit=1&cursor="+*page.NextCursor, cred{user: alice}, nil).json(t, &page)
	if len(page.Items) != 1 || page.Items[0].ID != first.ImportID || page.NextCursor != nil || page.Items[0].Status != "processing" {
		t.Fatalf("second page: %+v", page)
	}
	if r := f.do(t, "GET", base+"/imports?limit=0&user_id="+bob, cred{user: alice}, nil); r.Status != 400 || !hasField(r.problem(t), "user_id") {
		t.Fatalf("bad list query: %d %s", r.Status, r.Body)
	}

	// The tracker answers: the first became an activity, the run was a
	// duplicate of one it had. Claim checks go, originals stay.
	f.publish(t, trackerapi.EventActivityCompleted, "tracker", "act-1", trackerapi.ActivityV1{ActivityID: "act-1", UserID: alice, ImportID: first.ImportID, Source: "import"})
	f.publish(t, trackerapi.EventImportRejected, "tracker", newRun.ImportID, trackerapi.ImportRejectedV1{ImportID: newRun.ImportID, UserID: alice, Reason: "duplicate", DuplicateOf: "act-0"})
	// An event naming another user's import changes nothing.
	f.publish(t, trackerapi.EventActivityDeleted, "tracker", "act-x", trackerapi.ActivityDeletedV1{ActivityID: "act-x", UserID: bob, ImportID: first.ImportID})
	var im devicesapi.Import
	eventually(t, "imports settled", func() error {
		f.do(t, "GET", base+"/imports/"+newRun.ImportID, cred{user: alice}, nil).json(t, &im)
		if im.Status != "duplicate" || im.DuplicateOf != "act-0" {
			return fmt.Errorf("run import %+v", im)
		}
		f.do(t, "GET", base+"/imports/"+first.ImportID, cred{user: alice}, nil).json(t, &im)
		if im.Status != "imported" || im.ActivityID != "act-1" {
			return fmt.Errorf("first import %+v", im)
		}
		return nil
	})
	firstBlob := "imports/" + alice + "/" + first.ImportID
	if blobExists(t, f.Blobs, firstBlob+".activity") || blobExists(t, f.Blobs, got.BlobKey) || !blobExists(t, f.Blobs, firstBlob+".orig.gz") {
		t.Fatal("claim-check blobs kept or original removed")
	}
	// Uploaded again, the file names the activity it became.
	f.upload(t, cred{user: alice}, map[string][]byte{"again.fit": fit}).json(t, &res)
	if it := itemFor(t, res, "again.fit"); it.Status != "duplicate" || it.DuplicateOf != "act-1" {
		t.Fatalf("re-upload: %+v", it)
	}

	// The activity is deleted: its original goes, and the file may come again.
	f.publish(t, trackerapi.EventActivityDeleted, "tracker", "act-1", trackerapi.ActivityDeletedV1{ActivityID: "act-1", UserID: alice, ImportID: first.ImportID})
	eventually(t, "import deleted", func() error {
		f.do(t, "GET", base+"/imports/"+first.ImportID, cred{user: alice}, nil).json(t, &im)
		if im.Status != "deleted" {
			return fmt.Errorf("import %+v", im)
		}
		return nil
	})
	if blobExists(t, f.Blobs, firstBlob+".orig.gz") {
		t.Fatal("original kept after the activity was deleted")
	}
	f.upload(t, cred{user: alice}, map[string][]byte{"again.fit": fit}).json(t, &res)
	if it := itemFor(t, res, "again.fit"); it.Status != "processing" {
		t.Fatalf("upload after deletion: %+v", it)
	}

	// The activity the run repeated (a live one, without an import) is
	// deleted: the run is no duplicate any more and may come again.
	f.publish(t, trackerapi.EventActivityDeleted, "tracker", "act-0", trackerapi.ActivityDeletedV1{ActivityID: "act-0", UserID: alice})
	eventually(t, "duplicate released", func() error {
		f.do(t, "GET", base+"/imports/"+newRun.ImportID, cred{user: alice}, nil).json(t, &im)
		if im.Status != "deleted" {
			return fmt.Errorf("run import %+v", im)
		}
		return nil
	})
	f.upload(t, cred{user: alice}, map[string][]byte{"run.gpx": run}).json(t, &res)
	if it := itemFor(t, res, "run.gpx"); it.Status != "processing" {
		t.Fatalf("run after its original was deleted: %+v", it)
	}
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportRefusesBadUploads: a request that is not a proper upload
// stores nothing.
func TestImportRefusesBadUploads(t *testing.T) {
	t.Parallel()
	f := start(t)
	fit := readTestdata(t, "Activity.fit")
	if r := f.do(t, "POST", base+"/imports", cred{user: alice}, map[string]any{"file": "x"}); r.Status != 400 || r.problem(t).Code != "multipart_required" {
		t.Fatalf("json body: %d %s", r.Status, r.Body)
	}
	if r := f.upload(t, cred{}, map[string][]byte{"a.fit": fit}); r.Status != 401 {
		t.Fatalf("anonymous upload: %d", r.Status)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "a.fit")
	_, _ = fw.Write(fit)
	_ = mw.WriteField("user_id", bob)
	_ = mw.Close()
	r := f.send(t, "POST", base+"/imports", cred{user: alice}, &buf, mw.FormDataContentType())
	if p := r.problem(t); r.Status != 422 || !hasField(p, "user_id") {
		t.Fatalf("extra part: %d %+v", r.Status, p)
	}
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	_ = mw.Close()
	if r := f.send(t, "POST", base+"/imports", cred{user: alice}, &buf, mw.FormDataContentType()); r.Status != 422 || !hasField(r.problem(t), "file") {
		t.Fatalf("no file: %d %s", r.Status, r.Body)
	}
	var n int
	if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM imports`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d imports stored by refused uploads (%v)", n, err)
	}
	if entries, _ := os.ReadDir(f.BlobDir); len(entries) != 0 {
		t.Fatalf("blobs stored by refused uploads: %v", entries)
	}
}
