// Command gateway measures quality target P1: an authenticated GET through
// the whole SportHub platform (gateway with JWT check, rate limit, metrics,
// tracing and access log) against the catalog's bare handler on a plain
// net/http server, and (with -remote) a gateway process proxying to a
// catalog process against a bare tuned httputil.ReverseProxy. Everything
// runs in this process on 127.0.0.1; the load generator shares the cores.
//
//	go run ./bench/gateway [-duration 5s] [-clients 32] [-rounds 1] [-remote=true] [-cpuprofile cpu.out]
//
// The last line is the in-process ratio, e.g.
// `gateway p99 overhead: 0.42 ms (+11% over direct), throughput 71% of direct - ... met`.
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
	flag.StringVar(&o.Path, "path", o.Path, "the GET request measured (an anonymous-or-authenticated catalog route)")
	flag.IntVar(&o.Clients, "clients", o.Clients, "concurrent keep-alive connections")
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per subject and round")
	flag.DurationVar(&o.Warmup, "warmup", o.Warmup, "unmeasured load before each measurement")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/subject alternations (pooled)")
	flag.BoolVar(&o.InProcess, "inprocess", o.InProcess, "measure the in-process mode (platform --target=all vs the bare handler)")
	flag.BoolVar(&o.Remote, "remote", o.Remote, "also measure the remote-upstream mode (gateway process vs bare reverse proxy)")
	flag.BoolVar(&o.Tracing, "tracing", o.Tracing, "install the tracer provider (sample ratio 1, no exporter) as sporthub does")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the in-process platform's load (first round) to this file")
	flag.Parse()
	if *cpuProfile != "" {
		o.Profile = func() func() {
			f, err := os.Create(*cpuProfile)
			if err == nil {
				err = pprof.StartCPUProfile(f)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "cpuprofile:", err)
				return func() {}
			}
			return func() { pprof.StopCPUProfile(); _ = f.Close() }
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := Run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench gateway:", err)
		os.Exit(1)
	}
	if l := rep.RemoteLine(); l != "" {
		fmt.Println(l)
	}
	if l := rep.InProcessLine(); l != "" {
		fmt.Println(l)
	}
}
