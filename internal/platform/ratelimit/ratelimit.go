// Package ratelimit limits how fast each client may call the API with token
// buckets: in process memory for one replica, or in Redis so that several
// gateway replicas share each client's bucket. Middleware applies a Limiter
// to HTTP requests, answering 429 problem+json, and fails open when the
// limiter's store is down so an outage of it never takes the API down.
//
// Both limiters run the token bucket as GCRA (the generic cell rate
// algorithm): a bucket is one "theoretical arrival time", which makes the
// state a single number, a full bucket the same as no state at all, and the
// Redis script short.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// Result is a limiter's decision for one request.
type Result struct {
	Allowed    bool
	Limit      int           // the bucket's capacity (Rule.Burst)
	Remaining  int           // whole tokens left after this request
	RetryAfter time.Duration // when denied: until a token is available
}

// Limiter decides whether the client identified by key may make a request now.
type Limiter interface {
	Allow(ctx context.Context, key string) (Result, error)
}

// Rule is a token bucket: it holds Burst tokens, refills at Rate tokens per
// second, and each request takes one.
type Rule struct {
	Rate  float64 // tokens per second
	Burst int     // capacity: requests allowed at once after a quiet spell
}

// maxFill bounds how long an empty bucket takes to fill, keeping the
// nanosecond arithmetic far from overflow.
const maxFill = 1 << 30 * time.Second

// Validate reports whether r is a usable rule.
func (r Rule) Validate() error {
	var errs []error
	if math.IsNaN(r.Rate) || r.Rate <= 0 || r.Rate > 1e9 {
		errs = append(errs, fmt.Errorf("ratelimit: rate %v must be in (0, 1e9] tokens per second", r.Rate))
	}
	if r.Burst < 1 {
		errs = append(errs, fmt.Errorf("ratelimit: burst %d must be at least 1", r.Burst))
	}
	if len(errs) == 0 && float64(r.Burst)/r.Rate > maxFill.Seconds() {
		errs = append(errs, fmt.Errorf("ratelimit: burst %d at rate %v takes too long to refill", r.Burst, r.Rate))
	}
	return errors.Join(errs...)
}

// gcra is a Rule in the units the algorithm works in.
type gcra struct {
	interval int64 // time one token takes to refill (ns)
	tau      int64 // time an empty bucket takes to fill (ns): interval * burst
	burst    int
}

// newGCRA converts r; it panics on an invalid rule like time.NewTicker does
// on a non-positive period: configuration is validated before it gets here.
func newGCRA(r Rule) gcra {
	if err := r.Validate(); err != nil {
		panic(err)
	}
	interval := max(1, int64(math.Round(1e9/r.Rate)))
	return gcra{interval: interval, tau: interval * int64(r.Burst), burst: r.Burst}
}

// decide applies one request at time now to a bucket whose theoretical
// arrival time is tat (0 for a new bucket) and returns the new tat.
func (g gcra) decide(tat, now int64) (int64, Result) {
	tat = max(tat, now)
	next := tat + g.interval
	if ahead := next - now; ahead > g.tau {
		return tat, Result{Limit: g.burst, RetryAfter: time.Duration(ahead - g.tau)}
	}
	remaining := (g.tau - (next - now)) / g.interval
	return next, Result{Allowed: true, Limit: g.burst, Remaining: int(remaining)}
}
