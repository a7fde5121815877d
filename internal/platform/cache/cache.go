// Package cache is a byte-value cache with expiry: in-memory by default (one
// process), Redis when configured (shared by every replica). Callers treat
// it as an optimisation: a miss or an error means "ask the source".
package cache

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache stores values under keys for a time.
type Cache interface {
	// Get returns the value and true, or false on a miss.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores value for ttl (> 0).
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Delete removes the key; absent keys are not an error.
	Delete(ctx context.Context, key string) error
}

// Memory is an in-process LRU cache with per-entry expiry.
type Memory struct {
	mu      sync.Mutex
	max     int
	entries map[string]*list.Element
	lru     *list.List // front = most recently used
	now     func() time.Time
}

type entry struct {
	key     string
	value   []byte
	expires time.Time
}

// NewMemory returns a cache holding at most maxEntries (default 10,000).
func NewMemory(maxEntries int) *Memory {
	if maxEntries <= 0 {
		maxEntries = 10000
	}
	return &Memory{max: maxEntries, entries: map[string]*list.Element{}, lru: list.New(), now: time.Now}
}

// Get implements Cache.
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok {
		return nil, false, nil
	}
	e := el.Value.(*entry)
	if !m.now().Before(e.expires) {
		m.lru.Remove(el)
		delete(m.entries, key)
		return nil, false, nil
	}
	m.lru.MoveToFront(el)
	return append([]byte(nil), e.value...), true, nil
}

// Set implements Cache.
func (m *Memory) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return errors.New("cache set: ttl must be positive")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := &entry{key: key, value: append([]byte(nil), value...), expires: m.now().Add(ttl)}
	if el, ok := m.entries[key]; ok {
		el.Value = e
		m.lru.MoveToFront(el)
		return nil
	}
	m.entries[key] = m.lru.PushFront(e)
	for m.lru.Len() > m.max {
		last := m.lru.Back()
		m.lru.Remove(last)
		delete(m.entries, last.Value.(*entry).key)
	}
	return nil
}

// Delete implements Cache.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		m.lru.Remove(el)
		delete(m.entries, key)
	}
	return nil
}

// Redis is a Cache in Redis, with every key under a prefix.
type Redis struct {
	client redis.UniversalClient
	prefix string
}

// NewRedis returns a cache storing keys as prefix+key in client.
func NewRedis(client redis.UniversalClient, prefix string) *Redis {
	return &Redis{client: client, prefix: prefix}
}

// Get implements Cache.
func (r *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := r.client.Get(ctx, r.prefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cache get %s: %w", key, err)
	}
	return b, true, nil
}

// Set implements Cache.
func (r *Redis) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return errors.New("cache set: ttl must be positive")
	}
	if err := r.client.Set(ctx, r.prefix+key, value, ttl).Err(); err != nil {
		return fmt.Errorf("cache set %s: %w", key, err)
	}
	return nil
}

// Delete implements Cache.
func (r *Redis) Delete(ctx context.Context, key string) error {
	if err := r.client.Del(ctx, r.prefix+key).Err(); err != nil {
		return fmt.Errorf("cache delete %s: %w", key, err)
	}
	return nil
}

var (
	_ Cache = (*Memory)(nil)
	_ Cache = (*Redis)(nil)
)
