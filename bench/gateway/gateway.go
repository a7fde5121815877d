package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

// Options say how hard and how long to measure.
type Options struct {
	Path     string        // the authenticated GET, e.g. /api/v1/commerce/products/prd_0001
	Clients  int           // concurrent keep-alive connections
	Duration time.Duration // measured time per subject and round
	Warmup   time.Duration // unmeasured load before each measurement
	Rounds   int           // baseline/subject alternations, pooled
	// InProcess measures the bare handler against --target=all, Remote a
	// bare reverse proxy against a gateway process; at least one is set.
	InProcess, Remote bool
	Tracing           bool // install the tracer provider as `sporthub` does
	// Profile, when set, is called around the in-process subject's load and
	// returns the function that ends profiling.
	Profile func() (stop func())
}

// DefaultOptions are the full-length settings.
func DefaultOptions() Options {
	return Options{
		Path: "/api/v1/commerce/products/prd_0001", Clients: 32,
		Duration: 5 * time.Second, Warmup: time.Second, Rounds: 1, InProcess: true, Remote: true, Tracing: true,
	}
}

// Comparison is a subject measured against its baseline in the same run.
type Comparison struct {
	Baseline, Subject benchkit.Result
}

// Throughput is the subject's share of the baseline's throughput.
func (c Comparison) Throughput() float64 {
	if c.Baseline.Rate() == 0 {
		return 0
	}
	return c.Subject.Rate() / c.Baseline.Rate()
}

// AddedP99 is how much later the subject's p99 answer came, absolute and
// relative to the baseline's p99.
func (c Comparison) AddedP99() (time.Duration, float64) {
	b, s := c.Baseline.Latencies.Percentile(99), c.Subject.Latencies.Percentile(99)
	if b == 0 {
		return s - b, 0
	}
	return s - b, float64(s-b) / float64(b)
}

// Report is everything the benchmark measured.
type Report struct {
	InProcess *Comparison // bare catalog handler vs. the platform (--target=all), when measured
	Remote    *Comparison // bare reverse proxy vs. the gateway process, when measured
}

// InProcessLine is the P1 in-process verdict line ("" when not measured).
func (r Report) InProcessLine() string {
	if r.InProcess == nil {
		return ""
	}
	added, rel := r.InProcess.AddedP99()
	tp := r.InProcess.Throughput()
	met := tp >= 0.70 && added <= max(time.Millisecond, r.InProcess.Baseline.Latencies.Percentile(99)/5)
	return fmt.Sprintf("gateway p99 overhead: %s (%s over direct), throughput %s of direct - P1 in-process (>= 70%%, p99 +<= max(1 ms, 20%%)) %s",
		benchkit.Ms(added), benchkit.SignedPct(rel), benchkit.Pct(tp), verdict(met))
}

// RemoteLine is the P1 remote-upstream verdict line ("" when not measured).
func (r Report) RemoteLine() string {
	if r.Remote == nil {
		return ""
	}
	added, rel := r.Remote.AddedP99()
	tp := r.Remote.Throughput()
	return fmt.Sprintf("gateway remote p99 overhead: %s (%s over bare proxy), throughput %s of bare proxy - P1 remote (>= 90%%) %s",
		benchkit.Ms(added), benchkit.SignedPct(rel), benchkit.Pct(tp), verdict(tp >= 0.90))
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "NOT met"
}

// Run measures P1, writing progress to w, and returns the report. The
// remote mode (if asked) runs first so that the in-process line is last.
func Run(ctx context.Context, o Options, w io.Writer) (Report, error) {
	if o.Clients < 1 || o.Duration <= 0 || o.Rounds < 1 || !(o.InProcess || o.Remote) {
		return Report{}, errors.New("gateway bench: want clients >= 1, duration > 0, rounds >= 1 and a mode")
	}
	if o.Tracing {
		shutdown, err := observability.SetupTracing(ctx, observability.TraceConfig{ServiceName: "sporthub", SampleRatio: 1})
		if err != nil {
			return Report{}, err
		}
		defer func() { _ = shutdown(context.Background()) }()
	}
	iss, err := benchkit.NewIssuer()
	if err != nil {
		return Report{}, err
	}
	defer iss.Close()
	header, err := tokenHeaders(iss, o.Clients)
	if err != nil {
		return Report{}, err
	}
	dir, err := os.MkdirTemp("", "sporthub-bench-gateway-")
	if err != nil {
		return Report{}, fmt.Errorf("gateway bench: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()

	var rep Report
	if o.Remote {
		c, err := runRemote(ctx, o, w, filepath.Join(dir, "remote"), iss, header)
		if err != nil {
			return Report{}, err
		}
		rep.Remote = &c
	}
	if o.InProcess {
		c, err := runInProcess(ctx, o, w, filepath.Join(dir, "inproc"), iss, header)
		if err != nil {
			return Report{}, err
		}
		rep.InProcess = &c
	}
	return rep, nil
}

// tokenHeaders mints one user's access token per client, as many users
// would send them, and returns each client's headers.
func tokenHeaders(iss *benchkit.Issuer, n int) (func(int) http.Header, error) {
	hs := make([]http.Header, n)
	for i := range hs {
		tok, err := iss.Token(fmt.Sprintf("usr_bench%04d", i), time.Hour)
		if err != nil {
			return nil, err
		}
		hs[i] = http.Header{"Authorization": {"Bearer " + tok}}
	}
	return func(i int) http.Header { return hs[i] }, nil
}
