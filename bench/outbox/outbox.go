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
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// Options say how hard and how long to measure.
type Options struct {
	Publishers int // goroutines of the synchronous direct publish
	Window     int // publishes in flight for the asynchronous direct publish
	// Writers commit outbox transactions back to back. The default (4) is
	// below the SQLite pool size (8), so writers do not queue in the pool
	// and the relay competes with them for SQLite's write lock directly.
	Writers  int
	Duration time.Duration // measured time of each phase and round
	Warmup   time.Duration // unmeasured direct publishes before the first round
	Drain    time.Duration // how long to wait for the relay to publish what was committed
	Rounds   int           // baseline/subject alternations, pooled
	// CommitOnly also measures the outbox transactions with the relay off
	// (for diagnosis: what SQLite alone sustains; not part of the ratio).
	CommitOnly bool
	// Load is the offered commit rate as a share of the direct-publish rate
	// measured in the same round (P6 asks for the latency at >= 50%); 0
	// commits flat out, which shows the ceiling but lets a backlog (and so
	// the latency) grow for as long as the run lasts.
	Load float64
}

// DefaultOptions are the full-length settings.
func DefaultOptions() Options {
	return Options{Publishers: 8, Window: 512, Writers: 4, Duration: 5 * time.Second,
		Warmup: time.Second, Drain: 30 * time.Second, Rounds: 1, CommitOnly: true, Load: 0.6}
}

// Report is what the benchmark measured, pooled over the rounds.
type Report struct {
	Sync, Async Rate            // direct publishes acknowledged by JetStream
	Outbox      Rate            // events committed through the outbox
	CommitOnly  Rate            // the same transactions with the relay off (if measured)
	Latency     benchkit.Sample // commit-to-publish of every committed event
}

// Rate is events counted over a time.
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

// Direct is the faster direct-publish mode: the baseline.
func (r Report) Direct() float64 { return max(r.Sync.PerSec(), r.Async.PerSec()) }

// Line is the P6 verdict line.
func (r Report) Line() string {
	ratio := 0.0
	if d := r.Direct(); d > 0 {
		ratio = r.Outbox.PerSec() / d
	}
	p99 := r.Latency.Percentile(99)
	met := ratio >= 0.5 && p99 <= time.Second
	v := "met"
	if !met {
		v = "NOT met"
	}
	return fmt.Sprintf("outbox relay: %.0f ev/s = %s of direct publish (%.0f msg/s), p99 commit-to-publish %s - P6 (>= 50%%, p99 <= 1 s) %s",
		r.Outbox.PerSec(), benchkit.Pct(ratio), r.Direct(), benchkit.Ms(p99), v)
}

// env is the bus and the service database both phases use: the embedded
// JetStream exactly as bus.Open configures it (file store, fsync always) and
// a SQLite service database as sqldb.Open configures it (WAL, synchronous
// FULL), both in a temp dir.
type env struct {
	bus *bus.Bus
	db  *sqldb.DB
}

const benchTable = `CREATE TABLE bench_rows (
    id         TEXT    PRIMARY KEY,
    writer     INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    note       TEXT    NOT NULL,
    amount     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
)`

func openEnv(ctx context.Context, dir string) (*env, error) {
	b, err := bus.Open(ctx, bus.Config{DataDir: filepath.Join(dir, "nats")}, nil, nil)
	if err != nil {
		return nil, err
	}
	db, err := sqldb.Open(ctx, sqldb.Options{DataDir: dir, Service: "bench"})
	if err != nil {
		b.Close()
		return nil, err
	}
	e := &env{bus: b, db: db}
	if err := bus.Migrate(ctx, db); err != nil {
		e.close()
		return nil, err
	}
	if _, err := db.SQL.ExecContext(ctx, benchTable); err != nil {
		e.close()
		return nil, fmt.Errorf("create bench table: %w", err)
	}
	return e, nil
}

func (e *env) close() {
	_ = e.db.Close()
	e.bus.Close()
}

// Run measures P6, writing progress to w.
func Run(ctx context.Context, o Options, w io.Writer) (Report, error) {
	if o.Publishers < 1 || o.Window < 1 || o.Writers < 1 || o.Duration <= 0 || o.Rounds < 1 || o.Drain <= 0 || o.Load < 0 {
		return Report{}, errors.New("outbox bench: want publishers, window, writers, rounds >= 1 and positive durations")
	}
	dir, err := os.MkdirTemp("", "sporthub-bench-outbox-")
	if err != nil {
		return Report{}, fmt.Errorf("outbox bench: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	e, err := openEnv(ctx, dir)
	if err != nil {
		return Report{}, err
	}
	defer e.close()
	fmt.Fprintf(w, "embedded JetStream (fsync always) + SQLite WAL (synchronous FULL), %s per phase x %d round(s)\n", o.Duration, o.Rounds)
	if o.Warmup > 0 {
		if _, err := publishSync(ctx, e, o.Publishers, o.Warmup); err != nil {
			return Report{}, err
		}
	}
	var rep Report
	for range o.Rounds {
		s, err := publishSync(ctx, e, o.Publishers, o.Duration)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  direct publish, sync, %d goroutines: %.0f msg/s\n", o.Publishers, s.PerSec())
		a, err := publishAsync(ctx, e, o.Window, o.Duration)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  direct publish, async, window %d:    %.0f msg/s\n", o.Window, a.PerSec())
		if o.CommitOnly {
			c, err := commitOnly(ctx, e, o)
			if err != nil {
				return Report{}, err
			}
			fmt.Fprintf(w, "  outbox commits, relay off (SQLite):  %.0f tx/s\n", c.PerSec())
			rep.CommitOnly.add(c)
		}
		rate := o.Load * max(s.PerSec(), a.PerSec())
		r, lat, err := runOutbox(ctx, e, o, rate)
		if err != nil {
			return Report{}, err
		}
		offered := "flat out"
		if rate > 0 {
			offered = fmt.Sprintf("offered %.0f ev/s", rate)
		}
		fmt.Fprintf(w, "  outbox, %d writers + relay, %s: %.0f ev/s committed, commit-to-publish p50 %s, p99 %s, max %s\n",
			o.Writers, offered, r.PerSec(), benchkit.Ms(lat.Percentile(50)), benchkit.Ms(lat.Percentile(99)), benchkit.Ms(lat.Percentile(100)))
		rep.Sync.add(s)
		rep.Async.add(a)
		rep.Outbox.add(r)
		rep.Latency = append(rep.Latency, lat...)
	}
	return rep, nil
}
