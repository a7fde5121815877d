// Command loginstorm measures quality target P9: a storm of password
// logins (argon2id with OWASP parameters) against the latency of other
// APIs served by the same process. It runs the whole platform in this
// process on embedded defaults, creates verified users, then measures the
// other APIs' p99 without the storm (baseline) and with it (subject), in
// alternating rounds. The auth service bounds how many hashes run at once,
// so the storm queues for the hasher instead of taking every core.
//
//	go run ./bench/loginstorm [-duration 5s] [-clients 8] [-stormers 64] [-rounds 2]
//
// The last line is the ratio, e.g.
// `login storm: other APIs p99 3.1 ms -> 5.2 ms (1.7x, target <= 2x), 92 logins/s, ... - met`.
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
	flag.DurationVar(&o.Duration, "duration", o.Duration, "measured time per side and round")
	flag.DurationVar(&o.Warmup, "warmup", o.Warmup, "unmeasured load before each measurement")
	flag.IntVar(&o.Clients, "clients", o.Clients, "concurrent connections of the other APIs' load")
	flag.IntVar(&o.Stormers, "stormers", o.Stormers, "concurrent clients sending logins during the storm")
	flag.IntVar(&o.Users, "users", o.Users, "accounts the storm logs in to")
	flag.IntVar(&o.Rounds, "rounds", o.Rounds, "baseline/storm alternations (pooled)")
	flag.Float64Var(&o.Load, "load", o.Load, "the other APIs' offered rate, as a fraction of their flat-out rate")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := Run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench loginstorm:", err)
		os.Exit(1)
	}
	fmt.Println(rep.Line())
}
