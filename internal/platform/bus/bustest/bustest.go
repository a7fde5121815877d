// Package bustest opens buses for tests - on an embedded NATS server in a
// temp dir, or on the external test server (testkit.NATSURL) under unique
// stream and subject prefixes - and reads back what was published, so a
// service test can assert the events it emitted.
package bustest

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// Option adjusts how a test bus is opened.
type Option func(*options)

type options struct {
	reg    prometheus.Registerer
	logger *slog.Logger
	cfg    func(*bus.Config)
}

// WithRegistry registers the bus's metrics with reg (default: a fresh
// registry per bus).
func WithRegistry(reg prometheus.Registerer) Option { return func(o *options) { o.reg = reg } }

// WithLogger sends the bus's logs to l (default: discarded).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithConfig edits the configuration before the bus opens.
func WithConfig(fn func(*bus.Config)) Option { return func(o *options) { o.cfg = fn } }

// Embedded opens a bus on its own embedded server, stored in a temp dir,
// and closes it when the test ends.
func Embedded(t testing.TB, opts ...Option) *bus.Bus {
	t.Helper()
	return open(t, bus.Config{DataDir: t.TempDir()}, opts)
}

// External opens a bus on the external test NATS under a unique stream and
// subject prefix, and deletes its streams when the test ends. Like every
// testkit helper it skips the test when no server is configured.
func External(t testing.TB, opts ...Option) *bus.Bus {
	t.Helper()
	url := testkit.NATSURL(t)
	id := testkit.UniqueName("t")
	b := open(t, bus.Config{URL: url, StreamPrefix: strings.ToUpper(id), SubjectPrefix: id}, opts)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, s := range b.Streams() {
			_ = b.JetStream().DeleteStream(ctx, s)
		}
	})
	return b
}

// ForEachServer runs fn as subtest "embedded" and, when the environment has
// an external NATS, as subtest "external".
func ForEachServer(t *testing.T, fn func(t *testing.T, b *bus.Bus), opts ...Option) {
	t.Run("embedded", func(t *testing.T) { fn(t, Embedded(t, opts...)) })
	t.Run("external", func(t *testing.T) { fn(t, External(t, opts...)) })
}

func open(t testing.TB, cfg bus.Config, opts []Option) *bus.Bus {
	t.Helper()
	o := options{reg: prometheus.NewRegistry(), logger: slog.New(slog.DiscardHandler)}
	for _, fn := range opts {
		fn(&o)
	}
	if o.cfg != nil {
		o.cfg(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := bus.Open(ctx, cfg, o.logger, o.reg)
	if err != nil {
		t.Fatalf("open test bus: %v", err)
	}
	// Cleanups run last-in first-out: registered before External's stream
	// deletion, the close runs after it.
	t.Cleanup(b.Close)
	return b
}

// Messages returns every message stored in stream matching the wire subject
// filter, oldest first, read with an ordered consumer (nothing is acked).
func Messages(t testing.TB, b *bus.Bus, stream, filter string) []jetstream.Msg {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cons, err := b.JetStream().OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{filter}})
	if err != nil {
		t.Fatalf("read %s %s: %v", stream, filter, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		t.Fatalf("read %s %s: %v", stream, filter, err)
	}
	var out []jetstream.Msg
	for want := int(info.NumPending); len(out) < want; {
		batch, err := cons.Fetch(want-len(out), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatalf("read %s %s: %v", stream, filter, err)
		}
		n := len(out)
		for m := range batch.Messages() {
			out = append(out, m)
		}
		if err := batch.Error(); err != nil {
			t.Fatalf("read %s %s: %v", stream, filter, err)
		}
		if len(out) == n {
			t.Fatalf("read %s %s: %d of %d messages arrived", stream, filter, n, want)
		}
	}
	return out
}

// Events returns the events stored for an event type filter (without the
// subject prefix, wildcards allowed: "commerce.catalog.>"), oldest first.
func Events(t testing.TB, b *bus.Bus, filter string) []bus.Event {
	t.Helper()
	domain, _, _ := strings.Cut(filter, ".")
	msgs := Messages(t, b, b.StreamName(domain), b.Subject(filter))
	out := make([]bus.Event, 0, len(msgs))
	for _, m := range msgs {
		var ev bus.Event
		if err := ev.UnmarshalJSON(m.Data()); err != nil {
			t.Fatalf("decode event on %s: %v", m.Subject(), err)
		}
		out = append(out, ev)
	}
	return out
}

// WaitEvents waits up to 10s until at least n events match filter and
// returns them all.
func WaitEvents(t testing.TB, b *bus.Bus, filter string, n int) []bus.Event {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		evs := Events(t, b, filter)
		if len(evs) >= n {
			return evs
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %d events matching %s; have %d", n, filter, len(evs))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
