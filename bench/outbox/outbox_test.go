package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs every phase for a moment: the direct publishes are
// acknowledged, every committed outbox event is published and received,
// and the report line is printed. Speed is not asserted.
func TestSmoke(t *testing.T) {
	o := Options{Publishers: 2, Window: 16, Writers: 2, Duration: 150 * time.Millisecond,
		Drain: 20 * time.Second, Rounds: 1, CommitOnly: true}
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if rep.Sync.Events == 0 || rep.Async.Events == 0 || rep.CommitOnly.Events == 0 {
		t.Errorf("direct sync %d, async %d, commit-only %d events", rep.Sync.Events, rep.Async.Events, rep.CommitOnly.Events)
	}
	// runOutbox fails unless every committed event arrived, so each has a latency.
	if rep.Outbox.Events == 0 || len(rep.Latency) != rep.Outbox.Events {
		t.Errorf("outbox: %d events committed, %d latencies", rep.Outbox.Events, len(rep.Latency))
	}
	// A commit is stamped when its InTx returns, which with group commit can
	// be a scheduling delay after the commit itself, so the relay may publish
	// an event a few microseconds before it is stamped; more than that would
	// mean an event left before its transaction committed.
	for _, d := range rep.Latency {
		if d < -5*time.Millisecond {
			t.Fatalf("negative commit-to-publish latency %s: received before committed?", d)
		}
	}
	if l := rep.Line(); !strings.HasPrefix(l, "outbox relay: ") || !strings.Contains(l, "of direct publish") {
		t.Errorf("line = %q", l)
	}
	t.Log("\n" + out.String() + rep.Line())
}

// BenchmarkOutbox is P6 under `go test -bench`: one full measurement (2 s
// per phase), reported as custom metrics; b.N is ignored (the framework
// stops at N=1 since one measurement takes seconds).
func BenchmarkOutbox(b *testing.B) {
	o := DefaultOptions()
	o.Duration, o.Warmup, o.CommitOnly = 2*time.Second, 500*time.Millisecond, false
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		b.Fatalf("run: %v\n%s", err, out.String())
	}
	b.ReportMetric(100*rep.Outbox.PerSec()/rep.Direct(), "throughput-%")
	b.ReportMetric(rep.Outbox.PerSec(), "ev/s")
	b.ReportMetric(rep.Direct(), "direct-msg/s")
	b.ReportMetric(float64(rep.Latency.Percentile(99))/float64(time.Millisecond), "p99-ms")
	b.Log("\n" + out.String() + rep.Line())
}
