package benchkit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Load describes an HTTP load: Clients keep-alive connections, each
// sending its next GET as soon as the previous answer is read (closed
// loop), or, when Rate is set, at a fixed schedule (open loop).
type Load struct {
	// Rate, when positive, is the requests per second all clients send
	// together, on a fixed schedule whatever the answers' latency. Each
	// latency is then measured from the request's scheduled time, so a
	// server that falls behind is not flattered (no coordinated omission).
	Rate float64
	// URL is fetched by every request; it must be a loopback address.
	URL string
	// Clients is the number of concurrent connections.
	Clients int
	// Header returns the headers of client i's requests (nil: none).
	Header func(i int) http.Header
	// Warmup runs the load unmeasured first, Duration then measures it.
	Warmup, Duration time.Duration
}

// Result is what one measured run of a Load saw.
type Result struct {
	Requests  int           // answered with 2xx within the measurement
	Errors    int           // transport errors and non-2xx answers
	FirstErr  error         // the first of them, if any
	Elapsed   time.Duration // wall time of the measurement
	Latencies Sample        // one per 2xx answer
}

// Rate is the 2xx answers per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Merge pools the requests and latencies of several runs (of one subject).
func Merge(rs ...Result) Result {
	var out Result
	for _, r := range rs {
		out.Requests += r.Requests
		out.Errors += r.Errors
		out.Elapsed += r.Elapsed
		out.Latencies = append(out.Latencies, r.Latencies...)
		if out.FirstErr == nil {
			out.FirstErr = r.FirstErr
		}
	}
	return out
}

// String summarises the result on one line.
func (r Result) String() string {
	s := fmt.Sprintf("%.0f req/s, p50 %s, p99 %s (%d requests in %.1fs, %d errors)",
		r.Rate(), Ms(r.Latencies.Percentile(50)), Ms(r.Latencies.Percentile(99)),
		r.Requests, r.Elapsed.Seconds(), r.Errors)
	if r.FirstErr != nil {
		s += ": " + r.FirstErr.Error()
	}
	return s
}

// NewTransport returns a client transport tuned for n concurrent
// keep-alive connections to one host, with no proxy and no compression.
func NewTransport(n int) *http.Transport {
	return &http.Transport{
		MaxIdleConns:        n,
		MaxIdleConnsPerHost: n,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
}

// Run warms up, then measures the load. ctx cancels it early.
func (l Load) Run(ctx context.Context) (Result, error) {
	if l.Clients < 1 || l.Duration <= 0 {
		return Result{}, errors.New("run load: want at least one client and a positive duration")
	}
	tr := NewTransport(l.Clients)
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	if l.Warmup > 0 {
		if _, err := l.phase(ctx, client, l.Warmup); err != nil {
			return Result{}, err
		}
	}
	return l.phase(ctx, client, l.Duration)
}

// phase runs every client for d and gathers what they saw.
func (l Load) phase(ctx context.Context, client *http.Client, d time.Duration) (Result, error) {
	results := make([]Result, l.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for i := range l.Clients {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.URL, nil)
		if err != nil {
			return Result{}, fmt.Errorf("run load: %w", err)
		}
		if l.Header != nil {
			for k, v := range l.Header(i) {
				req.Header[k] = v
			}
		}
		var pace *schedule
		if l.Rate > 0 {
			interval := time.Duration(float64(l.Clients) / l.Rate * float64(time.Second))
			pace = &schedule{next: start.Add(interval * time.Duration(i) / time.Duration(l.Clients)), interval: interval}
		}
		wg.Go(func() { results[i] = clientLoop(ctx, client, req, end, pace) })
	}
	wg.Wait()
	r := Merge(results...)
	r.Elapsed = time.Since(start)
	return r, ctx.Err()
}

// schedule is an open-loop client's timetable.
type schedule struct {
	next     time.Time
	interval time.Duration
}

// clientLoop sends req until end: back to back, or on pace's schedule.
func clientLoop(ctx context.Context, client *http.Client, req *http.Request, end time.Time, pace *schedule) Result {
	r := Result{Latencies: make(Sample, 0, 1<<14)}
	for ctx.Err() == nil {
		t0 := time.Now()
		if pace != nil {
			if wait := time.Until(pace.next); wait > 0 {
				time.Sleep(wait)
			}
			t0 = pace.next
			pace.next = pace.next.Add(pace.interval)
		}
		if !t0.Before(end) {
			break
		}
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
				err = fmt.Errorf("GET %s: status %d", req.URL.Path, resp.StatusCode)
			}
		}
		if err != nil {
			r.Errors++
			if r.FirstErr == nil {
				r.FirstErr = err
			}
			continue
		}
		r.Requests++
		r.Latencies = append(r.Latencies, time.Since(t0))
	}
	return r
}
