package lifecycle

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder notes the order services start and stop in.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) add(e string) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

func svc(name string, rec *recorder, fail error) Service {
	return Func{ServiceName: name, RunFunc: func(ctx context.Context, ready func()) error {
		rec.add("start " + name)
		ready()
		if fail != nil {
			return fail
		}
		<-ctx.Done()
		rec.add("stop " + name)
		return nil
	}}
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestStartsInOrderAndStopsInReverse(t *testing.T) {
	rec := &recorder{}
	m, err := NewManager(quiet(),
		Entry{Service: svc("server", rec, nil), Deps: []string{"catalog", "bus"}},
		Entry{Service: svc("catalog", rec, nil), Deps: []string{"bus"}},
		Entry{Service: svc("bus", rec, nil)},
	)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	readyc := make(chan struct{})
	done := make(chan error)
	go func() { done <- m.Run(ctx, func() { close(readyc) }) }()
	select {
	case <-readyc:
	case <-time.After(5 * time.Second):
		t.Fatal("never ready")
	}
	if nr := m.NotRunning(); len(nr) != 0 {
		t.Fatalf("not running after ready: %v", nr)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := "start bus,start catalog,start server,stop server,stop catalog,stop bus"
	if got := strings.Join(rec.list(), ","); got != want {
		t.Fatalf("order = %s\nwant    %s", got, want)
	}
	for name, st := range m.States() {
		if st != Terminated {
			t.Errorf("%s ended %v", name, st)
		}
	}
}

func TestFailureStopsEverything(t *testing.T) {
	rec := &recorder{}
	boom := errors.New("boom")
	m, err := NewManager(quiet(),
		Entry{Service: svc("bus", rec, nil)},
		Entry{Service: Func{ServiceName: "catalog", RunFunc: func(ctx context.Context, ready func()) error {
			ready()
			time.Sleep(20 * time.Millisecond)
			return boom
		}}, Deps: []string{"bus"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	err = m.Run(context.Background(), nil)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "catalog") {
		t.Fatalf("err = %v, want catalog's failure", err)
	}
	if got := rec.list(); got[len(got)-1] != "stop bus" {
		t.Fatalf("bus not stopped after the failure: %v", got)
	}
	if m.States()["catalog"] != Failed {
		t.Fatalf("catalog state = %v", m.States()["catalog"])
	}
}

func TestStartupFailureNeverStartsDependents(t *testing.T) {
	rec := &recorder{}
	m, _ := NewManager(quiet(),
		Entry{Service: Func{ServiceName: "bus", RunFunc: func(ctx context.Context, ready func()) error {
			return errors.New("cannot open store")
		}}},
		Entry{Service: svc("catalog", rec, nil), Deps: []string{"bus"}},
	)
	if err := m.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "cannot open store") {
		t.Fatalf("err = %v", err)
	}
	for _, e := range rec.list() {
		if e == "start catalog" {
			t.Fatal("catalog started although its dependency failed")
		}
	}
}

func TestReturningEarlyIsAFailure(t *testing.T) {
	m, _ := NewManager(quiet(), Entry{Service: Func{ServiceName: "quitter", RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		return nil
	}}})
	if err := m.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "stopped on its own") {
		t.Fatalf("err = %v", err)
	}
}

func TestPanicIsAFailure(t *testing.T) {
	m, _ := NewManager(quiet(), Entry{Service: Func{ServiceName: "panicky", RunFunc: func(ctx context.Context, ready func()) error {
		panic("oops")
	}}})
	if err := m.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "panic: oops") {
		t.Fatalf("err = %v", err)
	}
}

func TestGraphErrors(t *testing.T) {
	rec := &recorder{}
	if _, err := NewManager(quiet(), Entry{Service: svc("a", rec, nil), Deps: []string{"b"}},
		Entry{Service: svc("b", rec, nil), Deps: []string{"a"}}); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("cycle: %v", err)
	}
	if _, err := NewManager(quiet(), Entry{Service: svc("a", rec, nil), Deps: []string{"missing"}}); err == nil {
		t.Fatal("missing dependency accepted")
	}
	if _, err := NewManager(quiet(), Entry{Service: svc("a", rec, nil)}, Entry{Service: svc("a", rec, nil)}); err == nil {
		t.Fatal("duplicate accepted")
	}
}

// TestRunAllStopsTheRestWhenOneFails: RunAll reports ready once every
// service is, and a service that fails stops the others and names itself.
func TestRunAllStopsTheRestWhenOneFails(t *testing.T) {
	fail := make(chan struct{})
	stopped := make(chan struct{})
	steady := Func{ServiceName: "steady", RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		<-ctx.Done()
		close(stopped)
		return nil
	}}
	flaky := Func{ServiceName: "flaky", RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		<-fail
		return errors.New("disk gone")
	}}
	readyc := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- RunAll(context.Background(), func() { close(readyc) }, slog.New(slog.DiscardHandler), steady, flaky)
	}()
	select {
	case <-readyc:
	case <-time.After(5 * time.Second):
		t.Fatal("not ready")
	}
	close(fail)
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "flaky") || !strings.Contains(err.Error(), "disk gone") {
			t.Fatalf("RunAll error = %v, want flaky's failure", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("RunAll did not return after a failure")
	}
	select {
	case <-stopped:
	default:
		t.Fatal("the steady service was not stopped")
	}
}
