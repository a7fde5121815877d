package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Options say how many viewers and how long to measure.
type Options struct {
	Viewers  int           // WebSocket clients watching (in a child process)
	Window   int           // updates in flight: the next is sent when fewer have reached every viewer
	Duration time.Duration // measured time of each phase and round
	Warmup   time.Duration // unmeasured updates before each measurement
	Rounds   int           // baseline/subject alternations, pooled
	DialConc int           // viewers connecting at once
	// BaselineOnly measures the bare broadcaster alone (no platform).
	BaselineOnly bool
}

// DefaultOptions are the full-length settings.
func DefaultOptions() Options {
	return Options{Viewers: 10000, Window: 2, Duration: 5 * time.Second, Warmup: time.Second, Rounds: 1, DialConc: 64}
}

// Side is what one side (baseline or subject) delivered, pooled over rounds.
type Side struct {
	Updates    int           // updates sent
	Incomplete int           // updates that did not reach every viewer in time
	Delivered  int64         // updates received, summed over viewers
	Elapsed    time.Duration // first update sent until the last one delivered
	P50, P99   float64       // delivery latency, ms (the worst round's p99)
	Closed     int64         // viewers whose connection ended
	// MemPerConn is the server process's growth per idle connection: RSS
	// and Go heap + stacks (after a GC), bytes.
	RSSPerConn, HeapPerConn float64
	FirstErr                string // why the first dropped viewer's connection ended
}

// PerSec is the delivered messages per second.
func (s Side) PerSec() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Delivered) / s.Elapsed.Seconds()
}

func (s *Side) add(o Side) {
	s.Updates += o.Updates
	s.Incomplete += o.Incomplete
	s.Delivered += o.Delivered
	s.Elapsed += o.Elapsed
	s.P50 = max(s.P50, o.P50)
	s.P99 = max(s.P99, o.P99)
	s.Closed += o.Closed
	s.RSSPerConn = max(s.RSSPerConn, o.RSSPerConn)
	s.HeapPerConn = max(s.HeapPerConn, o.HeapPerConn)
	if s.FirstErr == "" {
		s.FirstErr = o.FirstErr
	}
}

// Report is what the benchmark measured.
type Report struct {
	Viewers           int
	Baseline, Subject Side
}

// Ratio is the subject's delivered msg/s over the baseline's.
func (r Report) Ratio() float64 {
	if b := r.Baseline.PerSec(); b > 0 {
		return r.Subject.PerSec() / b
	}
	return 0
}

// Line is the P4 verdict line.
func (r Report) Line() string {
	s := r.Subject
	v := "met"
	if r.Ratio() < 0.7 || s.P99 > 200 || s.RSSPerConn > 50<<10 || s.Closed > 0 || s.Incomplete > 0 {
		v = "NOT met"
	}
	extra := ""
	if s.Closed > 0 || s.Incomplete > 0 {
		extra = fmt.Sprintf(", %d viewers dropped, %d updates incomplete", s.Closed, s.Incomplete)
	}
	return fmt.Sprintf("live fan-out to %d viewers: %s msg/s = %s of bare broadcaster (%s msg/s, p99 %.0f ms), p99 delivery %.0f ms, %.1f KB per idle connection%s - P4 (>= 70%%, p99 <= 200 ms, <= 50 KB) %s",
		r.Viewers, kilo(s.PerSec()), pct(r.Ratio()), kilo(r.Baseline.PerSec()), r.Baseline.P99, s.P99, s.RSSPerConn/1024, extra, v)
}

func pct(r float64) string { return fmt.Sprintf("%.0f%%", 100*r) }

func kilo(v float64) string {
	if v >= 10_000 {
		return fmt.Sprintf("%.0fk", v/1000)
	}
	return fmt.Sprintf("%.0f", v)
}

// Run measures P4, writing progress to w.
func Run(ctx context.Context, o Options, w io.Writer) (Report, error) {
	if o.Viewers < 1 || o.Window < 1 || o.Duration <= 0 || o.Rounds < 1 || o.DialConc < 1 {
		return Report{}, errors.New("live fan-out bench: want viewers, window, rounds, dial concurrency >= 1 and a positive duration")
	}
	limit, err := raiseFileLimit()
	if err != nil {
		return Report{}, fmt.Errorf("live fan-out bench: raise RLIMIT_NOFILE: %w", err)
	}
	if need := uint64(o.Viewers) + 1024; limit < need {
		return Report{}, fmt.Errorf("live fan-out bench: %d viewers need %d open files, RLIMIT_NOFILE allows %d", o.Viewers, need, limit)
	}
	dir, err := os.MkdirTemp("", "sporthub-bench-livefanout-")
	if err != nil {
		return Report{}, fmt.Errorf("live fan-out bench: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	var sub *subject
	if !o.BaselineOnly {
		if sub, err = startSubject(ctx, dir, o); err != nil {
			return Report{}, err
		}
		defer sub.stop()
	}
	fmt.Fprintf(w, "%d viewers in a child process, %d updates in flight, %s per phase x %d round(s); subject: --target=all on embedded defaults, one live session watched through a share link\n",
		o.Viewers, o.Window, o.Duration, o.Rounds)
	rep := Report{Viewers: o.Viewers}
	for range o.Rounds {
		b, err := runBaseline(ctx, o)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  bare broadcaster: %s\n", b)
		rep.Baseline.add(b)
		if sub == nil {
			continue
		}
		s, err := sub.measure(ctx, o)
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  tracker live view: %s\n", s)
		rep.Subject.add(s)
	}
	return rep, nil
}

func (s Side) String() string {
	dropped := ""
	if s.FirstErr != "" {
		dropped = " (first: " + s.FirstErr + ")"
	}
	return fmt.Sprintf("%.0f msg/s delivered (%d updates, %d incomplete), p50 %.1f ms, p99 %.1f ms, %d viewers dropped%s; per idle connection %.1f KB RSS, %.1f KB heap+stacks",
		s.PerSec(), s.Updates, s.Incomplete, s.P50, s.P99, s.Closed, dropped, s.RSSPerConn/1024, s.HeapPerConn/1024)
}

func runBaseline(ctx context.Context, o Options) (Side, error) {
	m0 := memNow()
	b, err := startBroadcaster()
	if err != nil {
		return Side{}, err
	}
	defer b.stop()
	return watch(ctx, o, b.URL(), m0, b.send)
}

// watch connects the viewers to url, measures the server's memory per
// idle connection against m0, then sends updates with send for the warm-up
// and the measurement and returns what the viewers saw.
func watch(ctx context.Context, o Options, url string, m0 mem, send func(t int64) error) (Side, error) {
	vp, err := startViewers(viewerConfig{URL: url, Viewers: o.Viewers, DialConc: o.DialConc}, 5*time.Minute)
	if err != nil {
		return Side{}, err
	}
	defer vp.stop()
	time.Sleep(500 * time.Millisecond) // every viewer's first messages are out
	m1 := memNow()
	var side Side
	side.RSSPerConn = float64(m1.rss-m0.rss) / float64(o.Viewers)
	side.HeapPerConn = float64(m1.heap-m0.heap) / float64(o.Viewers)
	if _, err := vp.collect(10 * time.Second); err != nil { // forget the connect phase
		return Side{}, err
	}
	if o.Warmup > 0 {
		if _, err := drive(ctx, vp, o.Window, o.Warmup, send); err != nil {
			return Side{}, err
		}
		if _, err := vp.collect(10 * time.Second); err != nil {
			return Side{}, err
		}
	}
	d, err := drive(ctx, vp, o.Window, o.Duration, send)
	if err != nil {
		return Side{}, err
	}
	st, err := vp.collect(30 * time.Second)
	if err != nil {
		return Side{}, err
	}
	side.Updates, side.Incomplete, side.Elapsed = d.sent, d.incomplete, d.elapsed
	side.Delivered, side.P50, side.P99, side.Closed = st.Delivered, st.P50, st.P99, st.Closed
	if st.Closed > 0 {
		side.FirstErr = st.FirstErr
	}
	return side, nil
}

// driven is what one drive sent.
type driven struct {
	sent, incomplete int
	elapsed          time.Duration
}

// updateTimeout is how long an update may take to reach every viewer
// before it counts as incomplete.
const updateTimeout = 10 * time.Second

// drive sends updates for d, keeping at most window of them on their way
// (an update is on its way until every viewer has it, or a later one); it
// then waits for the last ones. Each update carries its send time (Unix
// ms, strictly increasing) as its sample time.
func drive(ctx context.Context, vp *viewerProc, window int, d time.Duration, send func(t int64) error) (driven, error) {
	var r driven
	outstanding := map[int64]time.Time{}
	var last int64
	start := time.Now()
	end := start.Add(d)
	lastDone := start
	complete := func(t int64) {
		for o := range outstanding {
			if o <= t {
				delete(outstanding, o)
			}
		}
		lastDone = time.Now()
	}
	expire := func() {
		for o, at := range outstanding {
			if time.Since(at) > updateTimeout {
				delete(outstanding, o)
				r.incomplete++
			}
		}
	}
	for ctx.Err() == nil {
		sending := time.Now().Before(end)
		if !sending && len(outstanding) == 0 {
			break
		}
		if sending && len(outstanding) < window {
			t := time.Now().UnixMilli()
			if t <= last {
				time.Sleep(time.Until(time.UnixMilli(last + 1)))
				t = last + 1
			}
			last = t
			outstanding[t] = time.Now()
			if err := send(t); err != nil {
				return r, fmt.Errorf("send update: %w", err)
			}
			r.sent++
			continue
		}
		select {
		case t := <-vp.done:
			complete(t)
		case <-time.After(100 * time.Millisecond):
			expire()
		case <-ctx.Done():
		}
	}
	// Drain done notices that arrived for updates already expired.
	for {
		select {
		case t := <-vp.done:
			complete(t)
			continue
		default:
		}
		break
	}
	r.elapsed = lastDone.Sub(start)
	return r, ctx.Err()
}

// mem is a process's memory at one moment.
type mem struct {
	rss  int64 // resident set size
	heap int64 // Go heap in use + goroutine stacks
}

// memNow collects garbage, returns freed memory to the OS, and reads the
// process's memory.
func memNow() mem {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := mem{heap: int64(ms.HeapInuse + ms.StackInuse)}
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 1 {
			if pages, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				m.rss = pages * int64(os.Getpagesize())
			}
		}
	}
	return m
}
