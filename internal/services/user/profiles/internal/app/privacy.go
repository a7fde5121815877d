package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// PrivacyView is the owner's privacy settings and zones.
type PrivacyView struct {
	Privacy domain.Privacy
	Zones   []domain.Zone
}

// Privacy returns the caller's privacy settings and zones.
func (a *App) Privacy(ctx context.Context) (PrivacyView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return PrivacyView{}, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return PrivacyView{}, err
	}
	return a.privacyView(ctx, uid)
}

func (a *App) privacyView(ctx context.Context, uid string) (PrivacyView, error) {
	p, err := a.repo.Profile(ctx, uid)
	if err != nil {
		return PrivacyView{}, err
	}
	zones, err := a.repo.Zones(ctx, uid)
	return PrivacyView{Privacy: p.Privacy, Zones: zones}, err
}

// UpdatePrivacy applies change to the caller's privacy settings. A change
// publishes privacy_changed (and profile_updated when the visibility moved);
// making the profile public accepts every pending follow request.
func (a *App) UpdatePrivacy(ctx context.Context, change func(p *domain.Privacy)) (PrivacyView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return PrivacyView{}, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return PrivacyView{}, err
	}
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var ev events
		_, err := a.repo.UpdateProfile(ctx, uid, func(p *domain.Profile) error {
			before := p.Privacy
			change(&p.Privacy)
			if err := p.Privacy.Validate(); err != nil {
				return err
			}
			if p.Privacy == before {
				return errUnchanged
			}
			if p.Privacy.Visibility == before.Visibility {
				ev.privacyChanged(*p)
				return nil
			}
			p.UpdatedAt = a.now()
			ev.profileUpdated(*p)
			return a.visibilityChanged(ctx, &ev, *p)
		})
		if err != nil {
			return nil, err
		}
		return ev.result()
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return PrivacyView{}, err
	}
	return a.privacyView(ctx, uid)
}

func (e *events) privacyChanged(p domain.Profile) {
	act := p.Privacy.Activity
	e.add(profilesapi.EventPrivacyChanged, p.UserID, profilesapi.PrivacyChangedV1{
		UserID: p.UserID, ProfileVisibility: p.Privacy.Visibility,
		ActivityDefaults: profilesapi.ActivityDefaults{Map: act.Map, HeartRate: act.HeartRate, Pace: act.Pace}})
}

// visibilityChanged records a new profile visibility: privacy_changed, and
// for a profile turned public the acceptance of every pending request
// (a public profile has no requests, anyone may follow it).
func (a *App) visibilityChanged(ctx context.Context, ev *events, p domain.Profile) error {
	ev.privacyChanged(p)
	if p.Privacy.Visibility != domain.Public {
		return nil
	}
	now := a.now()
	ids, err := a.repo.ActivateAllPending(ctx, p.UserID, now)
	if err != nil {
		return err
	}
	for _, id := range ids {
		f := profilesapi.FollowV1{FollowerID: id, FolloweeID: p.UserID, At: now}
		ev.add(profilesapi.EventFollowAccepted, p.UserID, f)
		ev.add(profilesapi.EventFollowed, p.UserID, f)
	}
	return nil
}

// AddZone adds a privacy zone for the caller (at most domain.MaxZones) and
// publishes the full list.
func (a *App) AddZone(ctx context.Context, z domain.Zone) (domain.Zone, error) {
	uid, err := caller(ctx)
	if err != nil {
		return z, err
	}
	if err := z.Validate(); err != nil {
		return z, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return z, err
	}
	z.ID, z.UserID, z.CreatedAt = newID(), uid, a.now()
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if err := a.repo.LockProfile(ctx, uid); err != nil {
			return nil, err
		}
		zones, err := a.repo.Zones(ctx, uid)
		if err != nil {
			return nil, err
		}
		if len(zones) >= domain.MaxZones {
			return nil, domain.ErrTooManyZones
		}
		if err := a.repo.InsertZone(ctx, z); err != nil {
			return nil, err
		}
		return zonesChanged(uid, append(zones, z))
	})
	return z, err
}

// DeleteZone removes one of the caller's zones and publishes the full list.
func (a *App) DeleteZone(ctx context.Context, id string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if !ValidID(id) {
		return domain.ErrZoneNotFound
	}
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if err := a.repo.LockProfile(ctx, uid); errors.Is(err, domain.ErrProfileNotFound) {
			return nil, domain.ErrZoneNotFound
		} else if err != nil {
			return nil, err
		}
		if err := a.repo.DeleteZone(ctx, uid, id); err != nil {
			return nil, err
		}
		zones, err := a.repo.Zones(ctx, uid)
		if err != nil {
			return nil, err
		}
		return zonesChanged(uid, zones)
	})
}

func zonesChanged(uid string, zones []domain.Zone) ([]bus.Event, error) {
	list := make([]profilesapi.ZoneV1, len(zones))
	for i, z := range zones {
		list[i] = profilesapi.ZoneV1{ID: z.ID, Lat: z.Lat, Lon: z.Lon, RadiusM: z.RadiusM}
	}
	var ev events
	ev.add(profilesapi.EventPrivacyZonesChanged, uid, profilesapi.PrivacyZonesChangedV1{UserID: uid, Zones: list})
	return ev.result()
}
