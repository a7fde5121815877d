package ratelimit_test

import (
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/testkit"
)

func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	opts, err := redis.ParseURL(testkit.RedisURL(t))
	if err != nil {
		t.Fatalf("parse redis url: %v", err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Ping(t.Context()).Err(); err != nil {
		t.Fatalf("ping redis: %v", err)
	}
	return c
}

func TestRedisReplicasShareOneBucket(t *testing.T) {
	prefix := testkit.UniqueName("sporthub:test:rl:") + ":"
	rule := ratelimit.Rule{Rate: 1, Burst: 3}
	a := ratelimit.NewRedis(redisClient(t), prefix, rule) // replica A with its own connection pool
	b := ratelimit.NewRedis(redisClient(t), prefix, rule) // replica B
	replicas := []*ratelimit.Redis{a, b, a}
	for i, remaining := range []int{2, 1, 0} {
		allow(t, replicas[i], "alice", ratelimit.Result{Allowed: true, Limit: 3, Remaining: remaining})
	}
	res, err := b.Allow(t.Context(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if res.Allowed || res.Remaining != 0 || res.RetryAfter <= 0 || res.RetryAfter > time.Second {
		t.Fatalf("fourth request across replicas = %+v, want denied with RetryAfter in (0, 1s]", res)
	}
	allow(t, a, "bob", ratelimit.Result{Allowed: true, Limit: 3, Remaining: 2}) // per key

	check := redisClient(t)
	ttl, err := check.PTTL(t.Context(), prefix+"alice").Result()
	if err != nil || ttl <= 0 || ttl > 5*time.Second {
		t.Fatalf("bucket TTL = %s (%v), want it to expire once refilled (about 3s)", ttl, err)
	}
	if n, err := check.HLen(t.Context(), prefix+"alice").Result(); err != nil || n != 1 {
		t.Fatalf("bucket hash has %d fields (%v), want 1", n, err)
	}
	t.Cleanup(func() { check.Del(t.Context(), prefix+"alice", prefix+"bob") })
}

func TestRedisRefills(t *testing.T) {
	prefix := testkit.UniqueName("sporthub:test:rl:") + ":"
	l := ratelimit.NewRedis(redisClient(t), prefix, ratelimit.Rule{Rate: 20, Burst: 1})
	allow(t, l, "k", ratelimit.Result{Allowed: true, Limit: 1, Remaining: 0})
	res, err := l.Allow(t.Context(), "k")
	if err != nil || res.Allowed || res.RetryAfter <= 0 || res.RetryAfter > 50*time.Millisecond {
		t.Fatalf("second request = %+v, %v; want denied for at most 50ms", res, err)
	}
	time.Sleep(res.RetryAfter + 5*time.Millisecond)
	allow(t, l, "k", ratelimit.Result{Allowed: true, Limit: 1, Remaining: 0})
}
