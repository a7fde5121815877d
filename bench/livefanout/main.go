// Command livefanout measures quality target P4: the tracker's live view
// fanned out to many WebSocket viewers of one session (10k by default,
// watching through a share link) on one process - the whole platform,
// --target=all on embedded defaults - while the owner's samples are
// ingested, against a bare coder/websocket broadcaster (one hub goroutine
// writing each message to every client) in the same run: delivered msg/s,
// p99 delivery latency (sample sent to viewer), and the server's memory
// per idle connection. The viewers run in a child process (this program
// again), so the measured process holds only the server side.
//
//	go run ./bench/livefanout [-viewers 10000] [-window 2] [-duration 5s] [-rounds 1]
//
// The last line is the ratio, e.g.
// `live fan-out to 10000 viewers: 81k msg/s = 78% of bare broadcaster (104k msg/s, p99 190 ms), p99 delivery 180 ms, 29.0 KB per idle connection - P4 (...) met`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	if IsViewerProcess() {
		RunViewerProcess()
	}
	o := DefaultOptions()
	flag.IntVar(&o.Viewers, "viewers", o.Viewers, "WebSocket viewers of the one live session")
	flag.IntVar(&o.Window, "window", o.Window, "updates on their way at once (the next is sent when one reached every viewer)")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per phase and round")
	flag.DurationVar(&o.Warmup, "warmup", o.Warmup, "unmeasured updates before each measurement")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/subject alternations (pooled)")
	flag.IntVar(&o.DialConc, "dial-concurrency", o.DialConc, "viewers connecting at once")
	flag.BoolVar(&o.BaselineOnly, "baseline-only", o.BaselineOnly, "measure the bare broadcaster alone")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := Run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench livefanout:", err)
		os.Exit(1)
	}
	fmt.Println(rep.Line())
}
