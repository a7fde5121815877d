package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

// Record keeps a completed or changed activity as of version (its event's
// time): the activity and its best efforts replace what was stored unless
// a later version (or a deletion) is there already, the loads of the days
// it moved from and to are summed again, and every effort that became the
// athlete's best of its family and distance publishes personal_record.v1.
// It joins the caller's transaction (the consumer's inbox).
func (a *App) Record(ctx context.Context, act domain.Activity, version time.Time) error {
	return a.repo.InTx(ctx, func(ctx context.Context) error {
		prev, err := a.repo.Stored(ctx, act.ID)
		if err != nil {
			return err
		}
		before := make([]*domain.EffortRow, len(act.Efforts))
		for i, e := range act.Efforts {
			if before[i], err = a.repo.BestEffort(ctx, act.UserID, act.Family, e.Name); err != nil {
				return err
			}
		}
		applied, err := a.repo.PutActivity(ctx, act, version)
		if err != nil || !applied {
			return err
		}
		if prev.Exists && !prev.Deleted && (prev.Day != act.Day || prev.UserID != act.UserID) {
			if err := a.repo.RecomputeDay(ctx, prev.UserID, prev.Day); err != nil {
				return err
			}
		}
		if err := a.repo.RecomputeDay(ctx, act.UserID, act.Day); err != nil {
			return err
		}
		var events []bus.Event
		for i, e := range act.Efforts {
			after, err := a.repo.BestEffort(ctx, act.UserID, act.Family, e.Name)
			if err != nil {
				return err
			}
			// A record is new when this activity holds it now and did not
			// before (a rename of a record-holding activity is no news).
			if after == nil || after.ActivityID != act.ID || before[i] != nil && before[i].ActivityID == act.ID {
				continue
			}
			pr := progressapi.PersonalRecordV1{UserID: act.UserID, ActivityID: act.ID, Family: act.Family,
				Effort: e.Name, ElapsedS: after.ElapsedS, At: act.StartedAt}
			if b := before[i]; b != nil {
				prevS := b.ElapsedS
				pr.PreviousS = &prevS
			}
			ev, err := bus.NewEvent(progressapi.EventPersonalRecord, Source, act.UserID, pr)
			if err != nil {
				return err
			}
			events = append(events, ev)
		}
		return a.outbox.AddEvents(ctx, events...)
	})
}

// Forget removes a deleted activity as of version and sums its day again;
// its efforts no longer count, so records fall back to the next best.
func (a *App) Forget(ctx context.Context, id, userID string, version time.Time) error {
	return a.repo.InTx(ctx, func(ctx context.Context) error {
		prev, err := a.repo.Stored(ctx, id)
		if err != nil {
			return err
		}
		applied, err := a.repo.DeleteActivity(ctx, id, userID, version)
		if err != nil || !applied || !prev.Exists || prev.Deleted {
			return err
		}
		return a.repo.RecomputeDay(ctx, prev.UserID, prev.Day)
	})
}

// AthleteChanged keeps an athlete's sex and birth year as of version.
func (a *App) AthleteChanged(ctx context.Context, ath domain.Athlete, version time.Time) error {
	return a.repo.PutAthlete(ctx, ath, version)
}

// DeleteUser erases everything of a deleted user. The service keeps no
// files, and publishes nothing: the deletion speaks for itself.
func (a *App) DeleteUser(ctx context.Context, userID string) error {
	return a.repo.EraseUser(ctx, userID)
}
