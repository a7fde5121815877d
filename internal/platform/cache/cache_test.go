package cache

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// conformance checks the behaviour every Cache shares.
func conformance(t *testing.T, c Cache, wait func(time.Duration)) {
	ctx := context.Background()
	if _, ok, err := c.Get(ctx, "missing"); ok || err != nil {
		t.Fatalf("missing key: ok=%v err=%v", ok, err)
	}
	if err := c.Set(ctx, "k", []byte("v1"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := c.Set(ctx, "k", []byte("v2"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := c.Get(ctx, "k"); !ok || err != nil || string(v) != "v2" {
		t.Fatalf("get = %q %v %v, want v2", v, ok, err)
	}
	if err := c.Delete(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := c.Get(ctx, "k"); ok {
		t.Fatal("deleted key still present")
	}
	if err := c.Set(ctx, "short", []byte("x"), 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	wait(120 * time.Millisecond)
	if _, ok, _ := c.Get(ctx, "short"); ok {
		t.Fatal("expired key still present")
	}
	if err := c.Set(ctx, "bad", []byte("x"), 0); err == nil {
		t.Fatal("zero ttl accepted")
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory(3)
	now := time.Unix(1000, 0)
	m.now = func() time.Time { return now }
	conformance(t, m, func(d time.Duration) { now = now.Add(d) })

	ctx := context.Background()
	for i := 0; i < 4; i++ {
		_ = m.Set(ctx, fmt.Sprint(i), []byte("x"), time.Hour)
		if i == 2 {
			_, _, _ = m.Get(ctx, "0") // 0 becomes most recently used
		}
	}
	if _, ok, _ := m.Get(ctx, "1"); ok {
		t.Fatal("least recently used entry not evicted")
	}
	for _, k := range []string{"0", "2", "3"} {
		if _, ok, _ := m.Get(ctx, k); !ok {
			t.Fatalf("entry %s evicted", k)
		}
	}
}

func TestRedis(t *testing.T) {
	opt, err := redis.ParseURL(testkit.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	client := redis.NewClient(opt)
	defer client.Close()
	conformance(t, NewRedis(client, testkit.UniqueName("cachetest:")+":"), time.Sleep)
}
