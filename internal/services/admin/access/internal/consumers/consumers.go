// Package consumers keeps the access service's staff directory from other
// services' events: auth's account events (registration, email
// verification, lockouts, two-factor, deletion) and profiles' display
// names. Each event takes effect once (the inbox records it in the same
// transaction as the change).
package consumers

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Name is the durable consumer's name.
const Name = "access-directory"

// Subscription returns the directory's consumer, applying events through a
// in db's transactions; notify wakes the outbox relay after each event.
func Subscription(db *sqldb.DB, a *app.App, notify func()) bus.Subscription {
	return bus.Subscription{
		Name: Name,
		Subjects: []string{authapi.EventUserRegistered, authapi.EventEmailVerified, authapi.EventAccountLocked,
			authapi.EventAccountUnlocked, authapi.EventTwoFactorChanged, authapi.EventUserDeleted,
			profilesapi.EventProfileUpdated},
		Handler: bus.Inbox{DB: db, Committed: notify}.Handler(Name, func(ev bus.Event) (func(ctx context.Context) error, error) {
			return decode(a, ev)
		}),
	}
}

// decode reads an event and returns the directory change it makes (nil for
// a type the directory does not use). A payload that cannot be read or
// names no user is an error no retry can fix.
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
		change = func(ctx context.Context) error { return a.UserRegistered(ctx, p.UserID, p.Email, p.RegisteredAt) }
	case authapi.EventEmailVerified:
		var p authapi.EmailVerifiedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.EmailVerified(ctx, p.UserID, p.Email) }
	case authapi.EventAccountLocked:
		var p authapi.AccountLockedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.AccountLocked(ctx, p.UserID, p.Until) }
	case authapi.EventAccountUnlocked:
		var p authapi.AccountUnlockedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.AccountUnlocked(ctx, p.UserID) }
	case authapi.EventTwoFactorChanged:
		var p authapi.TwoFactorChangedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.TwoFactorChanged(ctx, p.UserID, p.Enabled) }
	case authapi.EventUserDeleted:
		var p authapi.UserDeletedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.UserDeleted(ctx, p.UserID) }
	case profilesapi.EventProfileUpdated:
		var p profilesapi.ProfileUpdatedV1
		err = ev.Decode(&p)
		user = p.UserID
		change = func(ctx context.Context) error { return a.ProfileUpdated(ctx, p.UserID, p.DisplayName) }
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
