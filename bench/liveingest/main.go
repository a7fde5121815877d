// Command liveingest measures quality target P2: live samples ingested
// through the whole platform (--target=all on embedded defaults, so the
// embedded JetStream fsyncs every write) by many simulated devices, each
// batch acknowledged only once durable, against a bare in-process
// JetStream async publisher of 200-byte messages with the default sync in
// the same run.
//
//	go run ./bench/liveingest [-duration 5s] [-devices 128] [-batch 30] [-path http|ws] [-auth device|user] [-rounds 1]
//
// The last line is the ratio, e.g.
// `live ingest (http): 80k samples/s durable = 31% of bare JetStream async publish (257k msg/s), p99 receipt-to-ack 120.00 ms - P2 (...) met`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
)

func main() {
	o := DefaultOptions()
	flag.IntVar(&o.Devices, "devices", o.Devices, "simulated devices posting concurrently (one user each)")
	flag.IntVar(&o.Batch, "batch", o.Batch, "samples per batch")
	flag.StringVar(&o.Path, "path", o.Path, "ingest path: http (POST .../ingest) or ws (the WebSocket)")
	flag.StringVar(&o.Auth, "auth", o.Auth, "credentials: device (X-Device-Token from a pairing) or user (Bearer token)")
	flag.IntVar(&o.Window, "window", o.Window, "publishes in flight of the bare JetStream baseline")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per phase and round")
	flag.DurationVar(&o.Warmup, "warmup", o.Warmup, "unmeasured load of both sides before the first round")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/subject alternations (pooled)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (the tracker's catching up included) to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "cpuprofile:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := Run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench liveingest:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
	fmt.Println(rep.Line())
}
