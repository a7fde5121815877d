package testkit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// BuildSporthub builds the module's ./cmd/sporthub into dir and returns
// the binary's path, for tests and benchmarks that run the real binary as
// a process. The module is found from the working directory upwards.
func BuildSporthub(dir string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "sporthub")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/sporthub")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build sporthub: %w\n%s", err, out)
	}
	return bin, nil
}

// MainWithSporthub is a TestMain body for a package of process tests: it
// builds the binary into a temp dir, stores its path in *bin, runs the
// tests and returns their exit code.
func MainWithSporthub(m *testing.M, name string, bin *string) int {
	dir, err := os.MkdirTemp("", "sporthub-"+name+"-")
	if err != nil {
		fmt.Fprintln(os.Stderr, name+": temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	if *bin, err = BuildSporthub(dir); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		return 1
	}
	return m.Run()
}

// ModuleRoot walks up from the working directory to the go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find module root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// LineSink writes a process's output to W and hands each complete line to
// OnLine (exec.Cmd may write to it from several goroutines).
type LineSink struct {
	W      io.Writer
	OnLine func([]byte)

	mu   sync.Mutex
	part []byte
}

// Write implements io.Writer.
func (s *LineSink) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.W.Write(b); err != nil {
		return 0, err
	}
	s.part = append(s.part, b...)
	for {
		i := bytes.IndexByte(s.part, '\n')
		if i < 0 {
			return len(b), nil
		}
		s.OnLine(s.part[:i])
		s.part = s.part[i+1:]
	}
}

// FreePort returns a loopback port nothing listens on right now.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
