package proctest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// proc is one running sporthub process. Its stderr (JSON logs) goes to a
// file under the test's temp dir, whose tail is logged when the test fails.
type proc struct {
	t       testing.TB
	name    string
	cmd     *exec.Cmd
	logPath string
	started time.Time
	addrc   chan string
	done    chan struct{}
	waitErr error     // set before done is closed
	exited  time.Time // set before done is closed

	// URL is http://host:port of the HTTP server once waitReady returned.
	URL string
}

// baseEnv is the test process's environment without any SPORTHUB_ variable
// (the test's own SPORTHUB_TEST_... ones included), plus the settings every
// process here shares: JSON logs at info (the tests read the listening
// address from them), a port chosen by the kernel, no rate limit.
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
		"SPORTHUB_DEMO_ATHLETES=false", // a test that wants them turns them on
		"SPORTHUB_HTTP_ADDR=127.0.0.1:0",
		"SPORTHUB_GATEWAY_RATE_LIMIT=0",
	)
}

// startProc starts the sporthub binary with args and env ("KEY=value",
// overriding baseEnv) and kills it when the test ends.
func startProc(t testing.TB, name string, env []string, args ...string) *proc {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatalf("create log of %s: %v", name, err)
	}
	p := &proc{t: t, name: name, logPath: logPath, addrc: make(chan string, 1), done: make(chan struct{})}
	p.cmd = exec.Command(binPath, args...)
	p.cmd.Env = append(baseEnv(), env...)
	p.cmd.Dir = t.TempDir() // a relative ./data never lands in the source tree
	sink := &testkit.LineSink{W: f, OnLine: p.scanLine}
	p.cmd.Stdout = sink
	p.cmd.Stderr = sink
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		f.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		p.exited = time.Now()
		f.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			p.dumpLog(30)
		}
	})
	return p
}

// scanLine picks the HTTP server's address out of its log line.
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

// waitReady waits until the process listens and /readyz answers 200, and
// returns how long that took from the start.
func (p *proc) waitReady(timeout time.Duration) time.Duration {
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
				return time.Since(p.started)
			}
		}
		select {
		case <-p.done:
			p.t.Fatalf("%s exited before ready: %v", p.name, p.waitErr)
		case <-deadline.C:
			p.t.Fatalf("%s not ready after %s (last: %v)", p.name, timeout, err)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// signal sends sig to the process.
func (p *proc) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %s %v: %v", p.name, sig, err)
	}
}

// kill sends SIGKILL (if still running) and waits for the process to end.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// wait waits up to timeout for the process to exit and returns its exit
// code; it fails the test on timeout.
func (p *proc) wait(timeout time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		p.t.Fatalf("%s still running %s later", p.name, timeout)
		return -1
	}
}

// dumpLog logs the last n lines of the process's output.
func (p *proc) dumpLog(n int) {
	b, err := os.ReadFile(p.logPath)
	if err != nil {
		p.t.Logf("%s log: %v", p.name, err)
		return
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if !strings.Contains(l, `"msg":"http request"`) { // access logs stay in the file
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	p.t.Logf("last %d lines of %s's output but access logs (%s):\n%s", len(lines), p.name, p.logPath, strings.Join(lines, "\n"))
}

// logContains reports whether the process has logged a line with msg.
func (p *proc) logContains(msg string) bool {
	b, _ := os.ReadFile(p.logPath)
	return bytes.Contains(b, []byte(`"msg":"`+msg+`"`))
}

// runCLI runs the binary to completion with args and env and returns its
// exit code and combined output.
func runCLI(t testing.TB, env []string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Env = append(baseEnv(), env...)
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("sporthub %s: timed out\n%s", strings.Join(args, " "), out.String())
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("sporthub %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), out.String()
}

// lines returns the non-empty lines of s, for messages.
func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}
