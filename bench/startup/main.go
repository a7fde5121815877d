// Command startup measures quality.md P8: the whole platform on embedded
// defaults (--target=all, fresh data dir, demo catalog loaded on this first
// start) must be ready within 3 s and idle below 250 MB RSS. It builds the
// real binary, starts it several times and prints the worst run last:
//
//	go run ./bench/startup [-runs 3]
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/testkit"
)

const (
	readyBudget = 3 * time.Second
	rssBudget   = 250 << 20
)

func main() {
	runs := flag.Int("runs", 3, "fresh starts to measure")
	flag.Parse()
	if err := run(*runs); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(runs int) error {
	tmp, err := os.MkdirTemp("", "sporthub-startup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := testkit.BuildSporthub(tmp)
	if err != nil {
		return err
	}
	var worstReady time.Duration
	var worstRSS int64
	for i := 0; i < runs; i++ {
		ready, rss, err := measure(bin, filepath.Join(tmp, fmt.Sprintf("data-%d", i)))
		if err != nil {
			return err
		}
		fmt.Printf("run %d: ready in %d ms, idle RSS %.1f MB\n", i+1, ready.Milliseconds(), float64(rss)/(1<<20))
		worstReady, worstRSS = max(worstReady, ready), max(worstRSS, rss)
	}
	fmt.Printf("startup (worst of %d): ready in %d ms = %.0f%% of the %d ms budget, idle RSS %.0f MB = %.0f%% of the %d MB budget\n",
		runs, worstReady.Milliseconds(), 100*float64(worstReady)/float64(readyBudget), readyBudget.Milliseconds(),
		float64(worstRSS)/(1<<20), 100*float64(worstRSS)/float64(rssBudget), rssBudget>>20)
	return nil
}

// measure starts the binary on a fresh data dir and returns the time to a
// 200 from /readyz and the resident memory a second after that.
func measure(bin, dataDir string) (time.Duration, int64, error) {
	port, err := freePort()
	if err != nil {
		return 0, 0, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(os.Environ(), "SPORTHUB_HTTP_ADDR="+addr, "SPORTHUB_DATA_DIR="+dataDir, "SPORTHUB_LOG_LEVEL=warn")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for {
		if ctx.Err() != nil {
			return 0, 0, fmt.Errorf("not ready within 30 s")
		}
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	ready := time.Since(start)
	time.Sleep(time.Second)
	rss, err := vmRSS(cmd.Process.Pid)
	return ready, rss, err
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func vmRSS(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}
