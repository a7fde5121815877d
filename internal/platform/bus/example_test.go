package bus_test

import (
	"context"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// A service writes its state change and its event in one transaction, then
// wakes its relay; another service consumes the event effectively once.
func Example() {
	ctx := context.Background()
	var (
		b      *bus.Bus  // bus.Open(ctx, cfg, logger, metrics.Registerer()), once per process
		db     *sqldb.DB // the service's own database, after db.Migrate and bus.Migrate
		logger *slog.Logger
	)
	relay := bus.NewRelay(b, db, "orders", logger) // run it with the lifecycle manager

	// In a use case:
	ev, err := bus.NewEvent("commerce.orders.order_created.v1", "orders", "o-42", map[string]any{"total": 1990})
	if err != nil {
		return
	}
	err = db.InTx(ctx, func(ctx context.Context) error {
		if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO orders (id, total) VALUES ($1, $2)`, "o-42", 1990); err != nil {
			return err
		}
		return bus.AddToOutbox(ctx, db, ev)
	})
	if err == nil {
		relay.Notify()
	}

	// In the consuming service (its own database: billingDB):
	var billingDB *sqldb.DB
	consumer, err := bus.NewConsumer(b, bus.Subscription{
		Name:     "billing-order-events",
		Subjects: []string{"commerce.orders.order_created.v1"},
		Handler: func(ctx context.Context, ev bus.Event) error {
			var order struct{ Total int64 }
			if err := ev.Decode(&order); err != nil {
				return bus.Permanent(err) // retrying cannot fix a bad payload
			}
			return bus.HandleOnce(ctx, billingDB, "billing-order-events", ev.ID, func(ctx context.Context) error {
				_, err := billingDB.Q(ctx).ExecContext(ctx, `INSERT INTO invoices (order_id, total) VALUES ($1, $2)`, ev.Subject, order.Total)
				return err
			})
		},
	}, logger)
	_, _ = consumer, err // run it with the lifecycle manager too
}
