// Command outbox measures quality target P6: events committed through the
// transactional outbox (a row and its event in one SQLite transaction, the
// bus.Relay publishing them to the embedded JetStream) against direct
// publishes to the same JetStream with the same sync settings (fsync
// always), and the commit-to-publish latency of every committed event.
//
//	go run ./bench/outbox [-duration 5s] [-writers 8] [-publishers 8] [-window 512] [-rounds 1]
//
// The last line is the ratio, e.g.
// `outbox relay: 5400 ev/s = 74% of direct publish (7300 msg/s), p99 commit-to-publish 180 ms - ... met`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	o := DefaultOptions()
	flag.IntVar(&o.Publishers, "publishers", o.Publishers, "goroutines publishing synchronously (direct baseline)")
	flag.IntVar(&o.Window, "window", o.Window, "publishes in flight of the asynchronous direct baseline")
	flag.IntVar(&o.Writers, "writers", o.Writers, "goroutines committing outbox transactions")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per phase and round")
	flag.DurationVar(&o.Warmup, "warmup", o.Warmup, "unmeasured direct publishing before the first round")
	flag.DurationVar(&o.Drain, "drain", o.Drain, "how long to wait for the relay to publish everything committed")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/subject alternations (pooled)")
	flag.BoolVar(&o.CommitOnly, "commit-only", o.CommitOnly, "also measure the outbox transactions with the relay off (SQLite's share)")
	flag.Float64Var(&o.Load, "load", o.Load, "offered commit rate as a share of the direct-publish rate (0: flat out)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := Run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench outbox:", err)
		os.Exit(1)
	}
	fmt.Println(rep.Line())
}
