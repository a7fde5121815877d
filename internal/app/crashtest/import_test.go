package crashtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Bulk import load: importFiles distinct 30-minute runs, each on its own
// day; one worker uploads them one file per request, the other as zips of
// importZipOf files (a bulk export).
const (
	importFiles = 120
	importZipOf = 3
)

// genFile is one generated activity file.
type genFile struct {
	name  string
	start time.Time
	data  []byte
}

// upload is one import request a crash-test worker sent.
type upload struct {
	files    []string        // names of the files in it
	answered bool            // a 200 answer arrived
	items    map[string]item // per file, when answered
}

// item is one file's line in an import answer.
type item struct {
	File        string `json:"file"`
	Status      string `json:"status"`
	Reason      string `json:"reason"`
	ImportID    string `json:"import_id"`
	DuplicateOf string `json:"duplicate_of"`
}

// TestCrashDuringBulkImport (quality.md R1) kills the process with SIGKILL
// at a random moment while a user uploads many activity files (single
// files and zips), restarts it on the same data dir, uploads again every
// file whose answer it never got plus a few accepted ones (as a client
// retrying would), and checks: every accepted file became exactly one
// activity, a repeated upload of an accepted file is a duplicate, and no
// file has two activities.
func TestCrashDuringBulkImport(t *testing.T) {
	t.Parallel()
	files := generateFiles(t, importFiles)
	byName := map[string]genFile{}
	for _, f := range files {
		byName[f.name] = f
	}
	pl := newPlatform(t)
	email, password := pl.createUser()
	p := pl.start("import-1")
	c := newClient(t)
	tok := login(t, c, p.URL, email, password)

	var accepted atomic.Int64
	var next atomic.Int64
	results := make([][]upload, 2)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		per := 1
		if w == 1 {
			per = importZipOf
		}
		wg.Go(func() { results[w] = importWorker(c, p.URL, tok, files, per, &next, &accepted, stop) })
	}
	deadline := time.Now().Add(30 * time.Second)
	for accepted.Load() < 8 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(time.Duration(rand.Int64N(int64(500 * time.Millisecond))))
	p.crash()
	close(stop)
	wg.Wait()

	acceptedFiles := map[string]string{} // name -> import id
	var doubt []string                   // sent, no answer
	for _, us := range results {
		for _, u := range us {
			if !u.answered {
				doubt = append(doubt, u.files...)
				continue
			}
			for _, name := range u.files {
				it, ok := u.items[name]
				if !ok {
					t.Fatalf("upload of %v: no line for %s in the answer: %+v", u.files, name, u.items)
				}
				if it.Status != "processing" || it.ImportID == "" {
					t.Fatalf("upload of %s: status %q (%s), want processing with an import id", name, it.Status, it.Reason)
				}
				acceptedFiles[name] = it.ImportID
			}
		}
	}
	t.Logf("%d files accepted before SIGKILL, %d in flight, %d not sent", len(acceptedFiles), len(doubt), len(files)-len(acceptedFiles)-len(doubt))
	if len(doubt) == 0 {
		t.Log("no upload was in flight at the kill: only the accepted files are checked")
	}
	if len(acceptedFiles) < 8 {
		t.Fatalf("only %d files accepted: the test proves nothing", len(acceptedFiles))
	}

	p2 := pl.start("import-2")
	tok = login(t, c, p2.URL, email, password)
	pl.waitQuiet(t, []string{"integrations", "training"}, 90*time.Second)

	// Retry what had no answer, and repeat a few accepted files.
	retry := append([]string(nil), doubt...)
	n := 0
	for name := range acceptedFiles {
		if n == 3 {
			break
		}
		retry = append(retry, name)
		n++
	}
	retried := map[string]item{}
	for _, name := range retry {
		u := sendUpload(c, p2.URL, tok, []genFile{byName[name]})
		if !u.answered {
			t.Fatalf("retry of %s after the restart failed", name)
		}
		retried[name] = u.items[name]
	}
	for name, it := range retried {
		_, wasAccepted := acceptedFiles[name]
		switch {
		case wasAccepted && it.Status != "duplicate":
			t.Errorf("accepted file %s uploaded again: status %q, want duplicate", name, it.Status)
		case !wasAccepted && it.Status == "processing":
			acceptedFiles[name] = it.ImportID // it had not committed: imported now
		case !wasAccepted && it.Status != "duplicate":
			t.Errorf("file %s in flight at the kill, uploaded again: status %q (%s), want processing or duplicate", name, it.Status, it.Reason)
		}
	}
	pl.waitQuiet(t, []string{"integrations", "training"}, 60*time.Second)

	activityOf := map[string]string{} // import id -> activity id
	for name, id := range acceptedFiles {
		var st struct {
			Status     string `json:"status"`
			ActivityID string `json:"activity_id"`
			Reason     string `json:"reason"`
		}
		c.call(t, http.MethodGet, p2.URL+devicesapi.BasePath+"/imports/"+id, bearer(tok), nil, &st)
		if st.Status != "imported" || st.ActivityID == "" {
			t.Errorf("accepted file %s (import %s): status %q (%s), want imported", name, id, st.Status, st.Reason)
			continue
		}
		activityOf[id] = st.ActivityID
	}

	acts := listActivities(t, c, p2.URL, tok)
	perFile := map[string]int{}
	ids := map[string]bool{}
	for _, a := range acts {
		ids[a.ID] = true
		name := ""
		for _, f := range files {
			if a.StartedAt.Equal(f.start) {
				name = f.name
			}
		}
		if name == "" {
			t.Errorf("activity %s started %s matches no uploaded file", a.ID, a.StartedAt)
			continue
		}
		perFile[name]++
	}
	for name, n := range perFile {
		if n > 1 {
			t.Errorf("file %s became %d activities", name, n)
		}
	}
	for name, id := range acceptedFiles {
		if perFile[name] != 1 {
			t.Errorf("accepted file %s (import %s) has %d activities, want 1", name, id, perFile[name])
		}
		if a := activityOf[id]; a != "" && !ids[a] {
			t.Errorf("import %s names activity %s, which is not in the list", id, a)
		}
	}
	for _, name := range doubt {
		if perFile[name] != 1 {
			t.Errorf("file %s (in flight at the kill, then retried) has %d activities, want 1", name, perFile[name])
		}
	}
	t.Logf("after the restart: %d activities, %d accepted files (retries included), %d retried", len(acts), len(acceptedFiles), len(retry))
}

// importWorker takes the next per files until stop is closed, the files
// run out, or an upload fails (the process died); it returns every upload.
func importWorker(c *client, base, tok string, files []genFile, per int, next, accepted *atomic.Int64, stop <-chan struct{}) []upload {
	var out []upload
	for {
		select {
		case <-stop:
			return out
		default:
		}
		first := int(next.Add(int64(per))) - per
		if first >= len(files) {
			return out
		}
		u := sendUpload(c, base, tok, files[first:min(first+per, len(files))])
		out = append(out, u)
		if !u.answered {
			return out
		}
		accepted.Add(int64(len(u.files)))
	}
}

// sendUpload posts the files: one alone as itself, several as one zip.
func sendUpload(c *client, base, tok string, fs []genFile) upload {
	u := upload{}
	parts := map[string][]byte{}
	var order []string
	if len(fs) == 1 {
		parts[fs[0].name] = fs[0].data
		order = []string{fs[0].name}
		u.files = []string{fs[0].name}
	} else {
		var zb bytes.Buffer
		zw := zip.NewWriter(&zb)
		for _, f := range fs {
			w, err := zw.Create("activities/" + f.name)
			if err == nil {
				_, err = w.Write(f.data)
			}
			if err != nil {
				return u
			}
			u.files = append(u.files, f.name)
		}
		if zw.Close() != nil {
			return u
		}
		name := fmt.Sprintf("export-%s.zip", strings.TrimSuffix(fs[0].name, ".fit"))
		parts[name] = zb.Bytes()
		order = []string{name}
	}
	body, ctype, err := multipartFiles(parts, order)
	if err != nil {
		return u
	}
	h := bearer(tok)
	h.Set("Content-Type", ctype)
	r, err := c.do(http.MethodPost, base+devicesapi.BasePath+"/imports", h, body)
	if err != nil || r.Status != http.StatusOK {
		return u
	}
	var ans struct {
		Items []item `json:"items"`
	}
	if !jsonInto(r.Body, &ans) {
		return u
	}
	u.answered = true
	u.items = map[string]item{}
	for _, it := range ans.Items {
		for _, name := range u.files {
			if it.File == name || strings.HasSuffix(it.File, "/"+name) {
				u.items[name] = it
			}
		}
	}
	return u
}

// activitySummary is the part of a listed activity the test reads.
type activitySummary struct {
	ID        string    `json:"id"`
	StartedAt time.Time `json:"started_at"`
}

// listActivities pages through the user's activities.
func listActivities(t *testing.T, c *client, base, tok string) []activitySummary {
	t.Helper()
	var out []activitySummary
	cursor := ""
	for range 100 {
		q := url.Values{"limit": {"50"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items      []activitySummary `json:"items"`
			NextCursor string            `json:"next_cursor"`
		}
		c.call(t, http.MethodGet, base+trackerapi.BasePath+"/activities?"+q.Encode(), bearer(tok), nil, &page)
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out
		}
		cursor = page.NextCursor
	}
	t.Fatal("list activities: more than 100 pages")
	return nil
}

// generateFiles encodes n distinct 30-minute runs as FIT files, each
// starting on its own day at a whole second.
func generateFiles(t *testing.T, n int) []genFile {
	t.Helper()
	base := time.Now().UTC().Add(-time.Duration(n+10) * 36 * time.Hour).Truncate(time.Hour)
	out := make([]genFile, n)
	for i := range out {
		start := base.Add(time.Duration(i)*36*time.Hour + time.Duration(i)*time.Minute)
		a := &activity.Activity{Sport: activity.Running, Name: fmt.Sprintf("Crash test run %d", i), Start: start, Totals: activity.NoTotals()}
		const secs = 1800
		a.Samples = make([]activity.Sample, secs)
		for s := range a.Samples {
			phase := float64(s)/600*2*math.Pi + float64(i)
			sm := activity.NewSample(start.Add(time.Duration(s) * time.Second))
			sm.Lat = 55.70 + 0.01*float64(i%7) + 0.005*math.Sin(phase)
			sm.Lon = 37.50 + 0.01*float64(i%5) + 0.008*math.Cos(phase)
			sm.Alt = 150 + 4*math.Sin(phase/2)
			sm.Speed = 2.8 + 0.3*math.Sin(phase*3)
			sm.Dist = 2.9 * float64(s)
			sm.HR = 125 + float64((s+i)%35)
			sm.Cadence = 170
			a.Samples[s] = sm
		}
		var buf bytes.Buffer
		if err := actfile.Encode(&buf, actfile.FIT, a); err != nil {
			t.Fatalf("encode file %d: %v", i, err)
		}
		out[i] = genFile{name: fmt.Sprintf("crash-run-%03d.fit", i), start: start, data: buf.Bytes()}
	}
	return out
}
