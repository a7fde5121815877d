// Package consumers handles the events the devices service reacts to, each
// effectively once (bus.HandleOnce records the event id in the inbox in
// the transaction of the effect):
//   - the tracker's activity_completed (with an import id), import_rejected
//     and activity_deleted settle the status of imports and delete their
//     claim-check blobs (a deletion also releases imports refused as
//     duplicates of the activity);
//   - auth's user_deleted erases the user's devices, pairing codes, imports
//     and their files.
package consumers

import (
	"context"
	"errors"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// Durable consumer names.
const (
	TrackerEvents = "devices-tracker-events"
	AuthEvents    = "devices-auth-events"
)

// Consumers builds the service's consumers.
type Consumers struct {
	app *app.App
	db  *sqldb.DB
}

// New returns the consumers over the application layer and the service's
// database (for the inbox).
func New(a *app.App, db *sqldb.DB) *Consumers { return &Consumers{app: a, db: db} }

// Subscriptions are the service's durable subscriptions.
func (c *Consumers) Subscriptions() []bus.Subscription {
	return []bus.Subscription{
		{Name: TrackerEvents, Handler: c.handleTracker, Concurrency: 4, Subjects: []string{
			trackerapi.EventActivityCompleted, trackerapi.EventImportRejected, trackerapi.EventActivityDeleted}},
		{Name: AuthEvents, Handler: c.handleAuth, Subjects: []string{authapi.EventUserDeleted}},
	}
}

// Start builds a bus.Consumer per subscription.
func (c *Consumers) Start(b *bus.Bus, logger *slog.Logger) ([]*bus.Consumer, error) {
	return bus.NewConsumers(b, logger, c.Subscriptions()...)
}

func (c *Consumers) handleTracker(ctx context.Context, ev bus.Event) error {
	var fn func(ctx context.Context) error
	switch ev.Type {
	case trackerapi.EventActivityCompleted:
		var p trackerapi.ActivityV1
		if err := ev.Decode(&p); err != nil {
			return bus.Permanent(err)
		}
		if p.ImportID == "" {
			return nil // a live session's activity
		}
		fn = func(ctx context.Context) error { return c.app.ImportCompleted(ctx, p) }
	case trackerapi.EventImportRejected:
		var p trackerapi.ImportRejectedV1
		if err := ev.Decode(&p); err != nil {
			return bus.Permanent(err)
		}
		if p.ImportID == "" {
			return bus.Permanent(errors.New(ev.Type + ": payload without an import id"))
		}
		fn = func(ctx context.Context) error { return c.app.ImportRejected(ctx, p) }
	case trackerapi.EventActivityDeleted:
		var p trackerapi.ActivityDeletedV1
		if err := ev.Decode(&p); err != nil {
			return bus.Permanent(err)
		}
		fn = func(ctx context.Context) error { return c.app.ActivityDeleted(ctx, p) }
	default:
		return nil
	}
	return bus.HandleOnce(ctx, c.db, TrackerEvents, ev.ID, fn)
}

func (c *Consumers) handleAuth(ctx context.Context, ev bus.Event) error {
	if ev.Type != authapi.EventUserDeleted {
		return nil
	}
	var p authapi.UserDeletedV1
	if err := ev.Decode(&p); err != nil {
		return bus.Permanent(err)
	}
	if p.UserID == "" {
		return bus.Permanent(errors.New(ev.Type + ": payload without a user id"))
	}
	if err := c.app.EraseUserFiles(ctx, p.UserID); err != nil {
		return err
	}
	return bus.HandleOnce(ctx, c.db, AuthEvents, ev.ID, func(ctx context.Context) error {
		return c.app.EraseUser(ctx, p.UserID)
	})
}
