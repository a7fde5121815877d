package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// ActivityRecorded keeps what goals need of an activity the tracker
// completed or changed (version is its event's time; an older version
// than the one stored changes nothing) and measures the user's goals
// again. It joins the caller's transaction (the consumer's inbox).
func (a *App) ActivityRecorded(ctx context.Context, act domain.TrainingActivity, version time.Time) error {
	return a.repo.InTx(ctx, func(ctx context.Context) error {
		applied, err := a.repo.PutTrainingActivity(ctx, act, version)
		if err != nil || !applied {
			return err
		}
		return a.refreshGoals(ctx, act.UserID)
	})
}

// ActivityDeleted forgets an activity and measures the user's goals again.
func (a *App) ActivityDeleted(ctx context.Context, id, userID string, version time.Time) error {
	return a.repo.InTx(ctx, func(ctx context.Context) error {
		applied, err := a.repo.DeleteTrainingActivity(ctx, id, userID, version)
		if err != nil || !applied {
			return err
		}
		return a.refreshGoals(ctx, userID)
	})
}

// refreshGoals stores the progress of each of the user's goals whose
// measure changed.
func (a *App) refreshGoals(ctx context.Context, userID string) error {
	goals, err := a.repo.Goals(ctx, userID)
	if err != nil || len(goals) == 0 {
		return err
	}
	now := a.now()
	acts, err := a.repo.TrainingActivities(ctx, userID, domain.EarliestNeeded(goals, now))
	if err != nil {
		return err
	}
	loc := domain.GoalsLocation(acts)
	for _, g := range goals {
		if p := domain.ProgressOf(g, acts, now, loc); p != g.Progress {
			if err := a.repo.SetGoalProgress(ctx, g.ID, p); err != nil {
				return err
			}
		}
	}
	return nil
}
