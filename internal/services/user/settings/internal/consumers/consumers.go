// Package consumers handles other services' events for the settings
// service: a registration creates the new user's settings in the language
// they chose, a deletion erases them. Each event takes effect once (the
// inbox records it in the same transaction as the change).
package consumers

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/app"
)

// Name is the durable consumer's name.
const Name = "settings-users"

// Subscription returns the consumer of user lifecycle events, applying
// them through a in db's transactions; notify wakes the outbox relay once
// a change has committed.
func Subscription(db *sqldb.DB, a *app.App, notify func()) bus.Subscription {
	return bus.Subscription{
		Name:     Name,
		Subjects: []string{authapi.EventUserRegistered, authapi.EventUserDeleted},
		Handler: bus.Inbox{DB: db, Committed: notify}.Handler(Name, func(ev bus.Event) (func(ctx context.Context) error, error) {
			return decode(a, ev)
		}),
	}
}

// decode reads an event and returns the change it makes (nil for a type
// not used here). A payload that cannot be read or names no user is an
// error no retry can fix.
func decode(a *app.App, ev bus.Event) (func(ctx context.Context) error, error) {
	var (
		user   string
		change func(ctx context.Context) error
		err    error
	)
	switch ev.Type {
	case authapi.EventUserRegistered:
		var p authapi.UserRegisteredV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.Register(ctx, p.UserID, p.Language) }
	case authapi.EventUserDeleted:
		var p authapi.UserDeletedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.DeleteUser(ctx, p.UserID) }
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if user == "" {
		return nil, fmt.Errorf("names no user")
	}
	return change, nil
}
