package ratelimit_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
)

// fakeClock is a settable time source.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func allow(t *testing.T, l ratelimit.Limiter, key string, want ratelimit.Result) {
	t.Helper()
	got, err := l.Allow(t.Context(), key)
	if err != nil {
		t.Fatalf("Allow(%q): %v", key, err)
	}
	if got != want {
		t.Fatalf("Allow(%q) = %+v, want %+v", key, got, want)
	}
}

func TestMemoryBurstAndRefill(t *testing.T) {
	clock := newFakeClock()
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 2, Burst: 4}, ratelimit.WithClock(clock.Now))
	ok := func(remaining int) ratelimit.Result {
		return ratelimit.Result{Allowed: true, Limit: 4, Remaining: remaining}
	}
	denied := func(retry time.Duration) ratelimit.Result {
		return ratelimit.Result{Limit: 4, RetryAfter: retry}
	}

	for _, remaining := range []int{3, 2, 1, 0} {
		allow(t, l, "alice", ok(remaining))
	}
	allow(t, l, "alice", denied(500*time.Millisecond))
	allow(t, l, "bob", ok(3)) // buckets are per key

	clock.Advance(250 * time.Millisecond)
	allow(t, l, "alice", denied(250*time.Millisecond)) // half a token refilled
	clock.Advance(250 * time.Millisecond)
	allow(t, l, "alice", ok(0))
	allow(t, l, "alice", denied(500*time.Millisecond)) // denials take nothing

	clock.Advance(1500 * time.Millisecond) // three tokens
	allow(t, l, "alice", ok(2))
	clock.Advance(time.Hour) // refills to the burst, never beyond
	allow(t, l, "alice", ok(3))
}

func TestMemoryIsExactUnderConcurrency(t *testing.T) {
	clock := newFakeClock()
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 1, Burst: 50}, ratelimit.WithClock(clock.Now))
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if res, _ := l.Allow(t.Context(), "shared"); res.Allowed {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if allowed.Load() != 50 {
		t.Fatalf("allowed %d of 800 concurrent requests, want the burst 50", allowed.Load())
	}
}

func TestMemoryEvictsRefilledBuckets(t *testing.T) {
	clock := newFakeClock()
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 10, Burst: 5}, ratelimit.WithClock(clock.Now))
	for i := range 10_000 {
		allow(t, l, fmt.Sprintf("client-%d", i), ratelimit.Result{Allowed: true, Limit: 5, Remaining: 4})
	}
	if n := l.Len(); n != 10_000 {
		t.Fatalf("Len() = %d, want 10000", n)
	}
	clock.Advance(2 * time.Second) // all refilled; past the sweep period
	for i := range 1000 {
		allow(t, l, fmt.Sprintf("new-%d", i), ratelimit.Result{Allowed: true, Limit: 5, Remaining: 4})
	}
	if n := l.Len(); n != 1000 {
		t.Fatalf("Len() = %d after the old clients went idle, want only the 1000 new ones", n)
	}
	// An evicted client starts again with a full bucket, as it would have anyway.
	allow(t, l, "client-1", ratelimit.Result{Allowed: true, Limit: 5, Remaining: 4})
}

func TestMemoryCapsKeysUnderAFlood(t *testing.T) {
	clock := newFakeClock()
	l := ratelimit.NewMemory(ratelimit.Rule{Rate: 1, Burst: 1}, ratelimit.WithClock(clock.Now), ratelimit.WithMaxKeys(640))
	for i := range 20_000 { // all at one instant: nothing has refilled
		if _, err := l.Allow(t.Context(), fmt.Sprintf("spoofed-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := l.Len(); n > 640 {
		t.Fatalf("Len() = %d, want at most 640", n)
	}
}

func TestRuleValidate(t *testing.T) {
	if err := (ratelimit.Rule{Rate: 0.5, Burst: 10}).Validate(); err != nil {
		t.Fatalf("valid rule: %v", err)
	}
	for _, r := range []ratelimit.Rule{{Rate: 0, Burst: 1}, {Rate: -1, Burst: 1}, {Rate: 1, Burst: 0}, {Rate: 1e-12, Burst: 1}} {
		if err := r.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", r)
		}
	}
}
