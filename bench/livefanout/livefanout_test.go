package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary serve as the viewer process too.
func TestMain(m *testing.M) {
	if IsViewerProcess() {
		RunViewerProcess()
	}
	os.Exit(m.Run())
}

// TestSmoke runs both sides for a moment with a few viewers: every update
// reaches every viewer, none is dropped, and the report line is printed.
// Speed is not asserted.
func TestSmoke(t *testing.T) {
	o := Options{Viewers: 50, Window: 2, Duration: 400 * time.Millisecond, Rounds: 1, DialConc: 8}
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for name, s := range map[string]Side{"baseline": rep.Baseline, "subject": rep.Subject} {
		if s.Updates == 0 || s.Incomplete > 0 || s.Closed > 0 {
			t.Errorf("%s: %d updates sent, %d incomplete, %d viewers dropped", name, s.Updates, s.Incomplete, s.Closed)
		}
		if s.Delivered < int64(s.Updates) {
			t.Errorf("%s: %d deliveries for %d updates to %d viewers", name, s.Delivered, s.Updates, o.Viewers)
		}
	}
	if l := rep.Line(); !strings.HasPrefix(l, "live fan-out to 50 viewers: ") || !strings.Contains(l, "of bare broadcaster") {
		t.Errorf("line = %q", l)
	}
	t.Log("\n" + out.String() + rep.Line())
}

// TestUpdateTime checks the viewers' scan of a live update.
func TestUpdateTime(t *testing.T) {
	for msg, want := range map[string]int64{
		`{"type":"points","points":[{"t":1700000000000,"lat":1},{"t":1700000000999}]}`: 1700000000999,
		`{"type":"state","last":{"t":1700000000000}}`:                                  0,
	} {
		got, ok := updateTime([]byte(msg))
		if got != want || ok != (want != 0) {
			t.Errorf("updateTime(%s) = %d, %v; want %d", msg, got, ok, want)
		}
	}
}

// BenchmarkLiveFanout is P4 under `go test -bench`: one measurement with
// the full 10k viewers (2 s per side), reported as custom metrics; b.N is
// ignored (the framework stops at N=1 since one measurement takes seconds).
func BenchmarkLiveFanout(b *testing.B) {
	o := DefaultOptions()
	o.Duration, o.Warmup = 2*time.Second, 500*time.Millisecond
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		b.Fatalf("run: %v\n%s", err, out.String())
	}
	b.ReportMetric(100*rep.Ratio(), "throughput-%")
	b.ReportMetric(rep.Subject.PerSec(), "msg/s")
	b.ReportMetric(rep.Baseline.PerSec(), "bare-msg/s")
	b.ReportMetric(rep.Subject.P99, "p99-ms")
	b.ReportMetric(rep.Subject.RSSPerConn/1024, "KB/conn")
	b.Log("\n" + out.String() + rep.Line())
}
