package bus_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

func TestHandleOnce(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		runs := 0
		apply := func(id string, fail error) error {
			return bus.HandleOnce(ctx, db, "billing-orders", id, func(ctx context.Context) error {
				runs++
				if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO orders (id, total) VALUES ($1, 1)`, id); err != nil {
					return err
				}
				return fail
			})
		}
		boom := errors.New("boom")
		if err := apply("e1", boom); !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		// The failure rolled back the inbox row too: the retry runs fn again.
		if err := apply("e1", nil); err != nil {
			t.Fatal(err)
		}
		if err := apply("e1", nil); err != nil {
			t.Fatal(err)
		}
		if runs != 2 || count(t, db, `SELECT count(*) FROM orders WHERE id = 'e1'`) != 1 {
			t.Fatalf("fn ran %d times, want 2 (one failed, one applied, the redelivery skipped)", runs)
		}
		// Another consumer of the same event has its own inbox entry.
		err := bus.HandleOnce(ctx, db, "audit-orders", "e1", func(context.Context) error { runs++; return nil })
		if err != nil || runs != 3 {
			t.Fatalf("second consumer: runs %d, err %v", runs, err)
		}

		if n, err := bus.PruneInbox(ctx, db, time.Hour); err != nil || n != 0 {
			t.Fatalf("prune of fresh rows: %d, %v", n, err)
		}
		if n, err := bus.PruneInbox(ctx, db, -time.Second); err != nil || n != 2 {
			t.Fatalf("prune of all rows: %d, %v", n, err)
		}
	})
}

func TestConsumerWithInboxAppliesARedeliveryOnce(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		b := bustest.Embedded(t)
		ev := mustEvent(t, orderCreated, "inboxed")
		var applied, deliveries atomic.Int32
		start(t, newConsumer(t, b, bus.Subscription{
			Name: "billing-orders", Subjects: []string{orderCreated}, Backoff: []time.Duration{10 * time.Millisecond},
			Handler: func(ctx context.Context, ev bus.Event) error {
				n := deliveries.Add(1)
				err := bus.HandleOnce(ctx, db, "billing-orders", ev.ID, func(ctx context.Context) error {
					applied.Add(1)
					_, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO orders (id, total) VALUES ($1, 1)`, ev.Subject)
					return err
				})
				if err != nil {
					return err
				}
				if n == 1 {
					// Committed, but the ack is lost (say the process died here).
					return errors.New("crash after commit")
				}
				return nil
			},
		}))
		if err := b.Publish(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the redelivery", func() bool {
			return deliveries.Load() == 2
		})
		time.Sleep(50 * time.Millisecond) // a third delivery would come now
		if applied.Load() != 1 || deliveries.Load() != 2 || count(t, db, `SELECT count(*) FROM orders WHERE id = 'inboxed'`) != 1 {
			t.Fatalf("effect applied %d times over %d deliveries, want once over two", applied.Load(), deliveries.Load())
		}
	})
}

// TestInboxHandler: a decoded change is applied once and Committed runs
// after it; an event the consumer does not use changes nothing; a payload
// decode refuses is a permanent error (dead-lettered at once).
func TestInboxHandler(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		var committed atomic.Int32
		h := bus.Inbox{DB: db, Committed: func() { committed.Add(1) }}.Handler("billing-orders",
			func(ev bus.Event) (func(ctx context.Context) error, error) {
				switch ev.Type {
				case "commerce.orders.order_created.v1":
					return func(ctx context.Context) error {
						_, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO orders (id, total) VALUES ($1, 1)`, ev.Subject)
						return err
					}, nil
				case "commerce.orders.order_broken.v1":
					return nil, errors.New("unreadable payload")
				}
				return nil, nil
			})
		ev := func(typ, subject string) bus.Event {
			e, err := bus.NewEvent(typ, "orders", subject, map[string]string{})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		created := ev("commerce.orders.order_created.v1", "o-7")
		for range 2 { // a redelivery is skipped
			if err := h(ctx, created); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db, `SELECT count(*) FROM orders WHERE id = 'o-7'`); n != 1 || committed.Load() != 2 {
			t.Fatalf("orders %d, committed %d", n, committed.Load())
		}
		if err := h(ctx, ev("commerce.orders.order_shipped.v1", "o-7")); err != nil || committed.Load() != 2 {
			t.Fatalf("unused event: %v, committed %d", err, committed.Load())
		}
		if err := h(ctx, ev("commerce.orders.order_broken.v1", "o-8")); !bus.IsPermanent(err) {
			t.Fatalf("undecodable event: %v, want a permanent error", err)
		}
	})
}
