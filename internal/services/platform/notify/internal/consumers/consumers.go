// Package consumers turns other services' events into notify's use cases:
// notification requests from any service, and the auth, settings and
// profiles events notify projects its recipients' contacts from (account
// deletion included). Handlers are idempotent by event id.
package consumers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/app"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Durable consumer names.
const (
	RequestsName = "notify-requests"
	UsersName    = "notify-users"
)

// The user events notify projects contacts from.
const (
	EventUserRegistered  = "user.auth.user_registered.v1"
	EventEmailVerified   = "user.auth.email_verified.v1"
	EventUserDeleted     = "user.auth.user_deleted.v1"
	EventSettingsChanged = "user.settings.settings_changed.v1"
	EventProfileUpdated  = "user.profiles.profile_updated.v1"
)

// Requests is the durable consumer of notification requests. Several run
// at once: requests of different users do not depend on each other.
func Requests(b *bus.Bus, a *app.App, logger *slog.Logger) (*bus.Consumer, error) {
	return bus.NewConsumer(b, bus.Subscription{
		Name:        RequestsName,
		Subjects:    []string{notifyapi.EventRequested},
		Concurrency: 4,
		Handler: func(ctx context.Context, ev bus.Event) error {
			var req notifyapi.RequestedV1
			if err := ev.Decode(&req); err != nil {
				return bus.Permanent(fmt.Errorf("decode %s: %w", ev.Type, err))
			}
			return a.HandleRequest(ctx, RequestsName, ev.ID, ev.Time, req)
		},
	}, logger)
}

// The payloads notify reads, field names per the events' contracts (only
// the fields notify uses).
type (
	userRegistered struct {
		UserID   string `json:"user_id"`
		Email    string `json:"email"`
		Language string `json:"language"`
	}
	emailVerified struct {
		UserID string `json:"user_id"`
		Email  string `json:"email"`
	}
	userDeleted struct {
		UserID    string    `json:"user_id"`
		DeletedAt time.Time `json:"deleted_at"`
	}
	settingsChanged struct {
		UserID        string                     `json:"user_id"`
		Language      string                     `json:"language"`
		TimeZone      string                     `json:"time_zone"`
		Units         string                     `json:"units"`
		Phone         *string                    `json:"phone"`
		Notifications map[string]map[string]bool `json:"notifications"`
		QuietHours    struct {
			Enabled bool   `json:"enabled"`
			Start   string `json:"start"`
			End     string `json:"end"`
		} `json:"quiet_hours"`
	}
	profileUpdated struct {
		UserID      string `json:"user_id"`
		DisplayName string `json:"display_name"`
	}
)

// Users is the durable consumer of the user events behind the contact
// projection. It runs one event at a time so a user's events apply in the
// order they were published.
func Users(b *bus.Bus, a *app.App, logger *slog.Logger) (*bus.Consumer, error) {
	return bus.NewConsumer(b, bus.Subscription{
		Name:     UsersName,
		Subjects: []string{EventUserRegistered, EventEmailVerified, EventUserDeleted, EventSettingsChanged, EventProfileUpdated},
		Handler: func(ctx context.Context, ev bus.Event) error {
			return handleUser(ctx, a, ev)
		},
	}, logger)
}

func handleUser(ctx context.Context, a *app.App, ev bus.Event) error {
	decode := func(dst any, userID *string) error {
		if err := ev.Decode(dst); err != nil {
			return bus.Permanent(fmt.Errorf("decode %s: %w", ev.Type, err))
		}
		if *userID == "" {
			return bus.Permanent(fmt.Errorf("%s %s: no user id", ev.Type, ev.ID))
		}
		return nil
	}
	switch ev.Type {
	case EventUserRegistered:
		var p userRegistered
		if err := decode(&p, &p.UserID); err != nil {
			return err
		}
		return a.UpdateContact(ctx, UsersName, ev.ID, p.UserID, app.ContactChange{
			Registered: &app.Registration{Email: p.Email, Language: p.Language}})
	case EventEmailVerified:
		var p emailVerified
		if err := decode(&p, &p.UserID); err != nil {
			return err
		}
		return a.UpdateContact(ctx, UsersName, ev.ID, p.UserID, app.ContactChange{VerifiedEmail: &p.Email})
	case EventSettingsChanged:
		var p settingsChanged
		if err := decode(&p, &p.UserID); err != nil {
			return err
		}
		c := domain.Contact{Language: p.Language, TimeZone: p.TimeZone, Units: p.Units, Overrides: p.Notifications,
			QuietHours: domain.QuietHours{Enabled: p.QuietHours.Enabled, Start: p.QuietHours.Start, End: p.QuietHours.End}}
		if p.Phone != nil {
			c.Phone = *p.Phone
		}
		return a.UpdateContact(ctx, UsersName, ev.ID, p.UserID, app.ContactChange{Settings: &c})
	case EventProfileUpdated:
		var p profileUpdated
		if err := decode(&p, &p.UserID); err != nil {
			return err
		}
		return a.UpdateContact(ctx, UsersName, ev.ID, p.UserID, app.ContactChange{Name: &p.DisplayName})
	case EventUserDeleted:
		var p userDeleted
		if err := decode(&p, &p.UserID); err != nil {
			return err
		}
		return a.DeleteUser(ctx, UsersName, ev.ID, p.UserID, p.DeletedAt)
	}
	return nil
}
