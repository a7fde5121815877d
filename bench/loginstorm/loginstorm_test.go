package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs the scenario for a moment: the other APIs answer without
// errors on both sides, the storm signs in, and the report line is
// printed. Speed is not asserted.
func TestSmoke(t *testing.T) {
	o := Options{Duration: 300 * time.Millisecond, Warmup: 100 * time.Millisecond, Clients: 2, Stormers: 4,
		Users: 2, Rounds: 1, Load: 0.2}
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if rep.Baseline.Requests == 0 || rep.Storm.Requests == 0 {
		t.Errorf("other APIs: baseline %d, storm %d requests", rep.Baseline.Requests, rep.Storm.Requests)
	}
	if rep.Logins == 0 || rep.Failed != 0 {
		t.Errorf("storm: %d logins, %d failed", rep.Logins, rep.Failed)
	}
	if l := rep.Line(); !strings.HasPrefix(l, "login storm: other APIs p99 ") {
		t.Errorf("line = %q", l)
	}
	t.Log("\n" + out.String() + rep.Line())
}

// BenchmarkLoginStorm is P9 under `go test -bench`: one measurement
// (2 s per side), reported as custom metrics.
func BenchmarkLoginStorm(b *testing.B) {
	for range b.N {
		o := DefaultOptions()
		o.Duration, o.Rounds = 2*time.Second, 1
		rep, err := Run(context.Background(), o, &bytes.Buffer{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(rep.Ratio(), "p99-ratio")
		b.ReportMetric(float64(rep.Logins)/rep.StormTime.Seconds(), "logins/s")
	}
}
