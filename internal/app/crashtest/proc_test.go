package crashtest

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// platform is one data directory and the configuration every process on
// it gets: embedded defaults (SQLite, embedded JetStream with fsync
// always) with the embedded NATS also listening on a loopback port, so the
// test can see the consumers' progress, and no demo data.
type platform struct {
	t        testing.TB
	env      []string
	natsPort int
}

func newPlatform(t testing.TB) *platform {
	natsPort := testkit.FreePort(t)
	return &platform{t: t, natsPort: natsPort, env: []string{
		"SPORTHUB_TARGET=all",
		"SPORTHUB_DATA_DIR=" + t.TempDir(),
		"SPORTHUB_BUS_LISTEN_ADDR=127.0.0.1:" + strconv.Itoa(natsPort),
		"SPORTHUB_CATALOG_DEMO=false",
		"SPORTHUB_DEMO_ATHLETES=false",
	}}
}

// baseEnv is the test process's environment without any SPORTHUB_
// variable, plus the settings every process here shares: JSON logs at info
// (the tests read the listening address from them), a port chosen by the
// kernel, no rate limit.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SPORTHUB_") {
			env = append(env, kv)
		}
	}
	return append(env,
		"SPORTHUB_LOG_LEVEL=info",
		"SPORTHUB_LOG_FORMAT=json",
		"SPORTHUB_HTTP_ADDR=127.0.0.1:0",
		"SPORTHUB_GATEWAY_RATE_LIMIT=0",
	)
}

// proc is one running sporthub process. Its output (JSON logs) goes to a
// file under the test's temp dir, whose tail is logged when the test fails.
type proc struct {
	t       testing.TB
	name    string
	cmd     *exec.Cmd
	logPath string
	addrc   chan string
	done    chan struct{}
	waitErr error

	// URL is http://host:port of the HTTP server once start returned.
	URL string
}

// start runs the binary on the platform's data dir, waits until it is
// ready, and kills it when the test ends.
func (pl *platform) start(name string) *proc {
	t := pl.t
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatalf("create log of %s: %v", name, err)
	}
	p := &proc{t: t, name: name, logPath: logPath, addrc: make(chan string, 1), done: make(chan struct{})}
	p.cmd = exec.Command(binPath)
	p.cmd.Env = append(baseEnv(), pl.env...)
	p.cmd.Dir = t.TempDir()
	sink := &testkit.LineSink{W: f, OnLine: p.scanLine}
	p.cmd.Stdout, p.cmd.Stderr = sink, sink
	if err := p.cmd.Start(); err != nil {
		f.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		f.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			p.dumpLog(40)
		}
	})
	p.waitReady(60 * time.Second)
	return p
}

// cli runs the binary with args on the platform's data dir to completion
// and returns its combined output; it fails the test on a non-zero exit.
func (pl *platform) cli(args ...string) string {
	t := pl.t
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Env = append(baseEnv(), pl.env...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sporthub %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (p *proc) scanLine(line []byte) {
	var rec struct {
		Msg  string `json:"msg"`
		Addr string `json:"addr"`
	}
	if json.Unmarshal(line, &rec) != nil || rec.Msg != "http server listening" {
		return
	}
	select {
	case p.addrc <- rec.Addr:
	default:
	}
}

func (p *proc) waitReady(timeout time.Duration) {
	p.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	select {
	case addr := <-p.addrc:
		p.URL = "http://" + addr
	case <-p.done:
		p.t.Fatalf("%s exited before listening: %v", p.name, p.waitErr)
	case <-deadline.C:
		p.t.Fatalf("%s not listening after %s", p.name, timeout)
	}
	hc := &http.Client{Timeout: time.Second}
	defer hc.CloseIdleConnections()
	for {
		res, err := hc.Get(p.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.done:
			p.t.Fatalf("%s exited before ready: %v", p.name, p.waitErr)
		case <-deadline.C:
			p.t.Fatalf("%s not ready after %s (last: %v)", p.name, timeout, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// crash sends SIGKILL and waits for the process to be gone.
func (p *proc) crash() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatalf("kill %s: %v", p.name, err)
	}
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.t.Fatalf("%s still running 10s after SIGKILL", p.name)
	}
}

func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// dumpLog logs the last n lines of the process's output but access logs.
func (p *proc) dumpLog(n int) {
	b, err := os.ReadFile(p.logPath)
	if err != nil {
		p.t.Logf("%s log: %v", p.name, err)
		return
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if !strings.Contains(l, `"msg":"http request"`) {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	p.t.Logf("last %d lines of %s's output but access logs (%s):\n%s", len(lines), p.name, p.logPath, strings.Join(lines, "\n"))
}
