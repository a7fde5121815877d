package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
)

// Options say how hard and how long to measure.
type Options struct {
	Devices  int           // simulated devices posting concurrently, one user each
	Batch    int           // samples per batch (one request or WebSocket message)
	Path     string        // "http" (POST .../ingest) or "ws" (.../ingest/ws)
	Auth     string        // "device" (X-Device-Token from a pairing) or "user" (Bearer)
	Window   int           // asynchronous publishes in flight for the baseline
	Duration time.Duration // measured time of each phase and round
	Warmup   time.Duration // unmeasured ingest before the first round
	Rounds   int           // baseline/subject alternations, pooled
}

// DefaultOptions are the full-length settings.
func DefaultOptions() Options {
	return Options{Devices: 128, Batch: 30, Path: "http", Auth: "device", Window: 4096,
		Duration: 5 * time.Second, Warmup: time.Second, Rounds: 1}
}

// Rate is things counted over a time.
type Rate struct {
	Events  int
	Elapsed time.Duration
}

// PerSec is the events per second.
func (r Rate) PerSec() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Events) / r.Elapsed.Seconds()
}

func (r *Rate) add(o Rate) { r.Events += o.Events; r.Elapsed += o.Elapsed }

// Report is what the benchmark measured, pooled over the rounds.
type Report struct {
	Path     string
	Baseline Rate            // 200-byte messages acknowledged by the bare JetStream
	Samples  Rate            // samples acknowledged durable by the platform
	Batches  int             // acknowledged batches (requests or messages)
	Errors   int             // failed batches
	FirstErr error           // the first failure, if any
	Latency  benchkit.Sample // receipt-to-acknowledged of every acknowledged batch
	// TrackerLag is what the tracker's consumers still had to process when
	// the last round ended, and TrackerDrain how long they took to catch up
	// (information: the acknowledgement does not wait for them).
	TrackerLag   uint64
	TrackerDrain time.Duration
}

// Ratio is the durable samples/s over the bare publish rate.
func (r Report) Ratio() float64 {
	if b := r.Baseline.PerSec(); b > 0 {
		return r.Samples.PerSec() / b
	}
	return 0
}

// Line is the P2 verdict line.
func (r Report) Line() string {
	p99 := r.Latency.Percentile(99)
	v := "met"
	if r.Ratio() < 0.25 || p99 > time.Second || r.Errors > 0 {
		v = "NOT met"
	}
	errs := ""
	if r.Errors > 0 {
		errs = fmt.Sprintf(", %d failed batches", r.Errors)
	}
	return fmt.Sprintf("live ingest (%s): %s samples/s durable = %s of bare JetStream async publish (%s msg/s), p99 receipt-to-ack %s%s - P2 (>= 25%%, p99 <= 1 s) %s",
		r.Path, kilo(r.Samples.PerSec()), benchkit.Pct(r.Ratio()), kilo(r.Baseline.PerSec()), benchkit.Ms(p99), errs, v)
}

// kilo formats a rate as 81k or 950.
func kilo(v float64) string {
	if v >= 10_000 {
		return fmt.Sprintf("%.0fk", v/1000)
	}
	if v >= 1000 {
		return fmt.Sprintf("%.1fk", v/1000)
	}
	return fmt.Sprintf("%.0f", v)
}

// Run measures P2, writing progress to w.
func Run(ctx context.Context, o Options, w io.Writer) (Report, error) {
	if o.Devices < 1 || o.Batch < 1 || o.Window < 1 || o.Duration <= 0 || o.Rounds < 1 {
		return Report{}, errors.New("live ingest bench: want devices, batch, window, rounds >= 1 and a positive duration")
	}
	if o.Path != "http" && o.Path != "ws" {
		return Report{}, fmt.Errorf("live ingest bench: path %q: want http or ws", o.Path)
	}
	if o.Auth != "device" && o.Auth != "user" {
		return Report{}, fmt.Errorf("live ingest bench: auth %q: want device or user", o.Auth)
	}
	dir, err := os.MkdirTemp("", "sporthub-bench-liveingest-")
	if err != nil {
		return Report{}, fmt.Errorf("live ingest bench: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()

	bare, err := startBareJetStream(ctx, filepath.Join(dir, "bare"))
	if err != nil {
		return Report{}, err
	}
	defer bare.close()

	iss, err := benchkit.NewIssuer()
	if err != nil {
		return Report{}, err
	}
	defer iss.Close()
	srv, a, err := benchkit.StartPlatform(platformConfig(filepath.Join(dir, "platform"), iss))
	if err != nil {
		return Report{}, err
	}
	defer func() { _ = srv.Stop() }()

	devs, err := setupDevices(ctx, srv.URL, iss, o)
	if err != nil {
		return Report{}, err
	}
	fmt.Fprintf(w, "platform (--target=all, embedded defaults, fsync always); %d devices (%s auth) x %d samples per batch over %s; %s per phase x %d round(s)\n",
		o.Devices, o.Auth, o.Batch, o.Path, o.Duration, o.Rounds)
	rep := Report{Path: o.Path}
	hc := newIngestClient(o.Devices)
	defer hc.CloseIdleConnections()
	if o.Warmup > 0 {
		if _, err := bare.publish(ctx, o.Window, o.Warmup); err != nil {
			return Report{}, err
		}
		warm, err := ingest(ctx, hc, srv.URL, devs, o, o.Warmup)
		if err != nil {
			return Report{}, err
		}
		if warm.Errors > 0 {
			return Report{}, fmt.Errorf("live ingest warm-up: %d of %d batches failed: %v", warm.Errors, warm.Errors+warm.Batches, warm.FirstErr)
		}
	}
	for round := range o.Rounds {
		if round > 0 || o.Warmup > 0 {
			// Let the tracker catch up so each phase starts from a quiet process.
			if _, _, err := drainTracker(ctx, a, 60*time.Second); err != nil {
				return Report{}, err
			}
		}
		b, err := bare.publish(ctx, o.Window, o.Duration)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  bare JetStream async publish, window %d, default sync: %.0f msg/s\n", o.Window, b.PerSec())
		rep.Baseline.add(b)
		s, err := ingest(ctx, hc, srv.URL, devs, o, o.Duration)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  platform ingest: %.0f samples/s in %.0f batches/s, p50 %s, p99 %s, max %s, %d failed\n",
			s.Samples.PerSec(), float64(s.Batches)/s.Samples.Elapsed.Seconds(),
			benchkit.Ms(s.Latency.Percentile(50)), benchkit.Ms(s.Latency.Percentile(99)), benchkit.Ms(s.Latency.Percentile(100)), s.Errors)
		rep.Samples.add(s.Samples)
		rep.Batches += s.Batches
		rep.Errors += s.Errors
		if rep.FirstErr == nil {
			rep.FirstErr = s.FirstErr
		}
		rep.Latency = append(rep.Latency, s.Latency...)
	}
	if rep.FirstErr != nil {
		fmt.Fprintf(w, "  first failure: %v\n", rep.FirstErr)
	}
	lag, drain, err := drainTracker(ctx, a, 2*time.Minute)
	if err != nil {
		fmt.Fprintf(w, "  tracker: %v\n", err)
	} else {
		fmt.Fprintf(w, "  tracker consumer lag at the end: %d events, caught up %s later\n", lag, drain.Round(time.Millisecond))
	}
	rep.TrackerLag, rep.TrackerDrain = lag, drain
	return rep, nil
}

// platformConfig is the embedded-defaults platform (--target=all, SQLite,
// embedded JetStream with fsync always) on a free loopback port, trusting
// iss, without demo data (catalog, athletes), with the rate limiter far above the load.
func platformConfig(dir string, iss *benchkit.Issuer) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	cfg.Catalog.Demo = false
	cfg.Demo.Athletes = false
	return cfg
}
