package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"
)

// Entry is a service with the names of the services it needs running first.
type Entry struct {
	Service Service
	Deps    []string
}

// Manager runs services in dependency order.
type Manager struct {
	logger  *slog.Logger
	entries map[string]*entry
	order   []string // dependencies before dependents

	mu sync.Mutex
}

type entry struct {
	Entry
	state   State
	cancel  context.CancelFunc
	done    chan struct{}
	err     error
	readyCh chan struct{}
}

// NewManager checks the dependency graph (every dependency present, no
// cycles) and returns a manager ready to Run.
func NewManager(logger *slog.Logger, entries ...Entry) (*Manager, error) {
	m := &Manager{logger: logger, entries: map[string]*entry{}}
	for _, e := range entries {
		name := e.Service.Name()
		if _, dup := m.entries[name]; dup {
			return nil, fmt.Errorf("service %q registered twice", name)
		}
		m.entries[name] = &entry{Entry: e, done: make(chan struct{}), readyCh: make(chan struct{})}
	}
	for name, e := range m.entries {
		for _, d := range e.Deps {
			if _, ok := m.entries[d]; !ok {
				return nil, fmt.Errorf("service %q needs %q, which is not in this process", name, d)
			}
		}
	}
	order, err := TopoSort(func(name string) []string { return m.entries[name].Deps }, m.names())
	if err != nil {
		return nil, err
	}
	m.order = order
	return m, nil
}

func (m *Manager) names() []string {
	names := make([]string, 0, len(m.entries))
	for n := range m.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TopoSort orders names so that each comes after its dependencies, and
// reports a cycle as an error naming its members.
func TopoSort(deps func(string) []string, names []string) ([]string, error) {
	const (
		unseen = iota
		visiting
		done
	)
	mark := map[string]int{}
	var order []string
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		switch mark[n] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("dependency cycle: %v", append(path, n))
		}
		mark[n] = visiting
		ds := append([]string(nil), deps(n)...)
		sort.Strings(ds)
		for _, d := range ds {
			if err := visit(d, append(path, n)); err != nil {
				return err
			}
		}
		mark[n] = done
		order = append(order, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// Run starts every service after its dependencies are running and blocks
// until ctx is cancelled or a service fails; then it stops the services in
// reverse order, each after its dependents have stopped. It returns the
// first failure, or nil after a clean shutdown.
func (m *Manager) Run(ctx context.Context, onReady func()) error {
	failed := make(chan error, len(m.entries))
	for _, name := range m.order {
		e := m.entries[name]
		go m.start(ctx, e, failed)
	}
	readyAll := make(chan struct{})
	go func() {
		for _, name := range m.order {
			select {
			case <-m.entries[name].readyCh:
			case <-ctx.Done():
				return
			}
		}
		close(readyAll)
	}()
	var runErr error
	for waiting := true; waiting; {
		select {
		case <-readyAll:
			readyAll = nil
			if onReady != nil {
				onReady()
			}
		case err := <-failed:
			runErr = err
			waiting = false
		case <-ctx.Done():
			waiting = false
		}
	}
	m.stopAll()
	return runErr
}

func (m *Manager) start(ctx context.Context, e *entry, failed chan<- error) {
	for _, d := range e.Deps {
		dep := m.entries[d]
		select {
		case <-dep.readyCh:
		case <-dep.done:
			m.abandon(e)
			return
		case <-ctx.Done():
			m.abandon(e)
			return
		}
	}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.mu.Lock()
	if e.state != New { // stopAll got here first
		m.mu.Unlock()
		cancel()
		return
	}
	e.cancel = cancel
	e.state = Starting
	m.mu.Unlock()
	name := e.Service.Name()
	m.logger.Debug("service starting", "service", name)
	var once sync.Once
	ready := func() {
		once.Do(func() {
			m.setState(e, Running)
			m.logger.Info("service running", "service", name)
			close(e.readyCh)
		})
	}
	err := runSafely(sctx, e.Service, ready)
	if err == nil && sctx.Err() == nil {
		err = errors.New("stopped on its own")
	}
	if sctx.Err() != nil && err != nil && errors.Is(err, context.Canceled) {
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("service %s failed: %w", name, err)
		m.logger.Error("service failed; stopping the process", "service", name, "err", err)
		failed <- err
	}
	m.finish(e, err)
}

func runSafely(ctx context.Context, s Service, ready func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.Run(ctx, ready)
}

func (m *Manager) finish(e *entry, err error) {
	m.mu.Lock()
	e.err = err
	if err != nil {
		e.state = Failed
	} else {
		e.state = Terminated
	}
	m.mu.Unlock()
	close(e.done)
}

// abandon ends a service that never started because a dependency stopped
// first; stopAll may already have ended it.
func (m *Manager) abandon(e *entry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e.state == New {
		e.state = Terminated
		close(e.done)
	}
}

func (m *Manager) setState(e *entry, s State) {
	m.mu.Lock()
	if e.state != Failed && e.state != Terminated {
		e.state = s
	}
	m.mu.Unlock()
}

// stopAll stops services in reverse dependency order: a service is asked to
// stop only once everything that depends on it has stopped.
func (m *Manager) stopAll() {
	for i := len(m.order) - 1; i >= 0; i-- {
		e := m.entries[m.order[i]]
		m.mu.Lock()
		switch e.state {
		case New:
			e.state = Terminated
			m.mu.Unlock()
			close(e.done)
			continue
		case Starting, Running:
			e.state = Stopping
		}
		cancel := e.cancel
		m.mu.Unlock()
		start := time.Now()
		if cancel != nil {
			cancel()
		}
		<-e.done
		m.logger.Info("service stopped", "service", e.Service.Name(), "took", time.Since(start).Round(time.Millisecond).String())
	}
}

// States returns every service's state.
func (m *Manager) States() map[string]State {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]State, len(m.entries))
	for n, e := range m.entries {
		out[n] = e.state
	}
	return out
}

// NotRunning lists the services that are not running, sorted, with their state.
func (m *Manager) NotRunning() []string {
	var out []string
	for n, s := range m.States() {
		if s != Running {
			out = append(out, n+": "+s.String())
		}
	}
	sort.Strings(out)
	return out
}

// RunAll runs services that do not depend on one another (a service's
// relay, consumers and loops) under one Manager: onReady once all of them
// are, and when one fails the others stop and its error is returned.
func RunAll(ctx context.Context, onReady func(), logger *slog.Logger, services ...Service) error {
	entries := make([]Entry, len(services))
	for i, s := range services {
		entries[i] = Entry{Service: s}
	}
	m, err := NewManager(logger, entries...)
	if err != nil {
		return err
	}
	return m.Run(ctx, onReady)
}
