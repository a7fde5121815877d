package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs both sides for a moment over HTTP and the WebSocket:
// the bare publishes are acknowledged, every batch the devices send is
// acknowledged durable, and the report line is printed. Speed is not
// asserted.
func TestSmoke(t *testing.T) {
	for _, path := range []string{"http", "ws"} {
		t.Run(path, func(t *testing.T) {
			o := Options{Devices: 4, Batch: 5, Path: path, Auth: "device", Window: 64,
				Duration: 300 * time.Millisecond, Rounds: 1}
			if path == "ws" {
				o.Auth = "user"
			}
			var out bytes.Buffer
			rep, err := Run(context.Background(), o, &out)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			if rep.Baseline.Events == 0 || rep.Batches == 0 {
				t.Errorf("bare publishes %d, batches acknowledged %d", rep.Baseline.Events, rep.Batches)
			}
			if rep.Errors > 0 {
				t.Errorf("%d batches failed: %v", rep.Errors, rep.FirstErr)
			}
			if rep.Samples.Events != rep.Batches*o.Batch || len(rep.Latency) != rep.Batches {
				t.Errorf("%d samples and %d latencies acknowledged in %d batches of %d", rep.Samples.Events, len(rep.Latency), rep.Batches, o.Batch)
			}
			if l := rep.Line(); !strings.HasPrefix(l, "live ingest ("+path+"): ") || !strings.Contains(l, "of bare JetStream") {
				t.Errorf("line = %q", l)
			}
			t.Log("\n" + out.String() + rep.Line())
		})
	}
}

// BenchmarkLiveIngest is P2 under `go test -bench`: one measurement (2 s
// per phase), reported as custom metrics; b.N is ignored (the framework
// stops at N=1 since one measurement takes seconds).
func BenchmarkLiveIngest(b *testing.B) {
	o := DefaultOptions()
	o.Duration, o.Warmup = 2*time.Second, 500*time.Millisecond
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		b.Fatalf("run: %v\n%s", err, out.String())
	}
	b.ReportMetric(100*rep.Ratio(), "throughput-%")
	b.ReportMetric(rep.Samples.PerSec(), "samples/s")
	b.ReportMetric(rep.Baseline.PerSec(), "bare-msg/s")
	b.ReportMetric(float64(rep.Latency.Percentile(99))/float64(time.Millisecond), "p99-ms")
	b.Log("\n" + out.String() + rep.Line())
}
