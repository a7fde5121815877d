// Package consumers handles the events the tracker reacts to, each
// effectively once (bus.HandleOnce records the event id in the inbox in the
// transaction of the effect):
//   - devices' samples_received (live ingest: one transaction per group
//     commit, however many batches and users it carries; live updates go
//     out once it committed);
//   - devices' activity_received (an imported activity: analysed and its
//     samples written before the inbox transaction, stored or rejected in
//     it);
//   - the profiles service's privacy, zones, profile, follow and athlete
//     events and auth's user_deleted, in one consumer so they apply in the
//     order they were published (a deletion erases everything, blobs
//     first).
package consumers

import (
	"context"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Durable consumer names.
const (
	Ingest  = "tracker-ingest"
	Imports = "tracker-imports"
	Users   = "tracker-users"
)

// Consumers builds the tracker's consumers.
type Consumers struct {
	app   *app.App
	store *store.Store
}

// New returns the consumers over the application layer and the store.
func New(a *app.App, st *store.Store) *Consumers { return &Consumers{app: a, store: st} }

// Subscriptions are the tracker's durable subscriptions.
func (c *Consumers) Subscriptions() []bus.Subscription {
	return []bus.Subscription{
		{Name: Ingest, Handler: c.handleIngest, Subjects: []string{devicesapi.EventSamplesReceived}},
		{Name: Imports, Handler: c.handleImport, Subjects: []string{devicesapi.EventActivityReceived}},
		{Name: Users, Handler: c.handleUsers, Subjects: []string{
			profilesapi.EventPrivacyChanged, profilesapi.EventPrivacyZonesChanged, profilesapi.EventProfileUpdated,
			profilesapi.EventFollowed, profilesapi.EventUnfollowed, profilesapi.EventAthleteChanged,
			authapi.EventUserDeleted}},
	}
}

// Start builds a bus.Consumer per subscription.
func (c *Consumers) Start(b *bus.Bus, logger *slog.Logger) ([]*bus.Consumer, error) {
	return bus.NewConsumers(b, logger, c.Subscriptions()...)
}

// once runs fn effectively once for the event and wakes the relay.
func (c *Consumers) once(ctx context.Context, consumer string, ev bus.Event, fn func(ctx context.Context) error) error {
	return bus.Inbox{DB: c.store.DB(), Committed: c.app.Notify}.Handle(ctx, consumer, ev.ID, fn)
}

func (c *Consumers) handleIngest(ctx context.Context, ev bus.Event) error {
	var p devicesapi.SamplesReceivedV1
	if err := ev.Decode(&p); err != nil {
		return bus.Permanent(err)
	}
	var pending app.Pending
	err := c.once(ctx, Ingest, ev, func(ctx context.Context) error {
		var err error
		pending, err = c.app.Ingest(ctx, p)
		return err
	})
	if err != nil {
		return err
	}
	c.app.Publish(ctx, pending)
	return nil
}

func (c *Consumers) handleImport(ctx context.Context, ev bus.Event) error {
	var p devicesapi.ActivityReceivedV1
	if err := decode(ev, &p, &p.UserID, &p.ImportID); err != nil {
		return err
	}
	done, err := c.store.Handled(ctx, Imports, ev.ID)
	if err != nil || done {
		return err
	}
	job, err := c.app.PrepareImport(ctx, p)
	if err != nil {
		return err
	}
	err = c.once(ctx, Imports, ev, job.Apply)
	job.After(ctx)
	return err
}

func (c *Consumers) handleUsers(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case profilesapi.EventPrivacyChanged:
		var p profilesapi.PrivacyChangedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.PrivacyChanged(ctx, p) })
	case profilesapi.EventPrivacyZonesChanged:
		var p profilesapi.PrivacyZonesChangedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.ZonesChanged(ctx, p) })
	case profilesapi.EventProfileUpdated:
		var p profilesapi.ProfileUpdatedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.ProfileUpdated(ctx, p) })
	case profilesapi.EventAthleteChanged:
		var p profilesapi.AthleteChangedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.AthleteChanged(ctx, p) })
	case profilesapi.EventFollowed:
		var p profilesapi.FollowV1
		if err := decode(ev, &p, &p.FollowerID, &p.FolloweeID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.Followed(ctx, p) })
	case profilesapi.EventUnfollowed:
		var p profilesapi.FollowV1
		if err := decode(ev, &p, &p.FollowerID, &p.FolloweeID); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.Unfollowed(ctx, p) })
	case authapi.EventUserDeleted:
		var p authapi.UserDeletedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		done, err := c.store.Handled(ctx, Users, ev.ID)
		if err != nil || done {
			return err
		}
		// The blobs go first: should the erasure then fail, the redelivery
		// finds their keys again and deletes (nothing) again.
		keys, err := c.app.UserBlobs(ctx, p.UserID)
		if err != nil {
			return err
		}
		if err := c.app.DeleteBlobs(ctx, keys); err != nil {
			return err
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.EraseUser(ctx, p.UserID) })
	}
	return nil
}

// decode reads the payload; a malformed one, or one without the ids, can
// never be handled and is dead-lettered at once.
func decode(ev bus.Event, v any, ids ...*string) error {
	if err := ev.Decode(v); err != nil {
		return bus.Permanent(err)
	}
	for _, id := range ids {
		if *id == "" {
			return bus.Permanent(errMissing(ev.Type + ": payload without an id it needs"))
		}
	}
	return nil
}

type errMissing string

func (e errMissing) Error() string { return string(e) }
