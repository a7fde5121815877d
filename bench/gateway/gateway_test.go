package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs both modes for a moment with a few clients: every request
// through the platform, the gateway process and the baselines succeeds and
// the report lines are printed. Speed is not asserted.
func TestSmoke(t *testing.T) {
	o := Options{Path: DefaultOptions().Path, Clients: 2, Duration: 150 * time.Millisecond,
		Rounds: 1, InProcess: true, Remote: true}
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for name, c := range map[string]*Comparison{"in-process": rep.InProcess, "remote": rep.Remote} {
		if c == nil {
			t.Fatalf("%s: not measured", name)
		}
		for side, r := range map[string]int{"baseline": c.Baseline.Errors, "subject": c.Subject.Errors} {
			if r != 0 {
				t.Errorf("%s %s: %d failed requests\n%s", name, side, r, out.String())
			}
		}
		if c.Baseline.Requests == 0 || c.Subject.Requests == 0 || len(c.Subject.Latencies) != c.Subject.Requests {
			t.Errorf("%s: baseline %d, subject %d requests (%d latencies)", name,
				c.Baseline.Requests, c.Subject.Requests, len(c.Subject.Latencies))
		}
	}
	if l := rep.InProcessLine(); !strings.HasPrefix(l, "gateway p99 overhead: ") || !strings.Contains(l, "of direct") {
		t.Errorf("in-process line = %q", l)
	}
	if l := rep.RemoteLine(); !strings.Contains(l, "of bare proxy") {
		t.Errorf("remote line = %q", l)
	}
	t.Log("\n" + out.String() + rep.RemoteLine() + "\n" + rep.InProcessLine())
}

// BenchmarkGatewayInProcess is P1 in-process under `go test -bench`: one
// full measurement (2 s per side), reported as custom metrics.
func BenchmarkGatewayInProcess(b *testing.B) {
	benchMode(b, func(o *Options) { o.Remote = false })
}

// BenchmarkGatewayRemote is P1 remote-upstream under `go test -bench`.
func BenchmarkGatewayRemote(b *testing.B) {
	benchMode(b, func(o *Options) { o.InProcess = false })
}

// benchMode runs the scenario once (b.N is ignored: one measurement takes
// seconds, so the framework stops at N=1) and reports the ratios.
func benchMode(b *testing.B, set func(*Options)) {
	o := DefaultOptions()
	o.Duration, o.Warmup = 2*time.Second, 500*time.Millisecond
	set(&o)
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		b.Fatalf("run: %v\n%s", err, out.String())
	}
	c, line := rep.InProcess, rep.InProcessLine()
	if c == nil {
		c, line = rep.Remote, rep.RemoteLine()
	}
	added, _ := c.AddedP99()
	b.ReportMetric(100*c.Throughput(), "throughput-%")
	b.ReportMetric(float64(added)/float64(time.Millisecond), "p99-added-ms")
	b.ReportMetric(c.Baseline.Rate(), "base-req/s")
	b.ReportMetric(c.Subject.Rate(), "req/s")
	b.Log("\n" + out.String() + line)
}
