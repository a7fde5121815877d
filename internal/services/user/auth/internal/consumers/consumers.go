// Package consumers keeps the auth service's projection of the access
// service's decisions: grants (roles, permissions, staff) used to mint
// tokens, blocks that end sessions and refuse sign-ins, and staff unlocks
// that lift a lockout. Each event is applied once (bus.HandleOnce) in the
// same transaction as its effect.
package consumers

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/app"
)

// AccessEvents is the durable name of the consumer of access's events.
const AccessEvents = "auth-access-events"

// Access applies the access service's events.
type Access struct {
	app *app.App
	db  *sqldb.DB
}

// NewAccess returns the consumer's handler over the service's database.
func NewAccess(a *app.App, db *sqldb.DB) *Access { return &Access{app: a, db: db} }

// Subscription is the durable subscription to the events auth projects.
func (c *Access) Subscription() bus.Subscription {
	return bus.Subscription{
		Name: AccessEvents,
		Subjects: []string{accessapi.EventGrantsChanged, accessapi.EventUserBlocked,
			accessapi.EventUserUnblocked, accessapi.EventUserUnlocked},
		Handler: c.Handle,
	}
}

// Handle applies one event once.
func (c *Access) Handle(ctx context.Context, ev bus.Event) error {
	return bus.HandleOnce(ctx, c.db, AccessEvents, ev.ID, func(ctx context.Context) error {
		switch ev.Type {
		case accessapi.EventGrantsChanged:
			var p grants
			if err := decode(ev, &p); err != nil {
				return err
			}
			at := p.At
			if at.IsZero() {
				at = ev.Time
			}
			return c.app.ApplyGrants(ctx, p.UserID, p.Roles, p.Permissions, p.Staff, at)
		case accessapi.EventUserBlocked, accessapi.EventUserUnblocked, accessapi.EventUserUnlocked:
			var p action
			if err := decode(ev, &p); err != nil {
				return err
			}
			switch ev.Type {
			case accessapi.EventUserBlocked:
				return c.app.Block(ctx, p.UserID)
			case accessapi.EventUserUnblocked:
				return c.app.Unblock(ctx, p.UserID)
			default:
				return c.app.StaffUnlock(ctx, p.UserID)
			}
		}
		return nil
	})
}

// decode reads an event's payload. A payload that does not decode or names
// no user can never succeed, so it is dead-lettered at once.
func decode(ev bus.Event, p interface{ user() string }) error {
	if err := ev.Decode(p); err != nil {
		return bus.Permanent(err)
	}
	if p.user() == "" {
		return bus.Permanent(fmt.Errorf("event %s %s names no user", ev.Type, ev.ID))
	}
	return nil
}

type grants struct{ accessapi.GrantsChangedV1 }

func (g *grants) user() string { return g.UserID }

type action struct{ accessapi.UserActionV1 }

func (a *action) user() string { return a.UserID }
