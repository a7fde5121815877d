package proctest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Budgets of quality.md P8 for the whole platform on embedded defaults.
const (
	readyBudget   = 3 * time.Second
	idleRSSBudget = 250 << 20
)

// TestReadyWithinThreeSeconds (quality.md P8) starts the whole platform on
// a fresh data dir (embedded NATS, SQLite, demo data loaded on this first
// start) and measures the time from process start to /readyz answering
// 200, and the resident memory once it idles.
func TestReadyWithinThreeSeconds(t *testing.T) {
	p := startProc(t, "ready", []string{"SPORTHUB_TARGET=all", "SPORTHUB_DATA_DIR=" + t.TempDir()})
	took := p.waitReady(30 * time.Second)
	time.Sleep(500 * time.Millisecond) // let start-up work (the relay's first rounds) settle
	rss := vmRSS(t, p.cmd.Process.Pid)
	t.Logf("ready %s after start (budget %s); idle RSS %.1f MB (budget %d MB)",
		took.Round(time.Millisecond), readyBudget, float64(rss)/(1<<20), idleRSSBudget>>20)
	if took > readyBudget {
		t.Errorf("ready after %s, over the %s budget", took, readyBudget)
	}
	if rss > idleRSSBudget {
		t.Errorf("idle RSS %d MB, over the %d MB budget", rss>>20, idleRSSBudget>>20)
	}
}

// vmRSS returns a process's resident set size in bytes from /proc.
func vmRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("parse %q: %v", l, err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}
