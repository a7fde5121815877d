package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// gcraScript applies one request to the bucket at KEYS[1] atomically, with
// the time taken from the Redis server so every replica agrees on it.
// ARGV: interval (µs per token), burst. Returns {allowed, remaining,
// retry_after_µs}. The bucket is a hash {tat = theoretical arrival time in
// µs}; it expires once it has refilled, since a full bucket is no bucket.
var gcraScript = redis.NewScript(`
if redis.replicate_commands then redis.replicate_commands() end
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tau = interval * burst
local tat = tonumber(redis.call('HGET', KEYS[1], 'tat'))
if not tat or tat < now then tat = now end
local nexttat = tat + interval
local ahead = nexttat - now
if ahead > tau then
  return {0, 0, math.ceil(ahead - tau)}
end
redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', nexttat))
redis.call('PEXPIRE', KEYS[1], math.ceil(ahead / 1000) + 1000)
return {1, math.floor((tau - ahead) / interval), 0}
`)

// RedisOption tunes a Redis limiter.
type RedisOption func(*Redis)

// WithCallTimeout bounds each call to Redis (default 100ms). The client must
// have ContextTimeoutEnabled for a deadline to cut a slow read short.
func WithCallTimeout(d time.Duration) RedisOption {
	return func(r *Redis) { r.timeout = d }
}

// WithOutageBackoff sets how long the limiter stops calling Redis after a
// failed call, failing fast instead (default 1s): during an outage requests
// then do not each wait for a connect timeout.
func WithOutageBackoff(d time.Duration) RedisOption {
	return func(r *Redis) { r.backoff = d }
}

// ErrBackoff is returned, wrapped, while the limiter skips Redis after a failure.
var ErrBackoff = errors.New("ratelimit: redis failed recently; not calling it")

// Redis is a Limiter whose buckets live in Redis, shared by every Redis
// value (in any process) built with the same prefix and rule.
type Redis struct {
	client   redis.UniversalClient
	prefix   string
	interval string // µs per token, as sent to the script
	burst    int
	timeout  time.Duration
	backoff  time.Duration
	downTill atomic.Int64 // unix ns until which Redis is not called
}

// NewRedis returns a limiter applying rule to every key, storing the bucket
// of key at prefix+key. It panics if rule.Validate fails: validate
// configuration first.
func NewRedis(client redis.UniversalClient, prefix string, rule Rule, opts ...RedisOption) *Redis {
	newGCRA(rule) // validates
	r := &Redis{
		client:   client,
		prefix:   prefix,
		interval: strconv.FormatFloat(1e6/rule.Rate, 'f', -1, 64),
		burst:    rule.Burst,
		timeout:  100 * time.Millisecond,
		backoff:  time.Second,
	}
	for _, opt := range opts {
		opt(r)
	}
	return r
}

// Allow takes a token from key's bucket in Redis if it has one.
func (r *Redis) Allow(ctx context.Context, key string) (Result, error) {
	if until := r.downTill.Load(); until != 0 && time.Now().UnixNano() < until {
		return Result{}, fmt.Errorf("rate limit %s: %w", key, ErrBackoff)
	}
	callCtx := ctx
	if r.timeout > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, r.timeout)
		defer cancel()
	}
	vals, err := gcraScript.Run(callCtx, r.client, []string{r.prefix + key}, r.interval, r.burst).Int64Slice()
	if err == nil && len(vals) != 3 {
		err = fmt.Errorf("unexpected script reply %v", vals)
	}
	if err != nil {
		if ctx.Err() == nil { // Redis failed, not merely the caller giving up
			r.downTill.Store(time.Now().Add(r.backoff).UnixNano())
		}
		return Result{}, fmt.Errorf("rate limit %s: %w", key, err)
	}
	if r.downTill.Load() != 0 {
		r.downTill.Store(0)
	}
	return Result{
		Allowed:    vals[0] == 1,
		Limit:      r.burst,
		Remaining:  int(vals[1]),
		RetryAfter: time.Duration(vals[2]) * time.Microsecond,
	}, nil
}
