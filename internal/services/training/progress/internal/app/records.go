package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

// Records returns the caller's current best per family ("" all) and
// standard distance, each with its history of improvements.
func (a *App) Records(ctx context.Context, family string) (progressapi.Records, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Records{}, err
	}
	rows, err := a.repo.Efforts(ctx, uid, family, time.Time{})
	if err != nil {
		return progressapi.Records{}, err
	}
	recs := domain.Records(rows)
	out := progressapi.Records{Items: make([]progressapi.Record, len(recs))}
	for i, r := range recs {
		hist := make([]progressapi.RecordEntry, len(r.History))
		for j, e := range r.History {
			hist[j] = recordEntry(e)
		}
		out.Items[i] = progressapi.Record{Family: r.Family, Effort: r.Effort, DistanceM: r.DistanceM,
			Best: recordEntry(r.Best()), History: hist}
	}
	return out, nil
}

func recordEntry(e domain.RecordEntry) progressapi.RecordEntry {
	return progressapi.RecordEntry{ActivityID: e.ActivityID, ElapsedS: e.ElapsedS, AchievedAt: e.AchievedAt,
		ImprovementS: e.ImprovementS}
}

// Predictions returns race predictions from the caller's best running
// effort of the last 90 days.
func (a *App) Predictions(ctx context.Context) (progressapi.Predictions, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Predictions{}, err
	}
	return a.predictions(ctx, uid)
}

func (a *App) predictions(ctx context.Context, uid string) (progressapi.Predictions, error) {
	now := a.now()
	out := progressapi.Predictions{WindowDays: int(domain.PredictionWindow / (24 * time.Hour)), Items: []progressapi.Prediction{}}
	rows, err := a.repo.Efforts(ctx, uid, "run", now.Add(-domain.PredictionWindow))
	if err != nil {
		return out, err
	}
	src := domain.BestSource(rows)
	if src == nil {
		return out, nil
	}
	ath, err := a.repo.Athlete(ctx, uid)
	if err != nil {
		return out, err
	}
	preds, vdot := domain.Predict(src.DistanceM, src.ElapsedS)
	out.Source = &progressapi.EffortRef{ActivityID: src.ActivityID, Effort: src.Effort, DistanceM: src.DistanceM,
		ElapsedS: src.ElapsedS, AchievedAt: src.StartedAt}
	out.VDOT = vdot
	out.AgeGradePct = domain.AgeGrade(ath, src.Family, src.DistanceM, src.ElapsedS, now)
	out.Items = predictions(preds)
	return out, nil
}

func predictions(ps []domain.Prediction) []progressapi.Prediction {
	out := make([]progressapi.Prediction, len(ps))
	for i, p := range ps {
		out[i] = progressapi.Prediction{Effort: p.Name, DistanceM: p.DistanceM, RiegelS: p.RiegelS, VDOTS: p.VDOTS}
	}
	return out
}
