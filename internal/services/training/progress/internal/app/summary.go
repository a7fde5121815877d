package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

// RecentRecordCount is how many record improvements the summary lists.
const RecentRecordCount = 5

// Summary returns the caller's dashboard: today's fitness and form, this
// week's and month's volume per sport, the latest records and predictions.
func (a *App) Summary(ctx context.Context) (progressapi.Summary, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Summary{}, err
	}
	day, today, err := a.today(ctx, uid)
	if err != nil {
		return progressapi.Summary{}, err
	}
	out := progressapi.Summary{Date: day}
	if out.Fitness, err = a.fitnessToday(ctx, uid, today); err != nil {
		return out, err
	}
	week, month := domain.PeriodStart(today, domain.PeriodWeek), domain.PeriodStart(today, domain.PeriodMonth)
	from := week
	if month.Before(from) {
		from = month
	}
	acts, err := a.repo.Activities(ctx, domain.ActivityQuery{UserID: uid, FromDay: from.Format(domain.DateLayout), ToDay: day})
	if err != nil {
		return out, err
	}
	out.Week = periodVolume(acts, domain.PeriodWeek, week.Format(domain.DateLayout))
	out.Month = periodVolume(acts, domain.PeriodMonth, month.Format(domain.DateLayout))
	rows, err := a.repo.Efforts(ctx, uid, "", time.Time{})
	if err != nil {
		return out, err
	}
	steps := domain.RecentImprovements(domain.Records(rows), RecentRecordCount)
	out.RecentRecords = make([]progressapi.RecentRecord, len(steps))
	for i, s := range steps {
		out.RecentRecords[i] = progressapi.RecentRecord{Family: s.Family, Effort: s.Effort, DistanceM: s.DistanceM,
			RecordEntry: recordEntry(s.RecordEntry)}
	}
	out.Predictions, err = a.predictions(ctx, uid)
	return out, err
}

// periodVolume is the volume of the period starting on start.
func periodVolume(acts []domain.Activity, period, start string) progressapi.PeriodVolume {
	out := progressapi.PeriodVolume{PeriodStart: start, Items: []progressapi.Volume{}}
	for _, v := range domain.Volumes(acts, period) {
		if v.PeriodStart == start {
			out.Items = append(out.Items, progressapi.Volume(v))
		}
	}
	return out
}
