// Package app holds the settings service's use cases: read and change the
// caller's own settings, give or withdraw marketing consent, create a new
// user's settings and erase a deleted user's. Every change records its
// events in the outbox in the same transaction.
package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// Source names the settings service as the source of its events.
const Source = "settings"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// App is the settings service's application layer.
type App struct {
	repo   domain.Repository
	outbox Outbox
	notify func() // wakes the outbox relay after a commit
	now    func() time.Time
}

// New returns the application layer. notify may be nil.
func New(repo domain.Repository, outbox Outbox, notify func()) *App {
	if notify == nil {
		notify = func() {}
	}
	return &App{repo: repo, outbox: outbox, notify: notify, now: func() time.Time { return time.Now().UTC() }}
}

// commit runs write and records its events in one transaction (joining the
// caller's, if any), then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context) ([]bus.Event, error)) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		events, err := write(ctx)
		if err != nil || len(events) == 0 {
			return err
		}
		return a.outbox.AddEvents(ctx, events...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// changedEvent is the settings_changed snapshot of s.
func changedEvent(s domain.Settings) (bus.Event, error) {
	return bus.NewEvent(settingsapi.EventSettingsChanged, Source, s.UserID,
		settingsapi.SettingsChangedV1{UserID: s.UserID, Settings: ToAPI(s)})
}

// ToAPI converts settings to their public shape.
func ToAPI(s domain.Settings) settingsapi.Settings {
	out := settingsapi.Settings{
		Theme: s.Theme, Units: s.Units, FirstDayOfWeek: s.FirstDayOfWeek, Language: s.Language,
		Region: s.Region, TimeZone: s.TimeZone, Currency: s.Currency, Phone: s.Phone,
		Notifications:    make(map[string]settingsapi.Channels, len(s.Notifications)),
		QuietHours:       settingsapi.QuietHours{Enabled: s.QuietHours.Enabled, Start: s.QuietHours.Start, End: s.QuietHours.End},
		MarketingConsent: settingsapi.MarketingConsent{Granted: s.Consent.Granted, At: s.Consent.At()},
		UpdatedAt:        s.UpdatedAt,
	}
	for typ, ch := range s.Notifications {
		out.Notifications[typ] = settingsapi.Channels(ch)
	}
	return out
}
