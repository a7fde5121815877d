package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSmoke imports the file a few times through every path (the
// pipeline's entry points, the bus, HTTP uploads) and checks that each
// import became an activity and the report line is printed. Speed is not
// asserted.
func TestSmoke(t *testing.T) {
	o := Options{Duration: 200 * time.Millisecond, Rounds: 1, Uploads: 3, UploadClients: 2}
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if rep.Records == 0 || rep.Samples == 0 {
		t.Errorf("%d records, %d samples decoded", rep.Records, rep.Samples)
	}
	if len(rep.Bare) == 0 || len(rep.Subject) == 0 || len(rep.Subject) != len(rep.EndToEnd) {
		t.Errorf("%d bare decodes, %d pipeline runs, %d end to end", len(rep.Bare), len(rep.Subject), len(rep.EndToEnd))
	}
	if rep.HTTPFiles != 3 || rep.HTTPFailed != 0 {
		t.Errorf("HTTP: %d of 3 uploads became activities, %d failed", rep.HTTPFiles, rep.HTTPFailed)
	}
	if l := rep.Line(); !strings.HasPrefix(l, "fit import: ") || !strings.Contains(l, "bare decode") {
		t.Errorf("line = %q", l)
	}
	t.Log("\n" + out.String() + rep.Line())
}

// BenchmarkFITImport is P3 under `go test -bench`: one measurement,
// reported as custom metrics; b.N is ignored (the framework stops at N=1
// since one measurement takes seconds).
func BenchmarkFITImport(b *testing.B) {
	o := DefaultOptions()
	o.Duration, o.Uploads = 2*time.Second, 20
	var out bytes.Buffer
	rep, err := Run(context.Background(), o, &out)
	if err != nil {
		b.Fatalf("run: %v\n%s", err, out.String())
	}
	b.ReportMetric(rep.Ratio(), "x-bare-decode")
	b.ReportMetric(float64(rep.Subject.Percentile(50))/float64(time.Millisecond), "ms/file")
	b.ReportMetric(float64(rep.Baseline())/float64(time.Millisecond), "bare-ms/file")
	b.ReportMetric(float64(rep.EndToEnd.Percentile(50))/float64(time.Millisecond), "e2e-ms/file")
	if rep.HTTPElapsed > 0 {
		b.ReportMetric(float64(rep.HTTPFiles)/rep.HTTPElapsed.Seconds(), "http-files/s")
	}
	b.Log("\n" + out.String() + rep.Line())
}
