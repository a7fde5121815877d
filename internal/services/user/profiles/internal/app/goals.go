package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Goals lists the caller's goals, oldest first.
func (a *App) Goals(ctx context.Context) ([]domain.Goal, error) {
	uid, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return a.repo.Goals(ctx, uid)
}

// CreateGoal adds a goal for the caller (at most domain.MaxGoals); its
// progress starts at 0.
func (a *App) CreateGoal(ctx context.Context, g domain.Goal) (domain.Goal, error) {
	uid, err := caller(ctx)
	if err != nil {
		return g, err
	}
	if err := g.Validate(a.now()); err != nil {
		return g, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return g, err
	}
	now := a.now()
	g.ID, g.UserID, g.Progress, g.CreatedAt, g.UpdatedAt = newID(), uid, 0, now, now
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if err := a.repo.LockProfile(ctx, uid); err != nil {
			return nil, err
		}
		n, err := a.repo.CountGoals(ctx, uid)
		if err != nil {
			return nil, err
		}
		if n >= domain.MaxGoals {
			return nil, domain.ErrTooManyGoals
		}
		return nil, a.repo.InsertGoal(ctx, g)
	})
	return g, err
}

// UpdateGoal replaces the editable fields of one of the caller's goals.
// Progress is kept unless the kind changes (it would measure something else).
func (a *App) UpdateGoal(ctx context.Context, id string, in domain.Goal) (domain.Goal, error) {
	uid, err := caller(ctx)
	if err != nil {
		return in, err
	}
	if !ValidID(id) {
		return in, domain.ErrGoalNotFound
	}
	var out domain.Goal
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		g, err := a.repo.Goal(ctx, uid, id)
		if err != nil {
			return nil, err
		}
		if g.Kind != in.Kind {
			g.Progress = 0
		}
		g.Kind, g.Sport, g.Period, g.Target, g.RaceName, g.RaceDate = in.Kind, in.Sport, in.Period, in.Target, in.RaceName, in.RaceDate
		if err := g.Validate(a.now()); err != nil {
			return nil, err
		}
		g.UpdatedAt = a.now()
		out = g
		return nil, a.repo.UpdateGoal(ctx, g)
	})
	return out, err
}

// DeleteGoal removes one of the caller's goals.
func (a *App) DeleteGoal(ctx context.Context, id string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if !ValidID(id) {
		return domain.ErrGoalNotFound
	}
	return a.repo.DeleteGoal(ctx, uid, id)
}
