package ratelimit

import (
	"context"
	"hash/maphash"
	"strings"
	"sync"
	"time"
)

const (
	shardCount     = 64
	DefaultMaxKeys = 1 << 18 // buckets a Memory holds at most (about 20 MB)
	minSweepEvery  = time.Second
	maxSweepEvery  = time.Minute
)

// MemoryOption tunes a Memory limiter.
type MemoryOption func(*Memory)

// WithClock makes the limiter read time from now instead of time.Now.
func WithClock(now func() time.Time) MemoryOption {
	return func(m *Memory) { m.clock = now }
}

// WithMaxKeys caps the buckets held at once (default DefaultMaxKeys). Past
// the cap an arbitrary bucket is dropped, which hands its client a full one.
func WithMaxKeys(n int) MemoryOption {
	return func(m *Memory) { m.maxKeys = n }
}

// Memory is an in-process Limiter: buckets live in sharded maps, each under
// its own mutex. A bucket that has refilled is the same as no bucket, so
// each shard drops those now and then: memory follows the clients active
// within one refill period, not every client ever seen.
type Memory struct {
	g          gcra
	clock      func() time.Time
	epoch      time.Time
	maxKeys    int
	perShard   int
	sweepEvery int64
	seed       maphash.Seed
	shards     [shardCount]shard
}

type shard struct {
	mu        sync.Mutex
	tats      map[string]int64 // key -> theoretical arrival time (ns since epoch)
	lastSweep int64
	_         [40]byte // keeps neighbouring shards' locks off one cache line
}

// NewMemory returns an in-memory limiter applying rule to every key. It
// panics if rule.Validate fails: validate configuration first.
func NewMemory(rule Rule, opts ...MemoryOption) *Memory {
	m := &Memory{g: newGCRA(rule), clock: time.Now, maxKeys: DefaultMaxKeys, seed: maphash.MakeSeed()}
	for _, opt := range opts {
		opt(m)
	}
	m.epoch = m.clock()
	m.perShard = max(1, m.maxKeys/shardCount)
	m.sweepEvery = int64(min(max(time.Duration(m.g.tau), minSweepEvery), maxSweepEvery))
	for i := range m.shards {
		m.shards[i].tats = make(map[string]int64)
	}
	return m
}

// Allow takes a token from key's bucket if it has one. It never fails.
func (m *Memory) Allow(_ context.Context, key string) (Result, error) {
	now := int64(m.clock().Sub(m.epoch))
	s := &m.shards[maphash.String(m.seed, key)%shardCount]
	s.mu.Lock()
	defer s.mu.Unlock()
	if now-s.lastSweep >= m.sweepEvery {
		s.sweep(now)
	}
	tat, ok := s.tats[key]
	next, res := m.g.decide(tat, now)
	if !res.Allowed {
		return res, nil
	}
	if !ok {
		if len(s.tats) >= m.perShard {
			s.sweep(now)
			for k := range s.tats { // still full: drop an arbitrary bucket
				if len(s.tats) < m.perShard {
					break
				}
				delete(s.tats, k)
			}
		}
		key = strings.Clone(key) // do not pin the caller's larger string
	}
	s.tats[key] = next
	return res, nil
}

// Len returns how many buckets the limiter holds.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.tats)
		s.mu.Unlock()
	}
	return n
}

// sweep drops the buckets that have refilled; the caller holds mu.
func (s *shard) sweep(now int64) {
	s.lastSweep = now
	for k, tat := range s.tats {
		if tat <= now {
			delete(s.tats, k)
		}
	}
}
