package crashtest

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// batch is one ingest request a crash-test worker sent.
type batch struct {
	first, n int  // sample indexes first .. first+n-1
	acked    bool // a 200 answer with durable: true arrived
}

// Live ingest load: workers each send batches back to back, one sample a
// second of a run that started ingestStartAgo before the test (the ingest
// accepts samples up to seven days old), so that thousands of samples a
// second stay in the past for as long as the test sends them.
const (
	ingestWorkers  = 3
	ingestBatch    = 20
	ingestStartAgo = 24 * time.Hour
)

// TestCrashDuringLiveIngest (quality.md R1) kills the process with SIGKILL
// at a random moment while a paired watch streams samples into a live
// session over HTTP, restarts it on the same data dir, finishes the
// session, and checks the activity's streams: every acknowledged sample is
// there exactly once, no sample is there twice, nothing that was never
// sent is there, and a batch in flight at the kill is there whole or not
// at all.
func TestCrashDuringLiveIngest(t *testing.T) {
	t.Parallel()
	pl := newPlatform(t)
	email, password := pl.createUser()
	p := pl.start("ingest-1")
	c := newClient(t)
	tok := login(t, c, p.URL, email, password)
	device := pairDevice(t, c, p.URL, tok)
	var ses struct {
		ID string `json:"id"`
	}
	c.call(t, http.MethodPost, p.URL+trackerapi.BasePath+"/sessions", bearer(tok), map[string]any{"sport": "running"}, &ses)
	if ses.ID == "" {
		t.Fatal("start session: no id")
	}

	start := time.Now().Add(-ingestStartAgo).Truncate(time.Second)
	limit := int(ingestStartAgo/time.Second) - 60 // stay a minute in the past
	var next, acked atomic.Int64
	results := make([][]batch, ingestWorkers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range ingestWorkers {
		wg.Go(func() {
			results[w] = ingestWorker(c, p.URL, device, ses.ID, start, limit, &next, &acked, stop)
		})
	}
	// Kill at a random moment once the load runs.
	deadline := time.Now().Add(20 * time.Second)
	for acked.Load() < 20 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(time.Duration(rand.Int64N(int64(1500 * time.Millisecond))))
	p.crash()
	close(stop)
	wg.Wait()

	var ackedBatches, doubt []batch
	ackedSamples := 0
	for _, bs := range results {
		for _, b := range bs {
			if b.acked {
				ackedBatches = append(ackedBatches, b)
				ackedSamples += b.n
			} else {
				doubt = append(doubt, b)
			}
		}
	}
	t.Logf("%d samples in %d batches acknowledged before SIGKILL, %d batches in flight", ackedSamples, len(ackedBatches), len(doubt))
	if len(doubt) == 0 {
		t.Log("no batch was in flight at the kill: only the acknowledged ones are checked")
	}
	if len(ackedBatches) < 20 {
		t.Fatalf("only %d batches acknowledged: the test proves nothing", len(ackedBatches))
	}

	p2 := pl.start("ingest-2")
	pl.waitQuiet(t, []string{"integrations", "training"}, 90*time.Second)
	tok = login(t, c, p2.URL, email, password)
	var fin struct {
		ActivityID string `json:"activity_id"`
	}
	c.call(t, http.MethodPost, p2.URL+trackerapi.BasePath+"/sessions/"+ses.ID+"/finish", bearer(tok), nil, &fin)
	if fin.ActivityID == "" {
		t.Fatal("finish: no activity id")
	}
	pl.waitQuiet(t, []string{"integrations", "training"}, 60*time.Second)

	present := streamSeconds(t, c, p2.URL, tok, fin.ActivityID)
	sent := map[int64]bool{}
	for _, bs := range results {
		for _, b := range bs {
			for i := b.first; i < b.first+b.n; i++ {
				sent[start.Unix()+int64(i)] = true
			}
		}
	}
	for sec, n := range present {
		if n > 1 {
			t.Errorf("sample at %s is in the streams %d times", time.Unix(sec, 0).UTC().Format(time.RFC3339), n)
		}
		if !sent[sec] {
			t.Errorf("sample at %s is in the streams but was never sent", time.Unix(sec, 0).UTC().Format(time.RFC3339))
		}
	}
	lost := 0
	for _, b := range ackedBatches {
		for i := b.first; i < b.first+b.n; i++ {
			if present[start.Unix()+int64(i)] == 0 {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged samples are missing after the restart", lost, ackedSamples)
	}
	committed := 0
	for _, b := range doubt {
		have := 0
		for i := b.first; i < b.first+b.n; i++ {
			if present[start.Unix()+int64(i)] > 0 {
				have++
			}
		}
		switch have {
		case 0:
		case b.n:
			committed++
		default:
			t.Errorf("batch in flight at the kill (samples %d..%d) is in the streams in part: %d of %d samples", b.first, b.first+b.n-1, have, b.n)
		}
	}
	t.Logf("after the restart the activity has %d samples: all %d acknowledged, %d of %d batches in flight committed", len(present), ackedSamples, committed, len(doubt))
}

// ingestWorker sends batches until stop is closed, the samples run out,
// or a request fails (the process died); it returns every batch it sent.
func ingestWorker(c *client, base, device, session string, start time.Time, limit int, next, acked *atomic.Int64, stop <-chan struct{}) []batch {
	var out []batch
	h := http.Header{"X-Device-Token": {device}}
	for {
		select {
		case <-stop:
			return out
		default:
		}
		first := int(next.Add(ingestBatch)) - ingestBatch
		if first+ingestBatch > limit {
			return out
		}
		b := batch{first: first, n: ingestBatch}
		body := map[string]any{
			"batch_id":   "crash-" + strconv.Itoa(first),
			"session_id": session,
			"sport":      "running",
			"samples":    samples(start, first, ingestBatch),
		}
		r, err := c.do(http.MethodPost, base+devicesapi.BasePath+"/ingest", h, body)
		var ack struct {
			AcceptedSamples int  `json:"accepted_samples"`
			Durable         bool `json:"durable"`
		}
		b.acked = err == nil && r.Status == http.StatusOK && jsonInto(r.Body, &ack) && ack.Durable && ack.AcceptedSamples == ingestBatch
		out = append(out, b)
		if !b.acked {
			return out // the process is gone (or refused): nothing later is sent
		}
		acked.Add(1)
	}
}

// samples are n one-second samples of a steady run from index first.
func samples(start time.Time, first, n int) []devicesapi.SampleV1 {
	out := make([]devicesapi.SampleV1, n)
	for j := range out {
		i := first + j
		phase := float64(i) / 600 * 2 * math.Pi
		speed := 3.0 + 0.3*math.Sin(phase)
		lat := 55.75 + 0.01*math.Sin(phase)
		lon := 37.61 + 0.016*math.Cos(phase)
		alt := 150 + 5*math.Sin(phase/3)
		dist := 3.0 * float64(i)
		hr := float64(130 + i%30)
		cad := 172.0
		out[j] = devicesapi.SampleV1{T: start.Add(time.Duration(i) * time.Second).UnixMilli(),
			Lat: &lat, Lon: &lon, Alt: &alt, Dist: &dist, Speed: &speed, HR: &hr, Cadence: &cad}
	}
	return out
}

// streamSeconds reads the activity's streams and returns how often each
// Unix second has a sample.
func streamSeconds(t *testing.T, c *client, base, tok, id string) map[int64]int {
	t.Helper()
	var act struct {
		StartedAt time.Time `json:"started_at"`
	}
	c.call(t, http.MethodGet, base+trackerapi.BasePath+"/activities/"+id, bearer(tok), nil, &act)
	var st struct {
		T []float64 `json:"t"`
	}
	c.call(t, http.MethodGet, base+trackerapi.BasePath+"/activities/"+id+"/streams", bearer(tok), nil, &st)
	if act.StartedAt.IsZero() || len(st.T) == 0 {
		t.Fatalf("activity %s: started_at %s, %d stream points", id, act.StartedAt, len(st.T))
	}
	out := map[int64]int{}
	for _, off := range st.T {
		sec := act.StartedAt.Add(time.Duration(off * float64(time.Second))).Round(time.Second).Unix()
		out[sec]++
	}
	return out
}

func jsonInto(b []byte, v any) bool { return json.Unmarshal(b, v) == nil }
