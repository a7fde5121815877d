package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth"
)

// Options configure a run.
type Options struct {
	Duration, Warmup time.Duration
	Clients          int // other APIs' connections
	Stormers         int // login clients during the storm
	Users            int
	Rounds           int
	// Load is the other APIs' offered rate as a fraction of what they
	// serve flat out (measured first): a busy but not saturated process,
	// whose latency shows what the storm takes from it.
	Load float64
}

// DefaultOptions are the flags' defaults.
func DefaultOptions() Options {
	return Options{Duration: 5 * time.Second, Warmup: time.Second, Clients: 8, Stormers: 64, Users: 16, Rounds: 2, Load: 0.1}
}

// Report is what a run measured.
type Report struct {
	Baseline, Storm benchkit.Result
	Logins          int64 // successful logins during the storm phases
	Busy            int64 // 503 answers: the hasher's queue was full
	Failed          int64 // any other failure
	StormTime       time.Duration
}

// Ratio is the storm's p99 over the baseline's.
func (r Report) Ratio() float64 {
	b := r.Baseline.Latencies.Percentile(99)
	if b <= 0 {
		return 0
	}
	return float64(r.Storm.Latencies.Percentile(99)) / float64(b)
}

// Line is the report's last line.
func (r Report) Line() string {
	verdict := "met"
	if r.Ratio() > 2 {
		verdict = "NOT met"
	}
	rate := 0.0
	if r.StormTime > 0 {
		rate = float64(r.Logins) / r.StormTime.Seconds()
	}
	return fmt.Sprintf("login storm: other APIs p99 %s -> %s (%.2fx, target <= 2x), %.0f logins/s, %d busy answers, %d failed logins - %s",
		benchkit.Ms(r.Baseline.Latencies.Percentile(99)), benchkit.Ms(r.Storm.Latencies.Percentile(99)),
		r.Ratio(), rate, r.Busy, r.Failed, verdict)
}

// Run starts the platform, creates the users and measures.
func Run(ctx context.Context, o Options, out io.Writer) (Report, error) {
	var rep Report
	dir, err := os.MkdirTemp("", "sporthub-loginstorm-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	cfg := platformConfig(dir)
	srv, a, err := benchkit.StartPlatform(cfg)
	if err != nil {
		return rep, err
	}
	defer srv.Stop()
	authSvc, ok := a.Service(auth.Name).(*auth.Service)
	if !ok {
		return rep, fmt.Errorf("the platform runs no auth service")
	}
	const password = "correct horse battery staple"
	emails := make([]string, o.Users)
	for i := range emails {
		emails[i] = fmt.Sprintf("storm%d@example.test", i)
		if _, err := authSvc.CreateVerifiedUser(ctx, emails[i], password, "en"); err != nil {
			return rep, fmt.Errorf("create user: %w", err)
		}
	}
	tok, err := login(ctx, http.DefaultClient, srv.URL, emails[0], password)
	if err != nil {
		return rep, fmt.Errorf("first login: %w", err)
	}
	others := otherAPIs(srv.URL, tok, o)
	// Each API is offered its share of what it serves flat out on its own.
	for i := range others {
		capacity, err := others[i].Run(ctx)
		if err != nil {
			return rep, err
		}
		others[i].Rate = capacity.Rate() * o.Load
		fmt.Fprintf(out, "%s: %.0f req/s flat out, offered %.0f req/s (%.0f%%) on a fixed schedule\n",
			others[i].URL[len(srv.URL):], capacity.Rate(), others[i].Rate, 100*o.Load)
	}
	fmt.Fprintf(out, "storm: %d clients logging in to %d accounts\n", o.Stormers, o.Users)
	var base, storm []benchkit.Result
	for round := range o.Rounds {
		b, err := measure(ctx, others)
		if err != nil {
			return rep, err
		}
		fmt.Fprintf(out, "round %d baseline: %s\n", round+1, b)
		base = append(base, b)

		sctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		start := time.Now()
		for i := range o.Stormers {
			wg.Go(func() { stormLoop(sctx, srv.URL, emails[i%len(emails)], password, &rep) })
		}
		time.Sleep(o.Warmup) // the storm reaches its steady state
		before := atomic.LoadInt64(&rep.Logins)
		s, err := measure(ctx, others)
		stormed := time.Since(start) - o.Warmup
		logins := atomic.LoadInt64(&rep.Logins) - before
		cancel()
		wg.Wait()
		if err != nil {
			return rep, err
		}
		rep.StormTime += stormed
		fmt.Fprintf(out, "round %d storm:    %s; %d logins (%.0f/s)\n", round+1, s, logins, float64(logins)/stormed.Seconds())
		storm = append(storm, s)
	}
	rep.Baseline, rep.Storm = benchkit.Merge(base...), benchkit.Merge(storm...)
	if rep.Baseline.Errors+rep.Storm.Errors > 0 {
		return rep, fmt.Errorf("other APIs failed: %d baseline and %d storm errors: %v %v",
			rep.Baseline.Errors, rep.Storm.Errors, rep.Baseline.FirstErr, rep.Storm.FirstErr)
	}
	return rep, nil
}

// platformConfig is the embedded-defaults platform on a free port, with
// the per-IP limits that would (rightly) stop a storm from one address
// lifted so that the hasher itself is what the storm meets.
func platformConfig(dir string) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	cfg.Catalog.Demo = true
	cfg.Demo.Athletes = false
	liftAuthThrottle(&cfg)
	return cfg
}

// otherAPIs are the loads whose latency the storm must not ruin: an
// anonymous catalog search and an authenticated settings read.
func otherAPIs(base, token string, o Options) []benchkit.Load {
	half := max(1, o.Clients/2)
	auth := func(int) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }
	return []benchkit.Load{
		{URL: base + "/api/v1/commerce/products?limit=12", Clients: half, Warmup: o.Warmup, Duration: o.Duration},
		{URL: base + "/api/v1/user/settings/me", Clients: half, Header: auth, Warmup: o.Warmup, Duration: o.Duration},
	}
}

// measure runs the loads side by side and pools what they saw.
func measure(ctx context.Context, loads []benchkit.Load) (benchkit.Result, error) {
	results := make([]benchkit.Result, len(loads))
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, l := range loads {
		wg.Go(func() { results[i], errs[i] = l.Run(ctx) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return benchkit.Result{}, err
		}
	}
	r := benchkit.Merge(results...)
	r.Elapsed = results[0].Elapsed
	return r, nil
}

// stormLoop logs in back to back until ctx ends.
func stormLoop(ctx context.Context, base, email, password string, rep *Report) {
	client := &http.Client{Transport: benchkit.NewTransport(1)}
	for ctx.Err() == nil {
		_, err := login(ctx, client, base, email, password)
		switch {
		case ctx.Err() != nil:
		case err == nil:
			atomic.AddInt64(&rep.Logins, 1)
		case err == errBusy:
			atomic.AddInt64(&rep.Busy, 1)
		default:
			atomic.AddInt64(&rep.Failed, 1)
		}
	}
}

var errBusy = fmt.Errorf("busy")

// login posts the credentials and returns the access token.
func login(ctx context.Context, client *http.Client, base, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/user/auth/login", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusServiceUnavailable {
		return "", errBusy
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("login: status %d: %s", resp.StatusCode, b)
	}
	var t struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(b, &t); err != nil || t.AccessToken == "" {
		return "", fmt.Errorf("login: no access token in %s", b)
	}
	return t.AccessToken, nil
}
