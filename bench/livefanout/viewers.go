package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coder/websocket"
)

// The viewers run in a child process (this program again, switched by
// viewerEnv), so that the measured process holds only the server side of
// the connections: its memory per connection is the server's alone, and
// the two processes' 10k sockets each stay within RLIMIT_NOFILE.
//
// Protocol: the parent starts the child with the URL and the number of
// viewers; the child connects them all and prints "ready <connected>"; then,
// for every update (identified by its newest sample time t, Unix ms) that
// reached every viewer still connected, it prints "done <t>". A line
// "stats" on its stdin makes it print one JSON line of viewerStats and
// start counting afresh; end of stdin makes it close everything and exit.
const viewerEnv = "SPORTHUB_BENCH_LIVEFANOUT_VIEWERS"

// viewerConfig is what the parent passes in viewerEnv.
type viewerConfig struct {
	URL      string `json:"url"`
	Viewers  int    `json:"viewers"`
	DialConc int    `json:"dial_concurrency"`
}

// viewerStats is what the viewers saw since the last stats line.
type viewerStats struct {
	Delivered int64   `json:"delivered"` // updates received, summed over viewers
	Other     int64   `json:"other"`     // other messages (state, ...)
	Closed    int64   `json:"closed"`    // viewers whose connection ended
	P50       float64 `json:"p50_ms"`    // delivery latency: receipt - sample time
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
	FirstErr  string  `json:"first_err,omitempty"`
}

// raiseFileLimit lifts the soft limit of open files to the hard one.
func raiseFileLimit() (uint64, error) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, err
	}
	if l.Cur < l.Max {
		l.Cur = l.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
			return 0, err
		}
	}
	return l.Cur, nil
}

// IsViewerProcess reports whether this process was started as the viewers.
func IsViewerProcess() bool { return os.Getenv(viewerEnv) != "" }

// RunViewerProcess is the child's main: it never returns.
func RunViewerProcess() {
	var cfg viewerConfig
	if err := json.Unmarshal([]byte(os.Getenv(viewerEnv)), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "viewers:", err)
		os.Exit(2)
	}
	if err := runViewers(cfg, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "viewers:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// pending counts the receipts of one update not yet at every viewer.
type pending struct {
	got   int64
	since time.Time
}

type viewers struct {
	alive   int64 // viewers still connected
	closed  int64
	doneC   chan int64
	mu      sync.Mutex
	pending map[int64]*pending
	lat     []int32 // receipt - sample time, microseconds
	deliv   int64
	other   int64
	err     string
}

func runViewers(cfg viewerConfig, in io.Reader, out io.Writer) error {
	if _, err := raiseFileLimit(); err != nil {
		return err
	}
	v := &viewers{doneC: make(chan int64, 1<<16), pending: map[int64]*pending{}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hc := &http.Client{Transport: &http.Transport{
		DialContext:     (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
		MaxIdleConns:    -1,
		IdleConnTimeout: time.Second,
	}}
	conns := make([]*websocket.Conn, cfg.Viewers)
	sem := make(chan struct{}, max(1, cfg.DialConc))
	var failed atomic.Int64
	var firstDialErr error
	var once sync.Once
	var wg sync.WaitGroup
	for i := range conns {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			dctx, dcancel := context.WithTimeout(ctx, 60*time.Second)
			defer dcancel()
			c, _, err := websocket.Dial(dctx, cfg.URL, &websocket.DialOptions{HTTPClient: hc})
			if err != nil {
				failed.Add(1)
				once.Do(func() { firstDialErr = err })
				return
			}
			c.SetReadLimit(1 << 20)
			conns[i] = c
		})
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d of %d viewers could not connect, first: %v", n, cfg.Viewers, firstDialErr)
	}
	v.alive = int64(cfg.Viewers)
	var readers sync.WaitGroup
	for i, c := range conns {
		readers.Go(func() { v.read(ctx, i, c) })
	}
	w := bufio.NewWriter(out)
	var wmu sync.Mutex
	println := func(s string) {
		wmu.Lock()
		defer wmu.Unlock()
		_, _ = w.WriteString(s + "\n")
		_ = w.Flush()
	}
	println("ready " + strconv.Itoa(cfg.Viewers))
	go func() {
		for t := range v.doneC {
			println("done " + strconv.FormatInt(t, 10))
		}
	}()
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		if sc.Text() == "stats" {
			b, _ := json.Marshal(v.stats())
			println(string(b))
		}
	}
	cancel()
	for _, c := range conns {
		_ = c.CloseNow()
	}
	readers.Wait()
	return nil
}

// read receives viewer i's messages until its connection ends.
func (v *viewers) read(ctx context.Context, i int, c *websocket.Conn) {
	buf := make([]byte, 0, 4096)
	for {
		_, r, err := c.Reader(ctx)
		if err == nil {
			buf, err = readAll(buf[:0], r)
		}
		if err != nil {
			if ctx.Err() == nil {
				v.left(err)
			}
			return
		}
		now := time.Now()
		t, ok := updateTime(buf)
		v.mu.Lock()
		if ok {
			v.receipt(t, now)
		} else {
			v.other++
		}
		v.mu.Unlock()
	}
}

// receipt counts one viewer's receipt of update t and reports the update
// once every connected viewer has it. v.mu is held.
func (v *viewers) receipt(t int64, now time.Time) {
	us := now.Sub(time.UnixMilli(t)).Microseconds()
	v.lat = append(v.lat, int32(min(us, 1<<31-1)))
	v.deliv++
	p := v.pending[t]
	if p == nil {
		p = &pending{since: now}
		v.pending[t] = p
	}
	p.got++
	if p.got >= v.alive {
		delete(v.pending, t)
		v.doneC <- t
	}
}

// left counts a viewer whose connection ended, and reports the updates
// that every remaining viewer now has.
func (v *viewers) left(err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.err == "" {
		v.err = err.Error()
	}
	v.closed++
	v.alive--
	for t, p := range v.pending {
		if p.got >= v.alive {
			delete(v.pending, t)
			v.doneC <- t
		}
	}
}

func (v *viewers) stats() viewerStats {
	v.mu.Lock()
	all := v.lat
	st := viewerStats{Delivered: v.deliv, Other: v.other, Closed: v.closed, FirstErr: v.err}
	v.lat, v.deliv, v.other = nil, 0, 0
	for t, p := range v.pending {
		if time.Since(p.since) > time.Minute {
			delete(v.pending, t) // never completes: a viewer missed it
		}
	}
	v.mu.Unlock()
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		rank := int(math.Ceil(p / 100 * float64(len(all))))
		return float64(all[min(max(rank, 1), len(all))-1]) / 1000
	}
	st.P50, st.P99, st.Max = pct(50), pct(99), pct(100)
	return st
}

func readAll(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// updateTime returns the newest sample time (Unix ms) of a live update
// ({"type":"points", "points":[{"t":...}, ...]}); ok is false for any
// other message. It scans the bytes instead of decoding the JSON: the
// viewers share the cores with the measured process.
func updateTime(msg []byte) (int64, bool) {
	if !bytes.Contains(msg, []byte(`"type":"points"`)) {
		return 0, false
	}
	var newest int64
	found := false
	rest := msg
	for {
		i := bytes.Index(rest, []byte(`"t":`))
		if i < 0 {
			break
		}
		rest = rest[i+4:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, err := strconv.ParseInt(string(rest[:j]), 10, 64); err == nil && j > 0 {
			newest = max(newest, n)
			found = true
		}
	}
	return newest, found
}

// viewerProc is the parent's handle on a viewer process.
type viewerProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
	done  chan int64
	stats chan viewerStats
	errb  bytes.Buffer
	exit  chan error
}

// startViewers starts the viewer process and waits until every viewer is
// connected.
func startViewers(cfg viewerConfig, timeout time.Duration) (*viewerProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(cfg)
	p := &viewerProc{done: make(chan int64, 4096), stats: make(chan viewerStats, 1), exit: make(chan error, 1)}
	p.cmd = exec.Command(exe)
	p.cmd.Env = append(os.Environ(), viewerEnv+"="+string(b))
	p.cmd.Stderr = &p.errb
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start viewers: %w", err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "ready "+strconv.Itoa(cfg.Viewers):
				close(ready)
			case len(line) > 5 && line[:5] == "done ":
				if t, err := strconv.ParseInt(line[5:], 10, 64); err == nil {
					p.done <- t
				}
			case len(line) > 0 && line[0] == '{':
				var st viewerStats
				if json.Unmarshal([]byte(line), &st) == nil {
					p.stats <- st
				}
			}
		}
		p.exit <- p.cmd.Wait()
	}()
	select {
	case <-ready:
		return p, nil
	case err := <-p.exit:
		return nil, fmt.Errorf("viewers exited before ready: %v: %s", err, p.errb.String())
	case <-time.After(timeout):
		p.stop()
		return nil, fmt.Errorf("viewers not connected after %s", timeout)
	}
}

// collect asks for the stats since the last call.
func (p *viewerProc) collect(timeout time.Duration) (viewerStats, error) {
	if _, err := io.WriteString(p.stdin, "stats\n"); err != nil {
		return viewerStats{}, err
	}
	select {
	case st := <-p.stats:
		return st, nil
	case err := <-p.exit:
		return viewerStats{}, fmt.Errorf("viewers exited: %v: %s", err, p.errb.String())
	case <-time.After(timeout):
		return viewerStats{}, fmt.Errorf("viewers gave no stats within %s", timeout)
	}
}

// stop closes the viewers and waits for the process to end.
func (p *viewerProc) stop() {
	_ = p.stdin.Close()
	select {
	case <-p.exit:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exit
	}
}
