package app

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// Get returns the caller's settings; a user with none stored yet (their
// registration not yet seen) gets the defaults.
func (a *App) Get(ctx context.Context) (domain.Settings, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return domain.Settings{}, err
	}
	s, err := a.repo.Get(ctx, p.Subject)
	if errors.Is(err, domain.ErrSettingsNotFound) {
		return domain.Defaults(p.Subject, "", a.now()), nil
	}
	return s, err
}

// Update applies a partial change to the caller's settings. A change emits
// settings_changed (the full snapshot); giving or withdrawing consent also
// emits marketing_consent_changed and adds a consent record. A patch that
// changes nothing emits nothing.
func (a *App) Update(ctx context.Context, patch domain.Patch) (domain.Settings, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return domain.Settings{}, err
	}
	var out domain.Settings
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		now := a.now()
		cur, created, err := a.getOrCreate(ctx, p.Subject)
		if err != nil {
			return nil, err
		}
		res, err := domain.Apply(cur, patch, now)
		if err != nil {
			return nil, err
		}
		out = res.Settings
		if !res.Changed && !created {
			return nil, nil
		}
		if err := a.repo.Save(ctx, out); err != nil {
			return nil, err
		}
		ev, err := changedEvent(out)
		if err != nil {
			return nil, err
		}
		events := []bus.Event{ev}
		if res.ConsentChanged {
			rec := domain.ConsentRecord{ID: uuid.Must(uuid.NewV7()).String(), UserID: out.UserID,
				Granted: out.Consent.Granted, At: now}
			if err := a.repo.AddConsentRecord(ctx, rec); err != nil {
				return nil, err
			}
			cev, err := bus.NewEvent(settingsapi.EventMarketingConsentChanged, Source, out.UserID,
				settingsapi.MarketingConsentChangedV1{UserID: out.UserID, Granted: rec.Granted, At: now})
			if err != nil {
				return nil, err
			}
			events = append(events, cev)
		}
		return events, nil
	})
	return out, err
}

// SetConsent gives (true) or withdraws (false) the caller's marketing consent.
func (a *App) SetConsent(ctx context.Context, granted bool) (domain.Settings, error) {
	return a.Update(ctx, domain.Patch{Consent: &granted})
}

// getOrCreate returns the user's settings locked for change, first storing
// the defaults when the user has none (created is then true).
func (a *App) getOrCreate(ctx context.Context, userID string) (s domain.Settings, created bool, err error) {
	s, err = a.repo.GetForUpdate(ctx, userID)
	if !errors.Is(err, domain.ErrSettingsNotFound) {
		return s, false, err
	}
	// A concurrent first change may insert the row first: Create then does
	// nothing and the locked read below waits for and sees that row.
	created, err = a.repo.Create(ctx, domain.Defaults(userID, "", a.now()))
	if err != nil {
		return s, false, err
	}
	s, err = a.repo.GetForUpdate(ctx, userID)
	return s, created, err
}
