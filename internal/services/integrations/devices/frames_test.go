package devices_test

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"math"
	"testing"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// cscFrame is a GATT CSC Measurement (0x2A5B) with wheel data: flags 0x01,
// cumulative wheel revolutions (uint32), last wheel event time (1/1024 s).
func cscFrame(revs uint32, eventTime uint16) string {
	b := make([]byte, 7)
	b[0] = 0x01
	binary.LittleEndian.PutUint32(b[1:], revs)
	binary.LittleEndian.PutUint16(b[5:], eventTime)
	return base64.StdEncoding.EncodeToString(b)
}

// TestFramesKeepSensorStateAcrossBatches: a speed sensor's counters carry
// from one durable batch to the next, with the device's wheel size; a batch
// that was not made durable leaves the state as it was, so its retry
// decodes to the same speed.
func TestFramesKeepSensorStateAcrossBatches(t *testing.T) {
	t.Parallel()
	f := start(t)
	dev := f.pairDevice(t, alice, devicesapi.KindSpeedSensor, "Speed")
	if r := f.do(t, "PATCH", base+"/me/"+dev.DeviceID, cred{user: alice}, map[string]any{"settings": map[string]any{"wheel_circumference_m": 2.0}}); r.Status != 200 {
		t.Fatalf("settings: %d %s", r.Status, r.Body)
	}
	t0 := nowMS() - 60_000
	frame := func(id string, t int64, data string) map[string]any {
		return map[string]any{"batch_id": id, "frames": []map[string]any{{"t": t, "sensor": "gatt.csc", "sensor_id": "wheel", "data": data}}}
	}
	ingest := func(body map[string]any) devicesapi.IngestResult {
		t.Helper()
		r := f.do(t, "POST", base+"/ingest", cred{device: dev.Token}, body)
		var res devicesapi.IngestResult
		r.json(t, &res)
		if r.Status != 200 {
			t.Fatalf("ingest: %d %s", r.Status, r.Body)
		}
		return res
	}
	// The first frame alone says nothing about speed: no sample.
	if res := ingest(frame("csc-1", t0, cscFrame(1000, 0))); res.AcceptedSamples != 0 || res.AcceptedFrames != 1 {
		t.Fatalf("first frame: %+v", res)
	}
	// The next batch continues from it: 3 revolutions of 2 m in 1 s.
	ingest(frame("csc-2", t0+1000, cscFrame(1003, 1024)))
	b := f.batch(t, "csc-2")
	if len(b.Samples) != 1 || b.Samples[0].Speed == nil || math.Abs(*b.Samples[0].Speed-6.0) > 1e-9 {
		t.Fatalf("second batch: %+v", b.Samples)
	}

	// A batch whose write fails...
	ctx := context.Background()
	stream := f.Bus.StreamName("integrations")
	cfg, err := f.Bus.JetStream().Stream(ctx, stream)
	if err != nil {
		t.Fatal(err)
	}
	streamCfg := cfg.CachedInfo().Config
	if err := f.Bus.JetStream().DeleteStream(ctx, stream); err != nil {
		t.Fatal(err)
	}
	r := f.do(t, "POST", base+"/ingest", cred{device: dev.Token}, frame("csc-3", t0+2000, cscFrame(1007, 2048)))
	if r.Status != 503 {
		t.Fatalf("ingest without a stream: %d %s", r.Status, r.Body)
	}
	if _, err := f.Bus.JetStream().CreateStream(ctx, streamCfg); err != nil {
		t.Fatal(err)
	}
	// ...decodes the same when sent again: 4 revolutions in 1 s.
	ingest(frame("csc-3", t0+2000, cscFrame(1007, 2048)))
	b = f.batch(t, "csc-3")
	if len(b.Samples) != 1 || b.Samples[0].Speed == nil || math.Abs(*b.Samples[0].Speed-8.0) > 1e-9 {
		t.Fatalf("retried batch: %+v", b.Samples)
	}
}
