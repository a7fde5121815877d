package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// Registration is a new account's email and language.
type Registration struct {
	Email, Language string
}

// ContactChange is one event's change to a recipient's contact; one field
// is set.
type ContactChange struct {
	Registered    *Registration
	VerifiedEmail *string
	Settings      *domain.Contact // language, time zone, units, phone, overrides, quiet hours
	Name          *string
}

// UpdateContact applies one user event to the contact projection once
// (consumer and event id de-duplicate it). Events about deleted accounts
// are ignored. Requests waiting for this contact are planned right after.
func (a *App) UpdateContact(ctx context.Context, consumer, eventID, userID string, ch ContactChange) error {
	at := a.now()
	err := bus.HandleOnce(ctx, a.store.DB(), consumer, eventID, func(ctx context.Context) error {
		if deleted, err := a.store.Deleted(ctx, userID); err != nil || deleted {
			return err
		}
		switch {
		case ch.Registered != nil:
			return a.store.SetRegistered(ctx, userID, ch.Registered.Email, ch.Registered.Language, at)
		case ch.VerifiedEmail != nil:
			return a.store.SetVerified(ctx, userID, *ch.VerifiedEmail, at)
		case ch.Settings != nil:
			c := *ch.Settings
			c.UserID = userID
			return a.store.SetSettings(ctx, c, at)
		case ch.Name != nil:
			return a.store.SetName(ctx, userID, *ch.Name, at)
		}
		return nil
	})
	if err != nil {
		return err
	}
	a.kick(planKey)
	return nil
}

// DeleteUser erases a deleted account's data: contact, settings, inbox and
// push subscriptions go, the delivery log is anonymised, pending
// deliveries are skipped.
func (a *App) DeleteUser(ctx context.Context, consumer, eventID, userID string, at time.Time) error {
	err := bus.HandleOnce(ctx, a.store.DB(), consumer, eventID, func(ctx context.Context) error {
		return a.store.EraseUser(ctx, userID, a.now())
	})
	if err == nil {
		a.logger.InfoContext(ctx, "deleted account's notification data erased", "user_id", userID, "deleted_at", at)
	}
	return err
}
