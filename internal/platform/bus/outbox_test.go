package bus_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

const orderCreated = "commerce.orders.order_created.v1"

func TestOutboxCommitsWithTheStateChange(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		kept, dropped := mustEvent(t, orderCreated, "o1"), mustEvent(t, orderCreated, "o2")
		if err := createOrder(ctx, db, "o1", nil, kept); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		if err := createOrder(ctx, db, "o2", boom, dropped); !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if n := count(t, db, `SELECT count(*) FROM orders`); n != 1 {
			t.Fatalf("orders = %d, want 1", n)
		}
		if n := count(t, db, `SELECT count(*) FROM bus_outbox WHERE event_id = $1`, kept.ID); n != 1 {
			t.Fatal("the committed event is not in the outbox")
		}
		if n := count(t, db, `SELECT count(*) FROM bus_outbox`); n != 1 {
			t.Fatalf("outbox rows = %d, want 1: the rolled back event must vanish", n)
		}

		if err := bus.AddToOutbox(ctx, db, mustEvent(t, orderCreated, "o3")); !errors.Is(err, bus.ErrNotInTx) {
			t.Fatalf("outside a transaction: err = %v, want ErrNotInTx", err)
		}
		err := db.InTx(ctx, func(ctx context.Context) error {
			return bus.AddToOutbox(ctx, db, bus.Event{ID: "x", Type: "not.a.type", Source: "orders"})
		})
		if err == nil {
			t.Fatal("invalid event added")
		}
		if err := bus.Migrate(ctx, db); err != nil {
			t.Fatalf("migrating again: %v", err)
		}
		// The bus tables have their own goose table; the service's is untouched.
		if n := count(t, db, `SELECT count(*) FROM bus_schema_version WHERE version_id = 1`); n != 1 {
			t.Fatalf("bus_schema_version has %d rows for version 1", n)
		}
	})
}

func TestRelayPublishesInOrderOnce(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
			ctx := context.Background()
			if _, err := db.SQL.ExecContext(ctx, `DELETE FROM bus_outbox`); err != nil {
				t.Fatal(err)
			}
			var want []string
			for i := range 40 { // 40 transactions of 1-5 events: 120 events
				evs := make([]bus.Event, i%5+1)
				for j := range evs {
					evs[j] = mustEvent(t, orderCreated, fmt.Sprintf("o%d-%d", i, j))
					want = append(want, evs[j].ID)
				}
				if err := createOrder(ctx, db, fmt.Sprintf("%s-%d", b.Config().StreamPrefix, i), nil, evs...); err != nil {
					t.Fatal(err)
				}
			}
			relay := bus.NewRelay(b, db, "orders", slog.New(slog.DiscardHandler), bus.WithBatchSize(32))
			start(t, relay)
			eventually(t, "an empty outbox", func() bool { return count(t, db, `SELECT count(*) FROM bus_outbox`) == 0 })

			msgs := bustest.Messages(t, b, b.StreamName("commerce"), b.Subject(orderCreated))
			if len(msgs) != len(want) {
				t.Fatalf("stream holds %d events, want %d", len(msgs), len(want))
			}
			for i, m := range msgs {
				if id := m.Headers().Get(jetstream.MsgIDHeader); id != want[i] {
					t.Fatalf("message %d: Nats-Msg-Id %q, want %q (order or id lost)", i, id, want[i])
				}
				if !strings.Contains(string(m.Data()), want[i]) {
					t.Fatalf("message %d: body %s is not event %s", i, m.Data(), want[i])
				}
			}
		})
	})
}

func TestRelayRepublishAfterCrashIsDeduplicated(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		b := bustest.Embedded(t)
		ctx := context.Background()
		var evs []bus.Event
		for i := range 10 {
			evs = append(evs, mustEvent(t, orderCreated, fmt.Sprint("c", i)))
		}
		if err := createOrder(ctx, db, "crash", nil, evs...); err != nil {
			t.Fatal(err)
		}
		// Keep the rows as they were before publishing.
		rows, err := db.SQL.QueryContext(ctx, `SELECT event_id, type, payload, headers, created_at FROM bus_outbox ORDER BY seq`)
		if err != nil {
			t.Fatal(err)
		}
		var saved [][]any
		for rows.Next() {
			var id, typ, payload, headers string
			var created int64
			if err := rows.Scan(&id, &typ, &payload, &headers, &created); err != nil {
				t.Fatal(err)
			}
			saved = append(saved, []any{id, typ, payload, headers, created})
		}
		rows.Close()

		stop := start(t, bus.NewRelay(b, db, "orders", nil))
		eventually(t, "an empty outbox", func() bool { return count(t, db, `SELECT count(*) FROM bus_outbox`) == 0 })
		stop()
		// The crash: the publish happened, the delete did not.
		for _, r := range saved {
			if _, err := db.SQL.ExecContext(ctx, `INSERT INTO bus_outbox (event_id, type, payload, headers, created_at)
				VALUES ($1, $2, $3, $4, $5)`, r...); err != nil {
				t.Fatal(err)
			}
		}
		start(t, bus.NewRelay(b, db, "orders", nil))
		eventually(t, "the restored rows published again", func() bool {
			return count(t, db, `SELECT count(*) FROM bus_outbox`) == 0
		})
		got := bustest.Events(t, b, orderCreated)
		if len(got) != len(evs) {
			t.Fatalf("stream holds %d events after the republish, want %d (no duplicates)", len(got), len(evs))
		}
		for i := range got {
			if got[i].ID != evs[i].ID {
				t.Fatalf("event %d is %s, want %s", i, got[i].ID, evs[i].ID)
			}
		}
	})
}

func TestRelayNotifyTraceAndMetrics(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		reg := prometheus.NewRegistry()
		b := bustest.Embedded(t, bustest.WithRegistry(reg))
		// A poll interval far beyond the test: only Notify can wake the relay.
		relay := bus.NewRelay(b, db, "orders", nil, bus.WithPollInterval(time.Hour))
		start(t, relay)
		time.Sleep(50 * time.Millisecond) // let the relay find the outbox empty and sleep

		traceID, _ := trace.TraceIDFromHex("0af7651916cd43dd8448eb211c80319c")
		spanID, _ := trace.SpanIDFromHex("b7ad6b7169203331")
		ctx := trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: traceID, SpanID: spanID, TraceFlags: trace.FlagsSampled, Remote: true,
		}))
		ev := mustEvent(t, orderCreated, "traced")
		if err := createOrder(ctx, db, "traced", nil, ev); err != nil {
			t.Fatal(err)
		}
		relay.Notify()
		bustest.WaitEvents(t, b, orderCreated, 1)
		msgs := bustest.Messages(t, b, b.StreamName("commerce"), b.Subject(orderCreated))
		if tp := msgs[0].Headers().Get("traceparent"); !strings.Contains(tp, traceID.String()) {
			t.Fatalf("traceparent = %q, want trace %s", tp, traceID)
		}

		eventually(t, "the published counter", func() bool {
			return metric(t, reg, "sporthub_bus_outbox_published_total", "service", "orders") == 1
		})
		if n := metric(t, reg, "sporthub_bus_outbox_commit_to_publish_seconds", "service", "orders"); n != 1 {
			t.Fatalf("commit-to-publish observations = %v, want 1", n)
		}
		if d := metric(t, reg, "sporthub_bus_outbox_depth", "service", "orders"); d != 0 {
			t.Fatalf("outbox depth = %v, want 0", d)
		}
	})
}

func TestStandbyRelayTakesOverOnPostgres(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		if db.Dialect != sqldb.Postgres {
			t.Skip("one process per SQLite database: no standby relays")
		}
		b := bustest.Embedded(t)
		ctx := context.Background()
		leader := start(t, bus.NewRelay(b, db, "orders", nil, bus.WithLockRetry(20*time.Millisecond)))
		start(t, bus.NewRelay(b, db, "orders", nil, bus.WithLockRetry(20*time.Millisecond)))
		if err := createOrder(ctx, db, "a", nil, mustEvent(t, orderCreated, "a")); err != nil {
			t.Fatal(err)
		}
		bustest.WaitEvents(t, b, orderCreated, 1)
		leader()
		if err := createOrder(ctx, db, "b", nil, mustEvent(t, orderCreated, "b")); err != nil {
			t.Fatal(err)
		}
		if got := bustest.WaitEvents(t, b, orderCreated, 2); got[1].Subject != "b" {
			t.Fatalf("events = %+v", got)
		}
	})
}
