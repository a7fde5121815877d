package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// HandleOnce gives a consumer an effectively-once effect over at-least-once
// delivery. In one db.InTx it records (consumer, eventID) in the service's
// inbox and runs fn; if the row is already there the event was handled
// before, fn is skipped and HandleOnce returns nil. When fn fails the whole
// transaction, inbox row included, rolls back, so the redelivery runs fn
// again. fn must make its changes through db.Q(ctx).
//
// A concurrent duplicate (a redelivery while the first delivery is still in
// its transaction) waits on the inbox row's key and is then skipped.
func HandleOnce(ctx context.Context, db *sqldb.DB, consumer, eventID string, fn func(ctx context.Context) error) error {
	if consumer == "" || eventID == "" {
		return fmt.Errorf("handle once: consumer and event id are required")
	}
	err := db.InTx(ctx, func(ctx context.Context) error {
		res, err := db.Q(ctx).ExecContext(ctx,
			`INSERT INTO bus_inbox (consumer, event_id, processed_at) VALUES ($1, $2, $3)
			 ON CONFLICT (consumer, event_id) DO NOTHING`,
			consumer, eventID, time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("record in inbox: %w", sqldb.Classify(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("record in inbox: %w", err)
		}
		if n == 0 {
			return nil // handled before
		}
		return fn(ctx)
	})
	if err != nil {
		return fmt.Errorf("handle %s once for %s: %w", eventID, consumer, err)
	}
	return nil
}

// Inbox applies a consumer's events effectively once in DB's transactions
// (HandleOnce) and then calls Committed, typically the service's outbox
// relay's Notify, so the events a change wrote into the outbox go out at
// once instead of at the relay's next poll.
type Inbox struct {
	DB *sqldb.DB
	// Committed is called after each handled event (nil: nothing).
	Committed func()
}

// Handle runs fn once for the event (see HandleOnce), then Committed.
func (in Inbox) Handle(ctx context.Context, consumer, eventID string, fn func(ctx context.Context) error) error {
	if err := HandleOnce(ctx, in.DB, consumer, eventID, fn); err != nil {
		return err
	}
	if in.Committed != nil {
		in.Committed()
	}
	return nil
}

// Handler returns a Subscription.Handler for consumers that turn each
// event into one change: decode returns the change (nil for an event the
// consumer does not use), or an error for a payload no retry can fix,
// which dead-letters the event at once; the change is applied with Handle.
func (in Inbox) Handler(consumer string, decode func(Event) (func(ctx context.Context) error, error)) func(ctx context.Context, ev Event) error {
	return func(ctx context.Context, ev Event) error {
		change, err := decode(ev)
		if err != nil {
			return Permanent(fmt.Errorf("%s %s: %w", ev.Type, ev.ID, err))
		}
		if change == nil {
			return nil
		}
		return in.Handle(ctx, consumer, ev.ID, change)
	}
}

// PruneInbox deletes inbox rows older than olderThan and returns how many.
// Keep rows at least as long as an event can be redelivered: longer than
// the streams' MaxAge if consumers may ever be rewound, and in any case much
// longer than the consumers' retry schedule.
func PruneInbox(ctx context.Context, db *sqldb.DB, olderThan time.Duration) (int64, error) {
	cutoff := time.Now().Add(-olderThan).UnixMicro()
	res, err := db.Q(ctx).ExecContext(ctx, `DELETE FROM bus_inbox WHERE processed_at < $1`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("prune inbox: %w", sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune inbox: %w", err)
	}
	return n, nil
}
