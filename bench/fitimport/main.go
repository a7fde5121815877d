// Command fitimport measures quality target P3: importing an activity file
// (FIT: parse, analytics, store) through the platform's pipeline - the
// devices service's import function and the tracker's store, inside a
// running platform (--target=all on embedded defaults, fsync always) -
// against muktihari/fit decoding the same file alone, in the same run. As
// information it also times each import end to end through the bus, and
// the throughput of uploads through HTTP until the activities exist.
//
//	go run ./bench/fitimport [-file Activity.fit] [-duration 3s] [-rounds 1] [-uploads 60] [-upload-clients 4] [-cpuprofile cpu.out]
//
// The last line is the ratio, e.g.
// `fit import: 5.10 ms per file (parse + analytics + store) = 2.43x bare decode (2.10 ms; Activity.fit, 3601 records), ... - P3 (<= 3x) met`.
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
	flag.StringVar(&o.File, "file", o.File, "the FIT file to import (default: the FIT SDK's Activity.fit)")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per phase and round")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/subject alternations (pooled)")
	flag.IntVar(&o.Uploads, "uploads", o.Uploads, "uploads through HTTP for the throughput measurement (0: none)")
	flag.IntVar(&o.UploadClients, "upload-clients", o.UploadClients, "concurrent HTTP uploads")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
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
		fmt.Fprintln(os.Stderr, "bench fitimport:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
	fmt.Println(rep.Line())
}
