// Package testkit holds helpers shared by SportHub tests: access to the
// external servers CI provides (PostgreSQL, NATS, Redis) and unique names so
// parallel tests never collide.
//
// External servers are found through environment variables. When a variable
// is unset the test is skipped, unless SPORTHUB_TEST_REQUIRE_EXTERNAL=1, in
// which case it fails: CI sets that, so a missing server never passes silently.
package testkit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"sync"
	"testing"
)

// Environment variables naming the external servers tests may use.
const (
	EnvRequireExternal = "SPORTHUB_TEST_REQUIRE_EXTERNAL"
	EnvPostgresDSN     = "SPORTHUB_TEST_POSTGRES_DSN" // e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
	EnvNATSURL         = "SPORTHUB_TEST_NATS_URL"     // e.g. nats://127.0.0.1:4222
	EnvRedisURL        = "SPORTHUB_TEST_REDIS_URL"    // e.g. redis://127.0.0.1:6379/0
	EnvMQTTURL         = "SPORTHUB_TEST_MQTT_URL"     // e.g. tcp://127.0.0.1:1883
)

// External returns the value of env, skipping the test when it is unset, or
// failing it when SPORTHUB_TEST_REQUIRE_EXTERNAL=1.
func External(t testing.TB, env string) string {
	t.Helper()
	v := strings.TrimSpace(os.Getenv(env))
	if v != "" {
		return v
	}
	if os.Getenv(EnvRequireExternal) == "1" {
		t.Fatalf("%s is not set but %s=1: the external server this test needs is missing", env, EnvRequireExternal)
	}
	t.Skipf("%s not set; skipping test against an external server", env)
	return ""
}

// PostgresDSN returns the DSN of the test PostgreSQL server (see External).
func PostgresDSN(t testing.TB) string { return External(t, EnvPostgresDSN) }

// NATSURL returns the URL of the external test NATS server (see External).
func NATSURL(t testing.TB) string { return External(t, EnvNATSURL) }

// RedisURL returns the URL of the test Redis server (see External).
func RedisURL(t testing.TB) string { return External(t, EnvRedisURL) }

// UniqueName returns prefix followed by random lowercase hex, usable as a
// database, schema, stream or key prefix that no other test run shares.
func UniqueName(prefix string) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + hex.EncodeToString(b[:])
}

// SyncBuffer is a bytes.Buffer safe for concurrent writers, e.g. the log
// destination of servers a test runs.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
