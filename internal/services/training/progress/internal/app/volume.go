package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

// DefaultVolumePeriods is how many weeks or months volume covers by default.
const DefaultVolumePeriods = 12

// Volume returns the caller's volume per period (week or month) and sport
// ("" all), over a range (default: the last 12 periods, this one included).
func (a *App) Volume(ctx context.Context, period, sport string, r Range) (progressapi.VolumeList, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.VolumeList{}, err
	}
	_, today, err := a.today(ctx, uid)
	if err != nil {
		return progressapi.VolumeList{}, err
	}
	from, to, err := span(r, today, func(to time.Time) time.Time {
		start := domain.PeriodStart(to, period)
		if period == domain.PeriodMonth {
			return start.AddDate(0, -(DefaultVolumePeriods - 1), 0)
		}
		return start.AddDate(0, 0, -7*(DefaultVolumePeriods-1))
	})
	if err != nil {
		return progressapi.VolumeList{}, err
	}
	acts, err := a.repo.Activities(ctx, domain.ActivityQuery{UserID: uid, Sport: sport,
		FromDay: from.Format(domain.DateLayout), ToDay: to.Format(domain.DateLayout)})
	if err != nil {
		return progressapi.VolumeList{}, err
	}
	return progressapi.VolumeList{Period: period, From: from.Format(domain.DateLayout), To: to.Format(domain.DateLayout),
		Items: volumes(domain.Volumes(acts, period))}, nil
}

func volumes(vs []domain.Volume) []progressapi.Volume {
	out := make([]progressapi.Volume, len(vs))
	for i, v := range vs {
		out[i] = progressapi.Volume(v)
	}
	return out
}
