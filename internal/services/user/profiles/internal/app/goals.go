package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Goals lists the caller's goals, oldest first, with their progress as of
// now: the stored progress was measured at the last activity, and a new
// week, month or year may have begun since.
func (a *App) Goals(ctx context.Context) ([]domain.Goal, error) {
	uid, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	goals, err := a.repo.Goals(ctx, uid)
	if err != nil || len(goals) == 0 {
		return goals, err
	}
	now := a.now()
	acts, err := a.repo.TrainingActivities(ctx, uid, domain.EarliestNeeded(goals, now))
	if err != nil {
		return nil, err
	}
	loc := domain.GoalsLocation(acts)
	for i := range goals {
		goals[i].Progress = domain.ProgressOf(goals[i], acts, now, loc)
	}
	return goals, nil
}

// measure sets g's progress from the user's activities as of now.
func (a *App) measure(ctx context.Context, g *domain.Goal) error {
	now := a.now()
	acts, err := a.repo.TrainingActivities(ctx, g.UserID, domain.EarliestNeeded([]domain.Goal{*g}, now))
	if err != nil {
		return err
	}
	g.Progress = domain.ProgressOf(*g, acts, now, domain.GoalsLocation(acts))
	return nil
}

// CreateGoal adds a goal for the caller (at most domain.MaxGoals); its
// progress is measured at once from the activities already recorded.
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
	if err := a.measure(ctx, &g); err != nil {
		return g, err
	}
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

// UpdateGoal replaces the editable fields of one of the caller's goals and
// measures its progress again (the change may measure something else).
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
		g.Kind, g.Sport, g.Period, g.Target, g.RaceName, g.RaceDate = in.Kind, in.Sport, in.Period, in.Target, in.RaceName, in.RaceDate
		g.RaceDistanceM = in.RaceDistanceM
		if err := g.Validate(a.now()); err != nil {
			return nil, err
		}
		if err := a.measure(ctx, &g); err != nil {
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
