package upstream

import (
	"sync"
	"sync/atomic"
	"time"
)

// BreakerState is the state of one instance's circuit breaker.
type BreakerState int32

// The breaker states. Closed lets every request through; Open rejects them
// until the cooldown has passed; HalfOpen lets exactly one trial through,
// whose outcome closes or re-opens the circuit.
const (
	Closed BreakerState = iota
	HalfOpen
	Open
)

// String returns the state's lowercase name.
func (s BreakerState) String() string {
	switch s {
	case Closed:
		return "closed"
	case HalfOpen:
		return "half_open"
	case Open:
		return "open"
	}
	return "unknown"
}

// breaker is a consecutive-failure circuit breaker. The closed state's
// common path (allow, then success with no failure streak) takes no lock.
type breaker struct {
	threshold int32
	cooldown  time.Duration
	now       func() time.Time
	onChange  func(from, to BreakerState)

	state  atomic.Int32 // BreakerState; written under mu
	streak atomic.Int32 // consecutive failures while closed; written under mu

	mu       sync.Mutex
	openedAt time.Time
	trial    bool // a half-open trial request is in flight
}

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time, onChange func(from, to BreakerState)) *breaker {
	return &breaker{threshold: int32(threshold), cooldown: cooldown, now: now, onChange: onChange}
}

// State returns the current state; an open circuit whose cooldown has passed
// still reads Open until a request takes the trial.
func (b *breaker) State() BreakerState { return BreakerState(b.state.Load()) }

// allow reports whether a request may go to the instance now and whether it
// is the half-open trial. Every allowed request must be followed by exactly
// one of success, failure or release with the same trial flag.
func (b *breaker) allow() (ok, trial bool) {
	if b.State() == Closed {
		return true, false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.State() {
	case Closed:
		return true, false
	case Open:
		if b.now().Sub(b.openedAt) < b.cooldown {
			return false, false
		}
		b.set(HalfOpen)
		b.trial = true
		return true, true
	default: // HalfOpen
		if b.trial {
			return false, false
		}
		b.trial = true
		return true, true
	}
}

// ready reports whether allow could let a request through now.
func (b *breaker) ready() bool {
	switch b.State() {
	case Closed:
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.State() {
	case Open:
		return b.now().Sub(b.openedAt) >= b.cooldown
	case HalfOpen:
		return !b.trial
	}
	return true
}

// reopensIn returns how long until an open circuit admits a trial, or 0.
func (b *breaker) reopensIn() time.Duration {
	if b.State() != Open {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.State() != Open {
		return 0
	}
	return max(0, b.cooldown-b.now().Sub(b.openedAt))
}

// success records an attempt that got a usable answer.
func (b *breaker) success(trial bool) {
	if b.State() == Closed && b.streak.Load() == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.State() {
	case Closed:
		b.streak.Store(0)
	case HalfOpen:
		if trial {
			b.trial = false
			b.streak.Store(0)
			b.set(Closed)
		}
	}
	// Open: a late answer to a request sent before the circuit opened proves
	// little; only the trial may close it.
}

// failure records a failed attempt (connection error, timeout, 502/503/504).
func (b *breaker) failure(trial bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.State() {
	case Closed:
		if b.streak.Add(1) >= b.threshold {
			b.openedAt = b.now()
			b.set(Open)
		}
	case HalfOpen:
		if trial {
			b.trial = false
			b.openedAt = b.now()
			b.set(Open)
		}
	}
}

// release gives back an allowance whose attempt ended without a verdict
// (the client went away), so a half-open circuit can run another trial.
func (b *breaker) release(trial bool) {
	if !trial {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.State() == HalfOpen {
		b.trial = false
	}
}

// set changes the state; the caller holds mu.
func (b *breaker) set(to BreakerState) {
	from := BreakerState(b.state.Swap(int32(to)))
	if from != to && b.onChange != nil {
		b.onChange(from, to)
	}
}
