package bus_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
)

// recorder is a handler that records every delivery and answers with what
// fail says for it.
type recorder struct {
	mu    sync.Mutex
	calls []delivery
	fail  func(ev bus.Event, attempt int) error
}

type delivery struct {
	ev    bus.Event
	at    time.Time
	trace trace.TraceID
}

func (r *recorder) handle(ctx context.Context, ev bus.Event) error {
	r.mu.Lock()
	attempt := 1
	for _, c := range r.calls {
		if c.ev.ID == ev.ID {
			attempt++
		}
	}
	r.calls = append(r.calls, delivery{ev: ev, at: time.Now(), trace: trace.SpanContextFromContext(ctx).TraceID()})
	r.mu.Unlock()
	if r.fail != nil {
		return r.fail(ev, attempt)
	}
	return nil
}

func (r *recorder) deliveries(id string) []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []delivery
	for _, c := range r.calls {
		if c.ev.ID == id {
			out = append(out, c)
		}
	}
	return out
}

func newConsumer(t *testing.T, b *bus.Bus, sub bus.Subscription) *bus.Consumer {
	t.Helper()
	c, err := bus.NewConsumer(b, sub, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConsumerRetriesWithBackoff(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		ctx := context.Background()
		flaky, fine := mustEvent(t, orderCreated, "flaky"), mustEvent(t, "commerce.orders.order_paid.v1", "fine")
		rec := &recorder{fail: func(ev bus.Event, attempt int) error {
			if ev.ID == flaky.ID && attempt < 3 {
				return apperr.New(apperr.Unavailable, "down", "store down")
			}
			return nil
		}}
		backoff := []time.Duration{150 * time.Millisecond, 300 * time.Millisecond}
		start(t, newConsumer(t, b, bus.Subscription{
			Name: "test-orders", Subjects: []string{"commerce.orders.>"}, Handler: rec.handle, Backoff: backoff,
		}))
		traceID, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
		spanID, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
		tctx := trace.ContextWithSpanContext(ctx, trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: traceID, SpanID: spanID, TraceFlags: trace.FlagsSampled}))
		if err := b.Publish(tctx, flaky); err != nil {
			t.Fatal(err)
		}
		if err := b.Publish(ctx, fine); err != nil {
			t.Fatal(err)
		}
		eventually(t, "three deliveries of the flaky event", func() bool { return len(rec.deliveries(flaky.ID)) == 3 })
		d := rec.deliveries(flaky.ID)
		for i := 1; i < 3; i++ {
			if gap := d[i].at.Sub(d[i-1].at); gap < backoff[i-1] {
				t.Errorf("retry %d came after %v, before the back-off %v", i, gap, backoff[i-1])
			}
		}
		if d[0].trace != traceID {
			t.Errorf("handler trace = %s, want the publisher's %s", d[0].trace, traceID)
		}
		if got := d[0].ev; got.Type != flaky.Type || got.Subject != "flaky" || string(got.Data) != string(flaky.Data) {
			t.Errorf("handler got %+v, want %+v", got, flaky)
		}
		if n := len(rec.deliveries(fine.ID)); n != 1 {
			t.Errorf("fine event delivered %d times", n)
		}
		time.Sleep(100 * time.Millisecond)
		if n := len(rec.deliveries(flaky.ID)); n != 3 {
			t.Errorf("flaky event delivered %d times after it succeeded", n)
		}
	})
}

func TestConsumerDeadLettersAfterMaxDeliver(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		ev := mustEvent(t, orderCreated, "doomed")
		rec := &recorder{fail: func(bus.Event, int) error { return errors.New("warehouse full\nline two") }}
		c := newConsumer(t, b, bus.Subscription{
			Name: "test-doomed", Subjects: []string{orderCreated}, Handler: rec.handle,
			MaxDeliver: 3, Backoff: []time.Duration{20 * time.Millisecond},
		})
		start(t, c)
		if err := b.Publish(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
		dlq := waitDLQ(t, b, 1)[0]
		if n := len(rec.deliveries(ev.ID)); n != 3 {
			t.Fatalf("handler ran %d times, want MaxDeliver = 3", n)
		}
		h := dlq.Headers()
		for k, want := range map[string]string{
			bus.HeaderDLQError: "warehouse full line two", bus.HeaderDLQConsumer: "test-doomed",
			bus.HeaderDLQDeliveries: "3", bus.HeaderDLQEventID: ev.ID, bus.HeaderDLQSubject: b.Subject(orderCreated),
			bus.HeaderDLQPermanent: "false",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("header %s = %q, want %q", k, got, want)
			}
		}
		if dlq.Subject() != b.DLQSubject(orderCreated) {
			t.Errorf("dead-lettered to %s", dlq.Subject())
		}
		var back bus.Event
		if err := back.UnmarshalJSON(dlq.Data()); err != nil || back.ID != ev.ID {
			t.Errorf("dead-lettered body is not the original event: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
		if n := len(rec.deliveries(ev.ID)); n != 3 {
			t.Fatalf("dead-lettered event delivered again (%d deliveries)", n)
		}
		eventually(t, "no lag after dead-lettering", func() bool {
			lag, err := c.Lag(context.Background())
			return err == nil && lag == 0
		})
	})
}

func TestConsumerDeadLettersPermanentErrorsAtOnce(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		bad, invalid := mustEvent(t, orderCreated, "bad"), mustEvent(t, orderCreated, "invalid")
		rec := &recorder{fail: func(ev bus.Event, _ int) error {
			if ev.ID == bad.ID {
				return fmt.Errorf("decode order: %w", bus.Permanent(errors.New("no total")))
			}
			return apperr.New(apperr.Invalid, "bad_order", "order has no lines")
		}}
		start(t, newConsumer(t, b, bus.Subscription{
			Name: "test-permanent", Subjects: []string{orderCreated}, Handler: rec.handle, Backoff: []time.Duration{time.Hour},
		}))
		for _, ev := range []bus.Event{bad, invalid} {
			if err := b.Publish(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
		}
		dlq := waitDLQ(t, b, 2)
		for i, ev := range []bus.Event{bad, invalid} {
			if n := len(rec.deliveries(ev.ID)); n != 1 {
				t.Errorf("%s: handler ran %d times, want 1", ev.Subject, n)
			}
			h := dlq[i].Headers()
			if h.Get(bus.HeaderDLQEventID) != ev.ID || h.Get(bus.HeaderDLQPermanent) != "true" || h.Get(bus.HeaderDLQDeliveries) != "1" {
				t.Errorf("%s: DLQ headers %v", ev.Subject, h)
			}
		}
		if !strings.Contains(dlq[0].Headers().Get(bus.HeaderDLQError), "no total") {
			t.Errorf("error header %q", dlq[0].Headers().Get(bus.HeaderDLQError))
		}
	})
}

func waitDLQ(t *testing.T, b *bus.Bus, n int) []jetstream.Msg {
	t.Helper()
	var msgs []jetstream.Msg
	eventually(t, fmt.Sprintf("%d dead-lettered messages", n), func() bool {
		msgs = bustest.Messages(t, b, b.DLQStream(), b.DLQSubject(">"))
		return len(msgs) >= n
	})
	return msgs
}

func TestConsumerGracefulStop(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		ctx := context.Background()
		started, release := make(chan string, 10), make(chan struct{})
		var handled atomic.Int32
		sub := bus.Subscription{Name: "test-graceful", Subjects: []string{orderCreated},
			Handler: func(ctx context.Context, ev bus.Event) error {
				started <- ev.Subject
				<-release
				if ctx.Err() != nil {
					return ctx.Err() // the handler's context must outlive the stop
				}
				handled.Add(1)
				return nil
			}}
		c := newConsumer(t, b, sub)
		stop := start(t, c)
		for i := range 3 {
			if err := b.Publish(ctx, mustEvent(t, orderCreated, fmt.Sprint("g", i))); err != nil {
				t.Fatal(err)
			}
		}
		if got := <-started; got != "g0" {
			t.Fatalf("first handled %s", got)
		}
		stopped := make(chan struct{})
		go func() { stop(); close(stopped) }()
		select {
		case <-stopped:
			t.Fatal("Run returned while a handler was still running")
		case <-time.After(150 * time.Millisecond):
		}
		close(release)
		<-stopped
		if handled.Load() != 1 {
			t.Fatalf("%d events handled during the stop, want just the one in flight", handled.Load())
		}
		// The in-flight event was acked; the prefetched ones were handed back,
		// so a new run gets them at once rather than after AckWait (30s).
		start(t, newConsumer(t, b, sub))
		eventually(t, "the other two events", func() bool { return handled.Load() == 3 })
		eventually(t, "no lag: g0 was acked, not left to come back", func() bool {
			lag, err := c.Lag(ctx)
			return err == nil && lag == 0
		})
	})
}

func TestConsumerLag(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	b := bustest.Embedded(t, bustest.WithRegistry(reg))
	ctx := context.Background()
	rec := &recorder{}
	sub := bus.Subscription{Name: "test-lag", Subjects: []string{orderCreated}, Handler: rec.handle}
	c := newConsumer(t, b, sub)
	start(t, c)() // create the durable consumer, then stop
	for i := range 5 {
		if err := b.Publish(ctx, mustEvent(t, orderCreated, fmt.Sprint("l", i))); err != nil {
			t.Fatal(err)
		}
	}
	// The server counts a consumer's pending messages shortly after storing
	// them, not atomically with the publish acknowledgement.
	eventually(t, "lag of 5", func() bool {
		lag, err := c.Lag(ctx)
		return err == nil && lag == 5
	})
	if g := metric(t, reg, "sporthub_bus_consumer_lag", "consumer", "test-lag"); g != 5 {
		t.Fatalf("sporthub_bus_consumer_lag = %v, want 5", g)
	}
	c = newConsumer(t, b, sub)
	start(t, c)
	eventually(t, "lag back to 0", func() bool {
		lag, err := c.Lag(ctx)
		return err == nil && lag == 0
	})
	if g := metric(t, reg, "sporthub_bus_consumer_lag", "consumer", "test-lag"); g != 0 {
		t.Fatalf("sporthub_bus_consumer_lag = %v, want 0", g)
	}
	if n := metric(t, reg, "sporthub_bus_consumer_consumed_total", "consumer", "test-lag"); n != 5 {
		t.Fatalf("consumed_total = %v, want 5", n)
	}
}

func TestConsumerDeadLettersPoisonThatNeverSettles(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	ctx := context.Background()
	rec := &recorder{}
	sub := bus.Subscription{Name: "test-poison", Subjects: []string{orderCreated}, Handler: rec.handle,
		MaxDeliver: 2, AckWait: 100 * time.Millisecond}
	start(t, newConsumer(t, b, sub))()
	ev := mustEvent(t, orderCreated, "poison")
	if err := b.Publish(ctx, ev); err != nil {
		t.Fatal(err)
	}
	// Three deliveries that never settle, as if each one crashed the process.
	raw, err := b.JetStream().Consumer(ctx, b.StreamName("commerce"), "test-poison")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		batch, err := raw.Fetch(1, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for range batch.Messages() {
			n++
		}
		if n != 1 {
			t.Fatalf("delivery %d: got %d messages", i+1, n)
		}
		time.Sleep(150 * time.Millisecond) // let AckWait run out
	}
	start(t, newConsumer(t, b, sub))
	dlq := waitDLQ(t, b, 1)
	if n := len(rec.deliveries(ev.ID)); n != 0 {
		t.Fatalf("handler ran %d times for an event already over MaxDeliver", n)
	}
	if h := dlq[0].Headers(); h.Get(bus.HeaderDLQDeliveries) != "3" || !strings.Contains(h.Get(bus.HeaderDLQError), "over the limit") {
		t.Fatalf("DLQ headers %v", h)
	}
}

func TestConsumerSpansDomainsAndRunsConcurrently(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	ctx := context.Background()
	var inflight, peak atomic.Int32
	var mu sync.Mutex
	seen := map[string]bool{}
	start(t, newConsumer(t, b, bus.Subscription{
		Name: "test-multi", Subjects: []string{"commerce.orders.>", "user.auth.user_registered.v1"}, Concurrency: 4,
		Handler: func(ctx context.Context, ev bus.Event) error {
			n := inflight.Add(1)
			defer inflight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(30 * time.Millisecond)
			mu.Lock()
			seen[ev.Type+"/"+ev.Subject] = true
			mu.Unlock()
			return nil
		}}))
	for i := range 8 {
		if err := b.Publish(ctx, mustEvent(t, orderCreated, fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
		if err := b.Publish(ctx, mustEvent(t, "user.auth.user_registered.v1", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	// Not subscribed: another event of the user domain.
	if err := b.Publish(ctx, mustEvent(t, "user.profiles.profile_updated.v1", "x")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "16 events from two domains", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) == 16
	})
	time.Sleep(50 * time.Millisecond)
	if len(seen) != 16 {
		t.Fatalf("handled %d events, want 16 (the unsubscribed type must not arrive)", len(seen))
	}
	if p := peak.Load(); p < 2 || p > 4 {
		t.Fatalf("peak concurrency %d, want 2..4", p)
	}
}

func TestNewConsumerValidates(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	h := func(context.Context, bus.Event) error { return nil }
	for name, sub := range map[string]bus.Subscription{
		"bad name":          {Name: "a.b", Subjects: []string{"user.>"}, Handler: h},
		"no handler":        {Name: "x", Subjects: []string{"user.>"}},
		"no subjects":       {Name: "x", Handler: h},
		"unknown domain":    {Name: "x", Subjects: []string{"shop.orders.>"}, Handler: h},
		"wildcard domain":   {Name: "x", Subjects: []string{"*.orders.>"}, Handler: h},
		"uppercase":         {Name: "x", Subjects: []string{"user.Auth.>"}, Handler: h},
		"too long":          {Name: "x", Subjects: []string{"user.auth.a.v1.x"}, Handler: h},
		"negative backoff":  {Name: "x", Subjects: []string{"user.>"}, Handler: h, Backoff: []time.Duration{-1}},
		"negative max":      {Name: "x", Subjects: []string{"user.>"}, Handler: h, MaxDeliver: -1},
		"trailing > in mid": {Name: "x", Subjects: []string{"user.>.x"}, Handler: h},
	} {
		if _, err := bus.NewConsumer(b, sub, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, f := range []string{"user.>", "user.auth.>", "user.*.user_registered.v1", "user.auth.user_registered.*"} {
		if _, err := bus.NewConsumer(b, bus.Subscription{Name: "ok", Subjects: []string{f}, Handler: h}, nil); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
