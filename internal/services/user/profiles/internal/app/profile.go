package app

import (
	"context"
	"errors"
	"reflect"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// ProfileView is a profile with its follow counts and achievements.
type ProfileView struct {
	Profile      domain.Profile
	Followers    int
	Following    int
	Achievements []domain.Achievement
}

// Me returns the caller's profile, creating it on first use.
func (a *App) Me(ctx context.Context) (ProfileView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return ProfileView{}, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return ProfileView{}, err
	}
	return a.view(ctx, uid)
}

// UpdateMe applies change to the caller's profile, normalises and validates
// the result, and saves it with a profile_updated event. A change that
// changes nothing saves nothing. Turning the profile public accepts every
// pending follow request.
func (a *App) UpdateMe(ctx context.Context, change func(p *domain.Profile)) (ProfileView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return ProfileView{}, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return ProfileView{}, err
	}
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var ev events
		_, err := a.repo.UpdateProfile(ctx, uid, func(p *domain.Profile) error {
			before := clone(*p)
			change(p)
			p.Normalize()
			if err := p.Validate(a.now()); err != nil {
				return err
			}
			if reflect.DeepEqual(before, *p) {
				return errUnchanged
			}
			p.UpdatedAt = a.now()
			ev.profileUpdated(*p)
			if !reflect.DeepEqual(athleteOf(before), athleteOf(*p)) {
				ev.athleteChanged(*p)
			}
			if p.Privacy.Visibility != before.Privacy.Visibility {
				return a.visibilityChanged(ctx, &ev, *p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return ev.result()
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return ProfileView{}, err
	}
	return a.view(ctx, uid)
}

// clone copies p deeply enough for a before/after comparison.
func clone(p domain.Profile) domain.Profile {
	p.Sports = append([]domain.SportLevel{}, p.Sports...)
	p.HRZones = append([]int{}, p.HRZones...)
	return p
}

// ensure creates the user's profile when it does not exist yet, with a
// generated display name (the registration event names it from the email).
func (a *App) ensure(ctx context.Context, uid string) error {
	_, err := a.repo.Profile(ctx, uid)
	if !errors.Is(err, domain.ErrProfileNotFound) {
		return err
	}
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		return a.create(ctx, domain.NewProfile(uid, "", a.now()))
	})
}

// create inserts p unless it exists and returns its creation events:
// profile_updated, and athlete_changed so that the training services
// know the athlete (with nothing filled in yet) from the start.
func (a *App) create(ctx context.Context, p domain.Profile) ([]bus.Event, error) {
	created, err := a.repo.CreateProfile(ctx, p)
	if err != nil || !created {
		return nil, err
	}
	var ev events
	ev.profileUpdated(p)
	ev.athleteChanged(p)
	return ev.result()
}

// view reads a profile with its counts and achievements.
func (a *App) view(ctx context.Context, uid string) (ProfileView, error) {
	p, err := a.repo.Profile(ctx, uid)
	if err != nil {
		return ProfileView{}, err
	}
	v := ProfileView{Profile: p}
	if v.Followers, v.Following, err = a.repo.Counts(ctx, uid); err != nil {
		return v, err
	}
	v.Achievements, err = a.repo.Achievements(ctx, uid)
	return v, err
}

// Registered creates the profile of a newly registered user, named after
// the email's local part. A profile created earlier (the user opened the
// app before this event arrived) gets that name if it still has the
// generated one.
func (a *App) Registered(ctx context.Context, uid, email string) error {
	name := domain.NameFromEmail(email)
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		evs, err := a.create(ctx, domain.NewProfile(uid, name, a.now()))
		if err != nil || len(evs) > 0 || name == "" {
			return evs, err
		}
		var ev events
		_, err = a.repo.UpdateProfile(ctx, uid, func(p *domain.Profile) error {
			if p.DisplayName != domain.DefaultDisplayName(uid) {
				return errUnchanged
			}
			p.DisplayName, p.UpdatedAt = name, a.now()
			ev.profileUpdated(*p)
			return nil
		})
		if errors.Is(err, errUnchanged) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return ev.result()
	})
}
