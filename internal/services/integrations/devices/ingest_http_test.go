package devices_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

func nowMS() int64 { return time.Now().UnixMilli() }

func sample(t int64, hr float64) map[string]any {
	return map[string]any{"t": t, "lat": 55.75, "lon": 37.61, "hr": hr, "speed": 3.1}
}

// TestIngestOverHTTP: a device's and a user's batches are acknowledged
// with what was taken and are in the stream when the answer comes, with
// the caller's identity; frames travel raw beside the samples they give.
func TestIngestOverHTTP(t *testing.T) {
	t.Parallel()
	f := start(t)
	dev := f.pairDevice(t, alice, devicesapi.KindWatch, "Watch")
	t0 := nowMS() - 10_000

	r := f.do(t, "POST", base+"/ingest", cred{device: dev.Token}, map[string]any{
		"batch_id": "watch-1", "session_id": "sess-1", "sport": "running",
		"samples": []map[string]any{sample(t0, 140), sample(t0+1000, 141), {"t": t0 + 2000, "rr": []float64{0.41, 0.42}}},
	})
	var res devicesapi.IngestResult
	r.json(t, &res)
	if r.Status != 200 || res != (devicesapi.IngestResult{BatchID: "watch-1", AcceptedSamples: 3, Durable: true}) {
		t.Fatalf("device ingest: %d %s", r.Status, r.Body)
	}
	b := f.batch(t, "watch-1") // already stored: the answer came after the ack
	if b.UserID != alice || b.DeviceID != dev.DeviceID || b.SessionID != "sess-1" || b.Sport != "running" ||
		len(b.Samples) != 3 || *b.Samples[1].HR != 141 || len(b.Samples[2].RR) != 2 || b.ReceivedAt.IsZero() {
		t.Fatalf("stored batch %+v", b)
	}

	// The phone app sends with the user's own token; the server names the batch.
	r = f.do(t, "POST", base+"/ingest", cred{user: bob}, map[string]any{"samples": []map[string]any{sample(t0, 99)}})
	r.json(t, &res)
	if r.Status != 200 || res.BatchID == "" || !res.Durable {
		t.Fatalf("user ingest: %d %s", r.Status, r.Body)
	}
	if b := f.batch(t, res.BatchID); b.UserID != bob || b.DeviceID != "" {
		t.Fatalf("user batch %+v", b)
	}

	// A heart-rate strap frame (GATT 0x2A37: flags 0x10 = RR present, 72
	// bpm, one RR of 1024/1024 s) becomes a sample, and stays raw.
	r = f.do(t, "POST", base+"/ingest", cred{device: dev.Token}, map[string]any{
		"batch_id": "frames-1",
		"samples":  []map[string]any{{"t": t0 + 5000, "speed": 3.0}},
		"frames":   []map[string]any{{"t": t0 + 5000, "sensor": "gatt.heart_rate", "sensor_id": "strap-1", "data": "EEgABA=="}},
	})
	r.json(t, &res)
	if r.Status != 200 || res.AcceptedFrames != 1 || res.AcceptedSamples != 1 {
		t.Fatalf("frame ingest: %d %s", r.Status, r.Body)
	}
	b = f.batch(t, "frames-1")
	if len(b.Frames) != 1 || b.Frames[0].Sensor != "gatt.heart_rate" || string(b.Frames[0].Data) != "\x10\x48\x00\x04" ||
		len(b.Samples) != 1 || b.Samples[0].HR == nil || *b.Samples[0].HR != 72 || *b.Samples[0].Speed != 3.0 ||
		len(b.Samples[0].RR) != 1 || b.Samples[0].RR[0] != 1 {
		t.Fatalf("frame batch %+v", b)
	}
	if n := metricValue(t, f, "sporthub_devices_ingest_samples_total", "path", "http"); n != 5 {
		t.Fatalf("samples counter %v, want 5", n)
	}
	if n := metricValue(t, f, "sporthub_devices_ingest_frames_total", "path", "http"); n != 1 {
		t.Fatalf("frames counter %v, want 1", n)
	}
}

// TestIngestRefusesBadInput: every kind of bad batch is a 422 (or 400 for
// malformed JSON, 401 for credentials) naming the fields, and nothing
// reaches the stream.
func TestIngestRefusesBadInput(t *testing.T) {
	t.Parallel()
	f := start(t)
	dev := f.pairDevice(t, alice, devicesapi.KindWatch, "Watch")
	now := nowMS()
	many := make([]map[string]any, devicesapi.MaxBatchSamples+1)
	for i := range many {
		many[i] = map[string]any{"t": now - int64(i)}
	}
	cases := []struct {
		name   string
		c      cred
		body   any
		status int
		code   string
		fields []string
	}{
		{"no credentials", cred{}, map[string]any{"samples": []any{sample(now, 120)}}, 401, "unauthenticated", nil},
		{"unknown device token", cred{device: "shd_nope"}, map[string]any{"samples": []any{sample(now, 120)}}, 401, "invalid_device_token", nil},
		{"both tokens", cred{user: alice, device: dev.Token}, map[string]any{"samples": []any{sample(now, 120)}}, 400, "ambiguous_credentials", nil},
		{"empty", cred{device: dev.Token}, map[string]any{}, 422, "validation_failed", []string{"samples"}},
		{"malformed", cred{device: dev.Token}, `{"samples": [`, 400, "malformed_json", nil},
		{"unknown field", cred{device: dev.Token}, map[string]any{"samples": []any{sample(now, 120)}, "user_id": bob}, 400, "validation_failed", []string{"user_id"}},
		{"too many samples", cred{device: dev.Token}, map[string]any{"samples": many}, 422, "validation_failed", []string{"samples"}},
		{"bad values", cred{device: dev.Token}, map[string]any{"batch_id": "has space", "sport": "quidditch", "samples": []map[string]any{
			{"t": now - 8*24*3600*1000, "hr": 0},
			{"t": now + 10*60*1000, "lat": 91.0},
			{"t": now, "speed": -1, "power": 5000, "rr": []float64{7}},
			{"t": now, "cad": 20},
		}}, 422, "validation_failed", []string{"batch_id", "sport", "samples[0].t", "samples[0].hr", "samples[1].t", "samples[1].lat",
			"samples[2].speed", "samples[2].power", "samples[2].rr[0]", "samples[3].t"}},
		{"bad frames", cred{device: dev.Token}, map[string]any{"frames": []map[string]any{
			{"t": now, "sensor": "gatt.toaster", "data": "AAE="},
			{"t": now, "sensor": "gatt.heart_rate", "data": "not base64!"},
			{"t": now, "sensor": "gatt.heart_rate", "sensor_id": "a/b", "data": ""},
		}}, 422, "validation_failed", []string{"frames[0].sensor", "frames[1].data", "frames[2].sensor_id", "frames[2].data"}},
		{"undecodable frame", cred{device: dev.Token}, map[string]any{"frames": []map[string]any{
			{"t": now, "sensor": "gatt.heart_rate", "data": "AQ=="}, // flags say uint16 HR, no bytes follow
		}}, 422, "validation_failed", []string{"frames[0].data"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, "POST", base+"/ingest", tc.c, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			p := r.problem(t)
			if p.Code != tc.code {
				t.Fatalf("code %s, want %s: %+v", p.Code, tc.code, p)
			}
			for _, field := range tc.fields {
				if !hasField(p, field) {
					t.Errorf("no error for %s in %+v", field, p.Errors)
				}
			}
		})
	}
	if bs := f.batches(t); len(bs) != 0 {
		t.Fatalf("refused batches reached the stream: %+v", bs)
	}
	// Five cases reach the use case; the others are refused before it.
	if n := metricValue(t, f, "sporthub_devices_ingest_batches_total", "outcome", "refused"); n != 5 {
		t.Fatalf("refused batches counted %v", n)
	}
}

// TestIngestGroupCommit: a burst of concurrent ingests is made durable by
// a few JetStream publishes, not one per request, and every batch is
// stored exactly once.
func TestIngestGroupCommit(t *testing.T) {
	t.Parallel()
	// A longer wait than the default 5ms: requests of a test under the race
	// detector on a loaded machine arrive slowly, and the point here is
	// the sharing, not the latency.
	f := start(t, func(c *devices.Config) { c.Ingest.GroupWait = 50 * time.Millisecond })
	devs := make([]devicesapi.PairResult, 4)
	for i := range devs {
		devs[i] = f.pairDevice(t, alice, devicesapi.KindPhone, fmt.Sprint("phone ", i))
	}
	const requests = 80
	var wg sync.WaitGroup
	errs := make(chan error, requests)
	for i := range requests {
		wg.Go(func() {
			samples := make([]map[string]any, 10)
			for k := range samples {
				samples[k] = sample(nowMS()-int64(1000*(k+1)), 130)
			}
			r := f.do(t, "POST", base+"/ingest", cred{device: devs[i%len(devs)].Token}, map[string]any{"batch_id": fmt.Sprint("burst-", i), "samples": samples})
			if r.Status != 200 {
				errs <- fmt.Errorf("request %d: %d %s", i, r.Status, r.Body)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := f.Svc.GroupStats()
	t.Logf("%d concurrent ingests made durable by %d publishes", requests, st.Publishes)
	if st.Items != requests || st.Size != 10*requests || st.Publishes > requests/5 {
		t.Fatalf("group stats %+v for %d requests", st, requests)
	}
	seen := map[string]int{}
	for _, b := range f.batches(t) {
		seen[b.BatchID]++
	}
	if len(seen) != requests {
		t.Fatalf("%d batches stored, want %d", len(seen), requests)
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("batch %s stored %d times", id, n)
		}
	}
	if n := metricValue(t, f, "sporthub_bus_group_size", "group", "devices-ingest"); n != float64(st.Publishes) {
		t.Fatalf("group size histogram has %v observations, want %d", n, st.Publishes)
	}
	if n := metricValue(t, f, "sporthub_bus_group_ack_seconds", "group", "devices-ingest"); n != requests {
		t.Fatalf("ack latency histogram has %v observations, want %d", n, requests)
	}
}

// metricValue returns a counter's value or a histogram's count for the
// series whose label has the value, summed over other labels.
func metricValue(t *testing.T, f *fixture, name, label, value string) float64 {
	t.Helper()
	mfs, err := f.Reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					sum += m.GetCounter().GetValue() + float64(m.GetHistogram().GetSampleCount())
				}
			}
		}
	}
	return sum
}
